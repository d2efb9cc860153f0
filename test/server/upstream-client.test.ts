import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createUpstreamClient } from '../../src/server/upstream-client.ts';

type Handler = (req: IncomingMessage, body: Buffer, res: ServerResponse) => void;
let handler: Handler = (_req, _body, res) => res.end();
let server: Server;
let base: URL;
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = createServer((req, res) => {
    sockets.add(req.socket);
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => handler(req, Buffer.concat(chunks), res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = new URL(`http://127.0.0.1:${(server.address() as { port: number }).port}`);
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const client = createUpstreamClient();
afterEach(() => sockets.clear());
afterAll(() => client.close());

describe('the gate upstream client', () => {
  test('forwards method, headers and binary body unchanged, and returns status, headers and bytes', async () => {
    const payload = Buffer.from([0, 255, 1, 254, 0xc3, 0x28, 10]); // not valid UTF-8 on purpose
    handler = (req, body, res) => {
      res.setHeader('set-cookie', ['a=1; HttpOnly', 'b=2']);
      res.setHeader(
        'x-seen',
        `${req.method} ${req.url} ${req.headers['x-request-id']} ${req.headers['content-length']}`,
      );
      res.writeHead(201).end(body);
    };
    const r = await client.request(new URL('/things?q=1', base), {
      method: 'POST',
      headers: { 'x-request-id': 'req_1', 'content-type': 'application/octet-stream' },
      body: payload,
      timeoutMs: 5_000,
    });
    expect(r.status).toBe(201);
    expect(r.body.equals(payload)).toBe(true);
    expect(r.headers['x-seen']).toBe('POST /things?q=1 req_1 7');
    expect(r.headers['set-cookie']).toEqual(['a=1; HttpOnly', 'b=2']);
  });

  test('a compressed response is passed through byte for byte with its content-encoding', async () => {
    const gz = gzipSync(Buffer.from('{"ok":true}'));
    handler = (_req, _body, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(gz);
    const r = await client.request(new URL('/z', base), {
      method: 'GET',
      headers: { 'accept-encoding': 'gzip' },
      timeoutMs: 5_000,
    });
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(r.body.equals(gz)).toBe(true);
  });

  test('does not follow redirects: the 3xx goes back to the caller', async () => {
    handler = (_req, _body, res) => res.writeHead(302, { location: 'https://elsewhere.example/' }).end();
    const r = await client.request(new URL('/r', base), { method: 'GET', headers: {}, timeoutMs: 5_000 });
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe('https://elsewhere.example/');
  });

  test('keeps connections alive: sequential requests reuse one socket', async () => {
    handler = (_req, _body, res) => res.end('x');
    for (let i = 0; i < 5; i++)
      await client.request(new URL('/k', base), { method: 'GET', headers: {}, timeoutMs: 5_000 });
    expect(sockets.size).toBe(1);
  });

  test('a slow upstream is abandoned at the deadline', async () => {
    handler = () => {}; // never answers
    const started = Date.now();
    await expect(
      client.request(new URL('/slow', base), { method: 'GET', headers: {}, timeoutMs: 300 }),
    ).rejects.toThrow(/timeout/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test('a response cut off mid-body is an error, never a truncated success', async () => {
    handler = (req, _body, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('only part');
      setTimeout(() => req.socket.destroy(), 20);
    };
    await expect(
      client.request(new URL('/cut', base), { method: 'GET', headers: {}, timeoutMs: 5_000 }),
    ).rejects.toThrow();
  });

  test('an unreachable upstream rejects', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as { port: number }).port;
    await new Promise((r) => closed.close(r));
    await expect(
      client.request(new URL(`http://127.0.0.1:${port}/`), { method: 'GET', headers: {}, timeoutMs: 5_000 }),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
