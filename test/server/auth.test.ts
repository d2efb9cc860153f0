import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestStack, startStack } from '../support/stack.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const meWith = (token: string) => fetch(`${stack.appUrl}/api/payments/me`, { headers: { authorization: `Bearer ${token}` } });
const key = () => new TextEncoder().encode(stack.jwtSecret);

describe('JWT authentication', () => {
  test('a valid HS256 token works and `sub` is the user id', async () => {
    const res = await meWith(await stack.token('user_jwt_ok'));
    expect(res.status).toBe(200);
    expect((await res.json()).userId).toBe('user_jwt_ok');
  });

  test.each([
    ['expired', async () => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('u1').setExpirationTime(Math.floor(Date.now() / 1000) - 3600).sign(key())],
    ['alg none', async () => new UnsecuredJWT({}).setSubject('u1').setExpirationTime('1h').encode()],
    ['wrong key', async () => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('u1').setExpirationTime('1h').sign(new TextEncoder().encode('x'.repeat(40)))],
    ['no sub', async () => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(key())],
    ['no exp', async () => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('u1').sign(key())],
    ['garbage', async () => 'not.a.jwt'],
    ['tampered payload', async () => {
      const t = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('u1').setExpirationTime('1h').sign(key());
      const [h, , s] = t.split('.');
      return `${h}.${Buffer.from(JSON.stringify({ sub: 'admin', exp: 9999999999 })).toString('base64url')}.${s}`;
    }],
  ])('%s token → 401 in the contract shape', async (_name, make) => {
    const res = await meWith(await make());
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body.error.code).toBe('unauthorized');
    expect(body.error.requestId).toMatch(/^req_/);
  });

  test('a non-Bearer scheme is 401', async () => {
    const res = await fetch(`${stack.appUrl}/api/payments/me`, { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(res.status).toBe(401);
  });
});

describe('security headers and error shape', () => {
  test('helmet headers present, no HSTS over plain HTTP, request id echoed', async () => {
    const res = await stack.api('/api/payments/config');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
  });

  test('unknown routes and malformed JSON answer the contract shape, nothing internal', async () => {
    const nf = await stack.api('/api/payments/nope');
    expect(nf.status).toBe(404);
    expect((await nf.json()).error.code).toBe('not_found');
    const bad = await stack.api('/api/payments/checkout', { method: 'POST', user: 'u_json', body: '{"productId":', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(JSON.parse(text).error.requestId).toMatch(/^req_/);
    expect(text).not.toMatch(/at .*\.ts|SyntaxError|Unexpected end/);
  });
});
