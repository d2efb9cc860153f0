import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../../src/log.ts';

/** A real pino logger whose lines are kept (parsed) for assertions. */
export function captureLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split('\n')) if (l) lines.push(JSON.parse(l));
      cb();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), lines };
}
