/**
 * Seed guide: "Rotate your API keys periodically (every 90 days recommended)". Creation dates come from
 * `.uigen/keys.json` (`{keys:[{kid, createdAt}]}`, written by `init` and `keys rotate`, for the encryption
 * keys) and, with `--env`, from `UIGEN_KEYS_CREATED_AT` (ISO date the provider API keys were created or last
 * rotated). Age is a deployment fact: past 90 days, or unrecorded, is a warning.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { envLocation } from '../env-location.ts';
import { warn } from '../finding.ts';
import type { AuditContext, Check, Finding } from '../types.ts';

export const KEYS_FILE = '.uigen/keys.json';
export const KEYS_CREATED_AT_VAR = 'UIGEN_KEYS_CREATED_AT';
export const MAX_KEY_AGE_DAYS = 90;

const DAY = 86_400_000;

interface KeyRecord {
  kid: string;
  createdAt: Date;
  active: boolean;
  line: number;
}

function readKeysFile(ctx: AuditContext): KeyRecord[] | string | undefined {
  const abs = join(ctx.dir, KEYS_FILE);
  if (!existsSync(abs)) return undefined;
  const text = readFileSync(abs, 'utf8');
  let parsed: { keys?: Array<{ kid?: unknown; createdAt?: unknown; active?: unknown }> };
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'is not valid JSON';
  }
  const lines = text.split('\n');
  const records = (parsed.keys ?? []).map((k) => ({
    kid: String(k.kid),
    createdAt: new Date(String(k.createdAt)),
    active: k.active === true,
    line: lines.findIndex((l) => l.includes(`"${String(k.kid)}"`)) + 1 || 1,
  }));
  if (records.length === 0 || records.some((r) => Number.isNaN(r.createdAt.getTime())))
    return 'has no keys with a valid createdAt';
  return records;
}

function ageDays(ctx: AuditContext, d: Date): number {
  return Math.floor((ctx.now.getTime() - d.getTime()) / DAY);
}

export const keyAgeCheck: Check = {
  id: 'key-age',
  title: `Keys rotated within ${MAX_KEY_AGE_DAYS} days`,
  checklist: 'API keys stored in environment variables',
  fix: `Rotate: \`uigen-pay keys rotate\` for encryption keys; new provider keys in the dashboard, then set ${KEYS_CREATED_AT_VAR} to the rotation date.`,
  run(ctx) {
    const findings: Finding[] = [];
    const records = readKeysFile(ctx);
    if (typeof records === 'string') findings.push(warn(`${KEYS_FILE} ${records}`, KEYS_FILE, 1));
    else if (!records)
      findings.push(warn(`no record of when the encryption keys were created (${KEYS_FILE})`, KEYS_FILE, 1));
    else {
      const active =
        records.find((r) => r.active) ??
        [...records].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
      const age = ageDays(ctx, active.createdAt);
      if (age > MAX_KEY_AGE_DAYS)
        findings.push(warn(`encryption key '${active.kid}' is ${age} days old`, KEYS_FILE, active.line));
    }
    if (ctx.env) {
      const raw = ctx.env.values[KEYS_CREATED_AT_VAR];
      const loc = envLocation(ctx, KEYS_CREATED_AT_VAR);
      const created = raw ? new Date(raw) : undefined;
      if (!created)
        findings.push(
          warn(`${KEYS_CREATED_AT_VAR} is not set: provider key age unknown`, loc.file, loc.line),
        );
      else if (Number.isNaN(created.getTime()))
        findings.push(warn(`${KEYS_CREATED_AT_VAR} is not an ISO date`, loc.file, loc.line));
      else if (ageDays(ctx, created) > MAX_KEY_AGE_DAYS)
        findings.push(warn(`provider API keys are ${ageDays(ctx, created)} days old`, loc.file, loc.line));
    }
    return { findings, note: ctx.env ? undefined : `provider key age needs --env (${KEYS_CREATED_AT_VAR})` };
  },
};
