/**
 * The one logger factory. pino with path redaction for known secret fields, plus a value scrubber so a
 * provider key or card number that slips into any message or field is masked before it is written.
 */
import pino, { type DestinationStream, type Logger } from 'pino';
import { redact, redactString } from './redact.ts';

export type { Logger } from 'pino';

const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["stripe-signature"]',
  'req.headers["x-square-hmacsha256-signature"]',
  'req.headers["x-square-signature"]',
  'req.headers["paypal-transmission-sig"]',
  'headers.authorization',
  '*.apiKey',
  '*.secret',
  '*.webhookSecret',
  '*.accessToken',
  '*.clientSecret',
  '*.password',
  '*.token',
];

export interface LogOptions {
  level?: string;
  /** Where to write (tests capture into a stream). Defaults to stdout. */
  destination?: DestinationStream;
  name?: string;
}

export function createLogger(opts: LogOptions = {}): Logger {
  return pino(
    {
      name: opts.name ?? 'uigen-pay',
      level: opts.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: {
        // Runs on every log object's own fields: scrub secret-looking values wherever they are.
        log: (obj) => redact(obj),
      },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? redactString(a) : a)) as Parameters<typeof method>;
          method.apply(this, scrubbed);
        },
      },
      serializers: {
        err: (e: Error & { code?: string }) => ({
          type: e?.name,
          code: e?.code,
          message: redactString(String(e?.message ?? e)),
        }),
      },
    },
    opts.destination,
  );
}

/** A logger that writes nothing (CLI commands that only print results). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
