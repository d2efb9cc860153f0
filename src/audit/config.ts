/**
 * Optional per-repository audit settings in `.uigen-audit.json` at the audited directory's root, so a team's
 * reviewed exceptions live in the repository (and in code review) rather than in CI flags.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { UsageError } from '../cli/command.ts';

export const AUDIT_CONFIG_FILE = '.uigen-audit.json';

const schema = z
  .object({
    /** Spec files to audit (relative); default: discovered `openapi.*` / `swagger.*` outside test folders. */
    specs: z.array(z.string()).optional(),
    /** Globs excluded from the file scans (e.g. test fixtures that hold fake keys on purpose). */
    exclude: z.array(z.string()).optional(),
    /** Where the incident-response plan lives; default `INCIDENT_RESPONSE.md`. */
    incidentPlan: z.string().optional(),
  })
  .strict();

export type AuditFileConfig = z.infer<typeof schema>;

export function readAuditConfig(dir: string): AuditFileConfig {
  const file = join(dir, AUDIT_CONFIG_FILE);
  if (!existsSync(file)) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new UsageError(`${AUDIT_CONFIG_FILE} is not valid JSON`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new UsageError(
      `${AUDIT_CONFIG_FILE}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}
