import { parseArgs } from 'node:util';
import { UsageError } from './command.ts';

type Opt = { type: 'string' | 'boolean'; short?: string; multiple?: boolean; default?: string | boolean };

/** node:util parseArgs with usage errors mapped to exit code 2. */
export function parseFlags<T extends Record<string, Opt>>(argv: string[], options: T, allowPositionals = true) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}
