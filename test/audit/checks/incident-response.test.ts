import { describe, expect, it } from 'vitest';
import { check, repo, where } from '../support/audit-check.ts';

describe('incident-response check', () => {
  it('fails without a plan', async () => {
    const result = await check(repo(['incident-response/missing']), 'incident-response');
    expect(result.verdict).toBe('fail');
    expect(where(result)).toEqual(['INCIDENT_RESPONSE.md:1']);
  });

  it('warns about missing steps', async () => {
    const result = await check(repo(['incident-response/partial']), 'incident-response');
    expect(result.verdict).toBe('warn');
    expect(result.findings[0].message).toBe('the plan does not cover: investigate, notify, recover, learn');
  });

  it('uses the path configured in .uigen-audit.json', async () => {
    const result = await check(repo(['incident-response/configured']), 'incident-response');
    expect(result.verdict).toBe('pass');
    expect(result.note).toBe('docs/runbooks/payments-incident.md');
  });
});
