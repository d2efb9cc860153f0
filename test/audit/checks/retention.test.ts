import { describe, expect, it } from 'vitest';
import { check, repo, where } from '../support/audit-check.ts';
import { lineIn } from '../support/fixture-repo.ts';

describe('retention check', () => {
  it('fails dedupe ids kept under 30 days', async () => {
    const r = repo(['retention/fail']);
    const result = await check(r, 'retention');
    expect(result.verdict).toBe('fail');
    expect(where(result)).toEqual([`openapi.yaml:${lineIn(r, 'openapi.yaml', 'dedupeDays: 7')}`]);
  });

  it('passes 45 days and reports the defaults', async () => {
    const result = await check(repo([]), 'retention');
    expect(result.verdict).toBe('pass');
    expect(result.note).toContain('spec retention block');
  });
});
