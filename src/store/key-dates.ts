/**
 * `.uigen/keys.json` records when each encryption key was created (`{keys:[{kid, createdAt, active}]}`), so
 * `uigen-pay audit` can warn about keys older than 90 days. Rotation keeps the dates of keys still in the
 * keyring, adds today for new ones and drops retired ones.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const KEY_DATES_FILE = '.uigen/keys.json';

export interface KeyDate {
  kid: string;
  createdAt: string;
  active: boolean;
}

function readDates(file: string): Map<string, string> {
  if (!existsSync(file)) return new Map();
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as {
      keys?: Array<{ kid?: unknown; createdAt?: unknown }>;
    };
    return new Map(
      (parsed.keys ?? [])
        .filter((k) => typeof k.kid === 'string' && typeof k.createdAt === 'string')
        .map((k) => [k.kid as string, k.createdAt as string]),
    );
  } catch {
    // An unreadable file is rewritten from the keyring; the audit check reports the bad file until then.
    return new Map();
  }
}

/** Writes the dates for `kids` (first active) and returns them. */
export function updateKeyDates(cwd: string, kids: readonly string[], now: Date): KeyDate[] {
  const file = join(cwd, KEY_DATES_FILE);
  const known = readDates(file);
  const keys = kids.map((kid, i) => ({
    kid,
    createdAt: known.get(kid) ?? now.toISOString(),
    active: i === 0,
  }));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ keys }, null, 2)}\n`);
  return keys;
}
