/**
 * `serve --tls-cert/--tls-key`: HTTPS with TLS 1.2 as the floor and HSTS; plain HTTP keeps HSTS off
 * (covered in auth.test.ts). The certificate is a throw-away self-signed one made with openssl.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { silentLogger } from '../../src/log.ts';
import { type RunningServer, startServer } from '../../src/server/start.ts';
import { generateDevKeys } from '../../src/store/index.ts';
import { SAAS_SPEC } from '../support/stack.ts';

const dir = mkdtempSync(join(tmpdir(), 'uigen-tls-'));
let server: RunningServer;

beforeAll(async () => {
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-subj', '/CN=127.0.0.1', '-days', '1'], { stdio: 'ignore' });
  server = await startServer({
    specFile: SAAS_SPEC,
    env: {
      NODE_ENV: 'test',
      DATABASE_URL: `sqlite:${join(dir, 'p.db')}`,
      ...Object.fromEntries(Object.entries(generateDevKeys()).map(([k, v]) => [k === 'encryptionKeys' ? 'UIGEN_ENCRYPTION_KEYS' : 'UIGEN_BLIND_INDEX_KEY', v])),
      UIGEN_AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
      STRIPE_SECRET_KEY: 'sk_test_tls0000000000000000',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_tls0000000000000000',
      STRIPE_WEBHOOK_SECRET: `whsec_${randomBytes(16).toString('hex')}`,
    },
    port: 0,
    host: '127.0.0.1',
    webDir: false,
    worker: false,
    jobs: false,
    logger: silentLogger(),
    tls: { certFile: cert, keyFile: key },
  });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const port = () => Number(new URL(server.url).port);

test('answers over HTTPS with HSTS', async () => {
  expect(server.url).toMatch(/^https:/);
  const res = await new Promise<{ status?: number; hsts?: string | string[] }>((resolve, reject) =>
    get({ host: '127.0.0.1', port: port(), path: '/healthz', rejectUnauthorized: false }, (r) => {
      r.resume();
      resolve({ status: r.statusCode, hsts: r.headers['strict-transport-security'] });
    }).on('error', reject),
  );
  expect(res.status).toBe(200);
  expect(String(res.hsts)).toMatch(/max-age=\d+/);
});

const handshake = (maxVersion: 'TLSv1.1' | 'TLSv1.2') =>
  new Promise<string>((resolve) => {
    const s = connect({ host: '127.0.0.1', port: port(), rejectUnauthorized: false, minVersion: 'TLSv1', maxVersion }, () => {
      const v = s.getProtocol() ?? 'unknown';
      s.end();
      resolve(v);
    });
    s.on('error', () => resolve('refused'));
  });

test('TLS 1.2 is the floor: a 1.2 client connects, a 1.1 client does not', async () => {
  expect(await handshake('TLSv1.2')).toBe('TLSv1.2');
  expect(await handshake('TLSv1.1')).toBe('refused');
});
