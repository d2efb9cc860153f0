/** Runs one check over a fixture repo and hands back its result (the unit the check tests assert on). */
import { afterEach } from 'vitest';
import type { AuditOptions } from '../../../src/audit/context.ts';
import { runAudit } from '../../../src/audit/run.ts';
import type { CheckResult } from '../../../src/audit/types.ts';
import { type FixtureRepo, fixtureRepo } from './fixture-repo.ts';

const made: FixtureRepo[] = [];

/** Fixture repos made through this are removed after each test. */
export function repo(overlays: string[], opts?: Parameters<typeof fixtureRepo>[1]): FixtureRepo {
  const r = fixtureRepo(overlays, opts);
  made.push(r);
  return r;
}

afterEach(() => {
  for (const r of made.splice(0)) r.cleanup();
});

export async function check(
  r: FixtureRepo,
  id: string,
  opts: Partial<AuditOptions> = {},
): Promise<CheckResult> {
  const report = await runAudit({ dir: r.dir, processEnv: {}, ...opts, only: [id] });
  const result = report.results.find((x) => x.id === id);
  if (!result) throw new Error(`check ${id} did not run`);
  return result;
}

/** `file:line` of every finding, for compact evidence assertions. */
export function where(result: CheckResult): string[] {
  return result.findings.map((f) => `${f.location.file}:${f.location.line}`);
}
