import { describe, expect, it } from 'vitest';
import { check, repo, where } from '../support/audit-check.ts';
import { lineIn } from '../support/fixture-repo.ts';

describe('monitoring check', () => {
  it('warns (never fails) when only the log sink is configured', async () => {
    const r = repo(['monitoring/warn']);
    const result = await check(r, 'monitoring');
    expect(result.verdict).toBe('warn');
    expect(where(result)).toEqual([`openapi.yaml:${lineIn(r, 'openapi.yaml', 'sinks:')}`]);
  });

  it('passes a Slack sink; with --env warns when its URL variable is unset', async () => {
    const r = repo([]);
    expect((await check(r, 'monitoring')).verdict).toBe('pass');
    const env = await check(r, 'monitoring', { envMode: 'production' });
    expect(env.findings[0].message).toBe(
      'alert sink slack: ${SLACK_ALERT_WEBHOOK_URL} not set in production',
    );
  });
});
