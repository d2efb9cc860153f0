/** Tiny constructors so checks read as the rule they enforce. */
import type { Finding } from './types.ts';

export const fail = (message: string, file: string, line = 1): Finding => ({
  verdict: 'fail',
  message,
  location: { file, line: Math.max(1, line) },
});
export const warn = (message: string, file: string, line = 1): Finding => ({
  verdict: 'warn',
  message,
  location: { file, line: Math.max(1, line) },
});
