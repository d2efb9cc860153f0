/**
 * DESIGN.md § Server settings: bearer tokens verified against `UIGEN_AUTH_JWKS_URL` (RS256 here, a JWKS we
 * serve on 127.0.0.1) with `UIGEN_AUTH_ISSUER` / `UIGEN_AUTH_AUDIENCE` enforced; `sub` is the user id.
 */
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../support/postgres.ts';
import { errorBody, hsToken, removeDir, type Running, SAAS_SPEC, serveEnv, startLong, tempDir } from './support.ts';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const ISSUER = 'https://auth.contract.test/';
const AUDIENCE = 'uigen-payments-contract';
let dir: string;
let jwks: Server;
let server: Running;
let privateKey: CryptoKey;
let strangerKey: CryptoKey;

beforeAll(async () => {
  dir = tempDir();
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey as CryptoKey;
  strangerKey = (await generateKeyPair('RS256')).privateKey as CryptoKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'contract-1', alg: 'RS256', use: 'sig' };
  jwks = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
  const env = serveEnv({
    UIGEN_AUTH_JWKS_URL: `http://127.0.0.1:${(jwks.address() as { port: number }).port}/.well-known/jwks.json`,
    UIGEN_AUTH_ISSUER: ISSUER,
    UIGEN_AUTH_AUDIENCE: AUDIENCE,
    DATABASE_URL: 'sqlite:jwks.db',
    PORT: String(await freePort()),
  });
  delete (env as NodeJS.ProcessEnv).UIGEN_AUTH_JWT_SECRET;
  server = await startLong(['serve', '--spec', SAAS_SPEC], { cwd: dir, env });
});
afterAll(async () => {
  await server?.stop();
  await new Promise<void>((r) => (jwks ? jwks.close(() => r()) : r()));
  removeDir(dir);
});

function token(opts: { key?: CryptoKey; iss?: string; aud?: string; sub?: string; exp?: string } = {}): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', kid: 'contract-1' })
    .setSubject(opts.sub ?? 'jwks-user')
    .setIssuer(opts.iss ?? ISSUER)
    .setAudience(opts.aud ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(opts.exp ?? '10m')
    .sign(opts.key ?? privateKey);
}

const me = (jwt: string) => fetch(`${server.url}/api/payments/me`, { headers: { authorization: `Bearer ${jwt}` } });

describe('JWT via UIGEN_AUTH_JWKS_URL', () => {
  it('a token signed by a JWKS key with the right issuer and audience is accepted; sub is the user id', async () => {
    const res = await me(await token({ sub: 'jwks-user-7' }));
    expect(res.status).toBe(200);
    expect((await res.json()).userId).toBe('jwks-user-7');
  });

  it.each([
    ['wrong issuer', () => token({ iss: 'https://evil.example/' })],
    ['wrong audience', () => token({ aud: 'someone-else' })],
    ['a key not in the JWKS', () => token({ key: strangerKey })],
    ['an expired token', () => token({ exp: '-1m' })],
    ['an HS256 token (algorithm confusion)', () => hsToken('any-secret-0123456789abcdef0123456789', 'jwks-user')],
  ])('%s is 401 with the error shape', async (_name, make) => {
    const res = await me(await make());
    expect(res.status).toBe(401);
    await errorBody(res);
  });
});
