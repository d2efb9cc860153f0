import { describe, expect, it } from 'vitest';
import { isCardField } from '../../../src/audit/checks/card-data.ts';
import { check, repo, where } from '../support/audit-check.ts';
import { lineIn } from '../support/fixture-repo.ts';

describe('card-data check', () => {
  it('fails card-number and CVC fields in schemas and parameters, at their lines', async () => {
    const r = repo(['card-data/fail']);
    const result = await check(r, 'card-data');
    expect(result.verdict).toBe('fail');
    expect(where(result).sort()).toEqual(
      [
        `openapi.yaml:${lineIn(r, 'openapi.yaml', 'name: cvc')}`,
        `openapi.yaml:${lineIn(r, 'openapi.yaml', 'cardNumber:')}`,
      ].sort(),
    );
  });

  it('passes brand / last-4 fields', async () => {
    expect((await check(repo([]), 'card-data')).verdict).toBe('pass');
    expect(isCardField('card_last4')).toBe(false);
    expect(isCardField('card-number')).toBe(true);
    expect(isCardField('CVV2')).toBe(true);
  });
});
