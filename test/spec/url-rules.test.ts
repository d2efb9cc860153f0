import { describe, expect, it } from 'vitest';
import { checkRedirect, checkUrl } from '../../src/spec/url-rules.ts';

const dev = { production: false };
const prod = { production: true };

describe('checkUrl', () => {
  it.each([
    'https://app.example.com/payment/success?session_id={CHECKOUT_SESSION_ID}',
    'http://localhost:3000/ok',
    'http://127.0.0.1:4400/webhooks/stripe',
    'http://[::1]:4400/ok',
    'http://LOCALHOST/ok',
  ])('accepts %s in development', (url) => {
    expect(checkUrl(url, dev)).toBeUndefined();
  });

  it.each([
    ['http://app.example.com/x', 'E_URL_INSECURE'],
    ['http://localhost.evil.com/x', 'E_URL_INSECURE'],
    ['http://evil.com/?localhost', 'E_URL_INSECURE'],
    ['http://evil.com/#127.0.0.1', 'E_URL_INSECURE'],
    ['http://localhost./x', 'E_URL_INSECURE'],
    ['http://localhost@evil.com/x', 'E_URL_USERINFO'],
    ['https://user:pass@app.example.com/x', 'E_URL_USERINFO'],
    ['javascript:alert(1)', 'E_URL_SCHEME'],
    ['ftp://example.com/x', 'E_URL_SCHEME'],
    ['data:text/html,hi', 'E_URL_SCHEME'],
    ['/relative', 'E_URL_INVALID'],
    [' https://app.example.com', 'E_URL_INVALID'],
    ['https://app.exa mple.com', 'E_URL_INVALID'],
  ])('rejects %s with %s', (url, code) => {
    expect(checkUrl(url, dev)?.code).toBe(code);
  });

  it('refuses plain http to localhost in production', () => {
    expect(checkUrl('http://localhost:3000/ok', prod)?.code).toBe('E_URL_INSECURE');
    expect(checkUrl('https://localhost:3000/ok', prod)).toBeUndefined();
  });
});

describe('checkRedirect', () => {
  it('accepts same-origin paths and safe absolute URLs', () => {
    expect(checkRedirect('/pricing', dev)).toBeUndefined();
    expect(checkRedirect('/pricing?plan=pro#top', dev)).toBeUndefined();
    expect(checkRedirect('https://app.example.com/pricing', dev)).toBeUndefined();
  });

  it.each(['//evil.com/x', '/\\evil.com', '/pri cing', 'pricing', 'javascript:alert(1)', 'http://evil.com/'])(
    'rejects %s',
    (v) => {
      expect(checkRedirect(v, dev)).toBeDefined();
    },
  );
});
