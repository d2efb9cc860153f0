import { describe, expect, it } from 'vitest';
import { check, repo, where } from '../support/audit-check.ts';
import { lineIn } from '../support/fixture-repo.ts';

describe('gitignore check', () => {
  it('fails when a rule is missing or negated, and on a tracked .env, with the deciding .gitignore line', async () => {
    const r = repo(['gitignore/fail'], { forceAdd: ['.env'] });
    const result = await check(r, 'gitignore');
    expect(result.verdict).toBe('fail');
    const negation = lineIn(r, '.gitignore', '!.env.local');
    expect(where(result)).toEqual([`.gitignore:${negation}`, '.gitignore:1', '.env:1']);
    expect(result.findings[0].message).toContain("negated by '!.env.local'");
    expect(result.findings[1].message).toContain("'*.pem'");
    expect(result.findings[2].message).toContain("'.env' is tracked");
  });

  it('passes when git ignores every env/key file, whatever else the file negates', async () => {
    const result = await check(repo(['gitignore/pass']), 'gitignore');
    expect(result.findings).toEqual([]);
    expect(result.verdict).toBe('pass');
  });

  it('fails with no .gitignore at all', async () => {
    const r = repo(['gitignore/none']);
    const result = await check(r, 'gitignore');
    expect(result.verdict).toBe('fail');
    expect(result.findings).toHaveLength(5);
  });

  it('audits a subfolder against the .gitignore files that apply to it, with paths relative to the subfolder', async () => {
    const r = repo(['gitignore/subfolder']);
    const result = await check({ ...r, dir: `${r.dir}/app` }, 'gitignore');
    expect(result.verdict).toBe('fail');
    expect(where(result)).toEqual(['.gitignore:1']);
    expect(result.findings[0].message).toBe(
      "'.env.local' is not ignored: negated by '!.env.local' (needs '.env.local')",
    );
  });
});
