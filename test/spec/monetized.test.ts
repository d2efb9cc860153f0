import { describe, expect, it } from 'vitest';
import { findMonetized } from '../../src/spec/monetized.ts';
import type { MonetizedOperation } from '../../src/spec/types.ts';

const ops: MonetizedOperation[] = [
  { method: 'GET', path: '/reports/{id}', plans: ['pro'] },
  { method: 'GET', path: '/reports/summary', plans: ['team'] },
  { method: 'POST', path: '/exports', plans: ['pro', 'team'], message: 'upgrade' },
  { method: 'GET', path: '/files/{name}.csv', plans: [] },
];
const config = { monetized: ops };

describe('findMonetized', () => {
  it('matches a concrete path to its template', () => {
    expect(findMonetized(config, 'GET', '/reports/42')).toBe(ops[0]);
    expect(findMonetized(config, 'post', '/exports')).toBe(ops[2]);
    expect(findMonetized(config, 'GET', '/files/data.csv')).toBe(ops[3]);
  });

  it('prefers a concrete path over a template (OpenAPI matching)', () => {
    expect(findMonetized(config, 'GET', '/reports/summary')).toBe(ops[1]);
  });

  it('does not gate other methods, other paths or deeper paths', () => {
    expect(findMonetized(config, 'DELETE', '/reports/42')).toBeUndefined();
    expect(findMonetized(config, 'GET', '/projects')).toBeUndefined();
    expect(findMonetized(config, 'GET', '/reports/42/rows')).toBeUndefined();
    expect(findMonetized(config, 'GET', '/reports')).toBeUndefined();
    expect(findMonetized(config, 'GET', '/files/data.json')).toBeUndefined();
  });

  it('gates HEAD like GET', () => {
    expect(findMonetized(config, 'HEAD', '/reports/42')).toBe(ops[0]);
  });

  it.each([
    '/reports/42?format=csv',
    '/reports/42/',
    '//reports//42',
    '/Reports/42',
    '/REPORTS/42',
    '/report%73/42',
    '/projects/../reports/42',
    '/./reports/42',
    '/reports%2F42',
    '\\reports\\42',
    '/reports/%E0%A4%A', // malformed escape: still gated
  ])('cannot be bypassed with %s', (path) => {
    expect(findMonetized(config, 'GET', path)).toBe(ops[0]);
  });
});
