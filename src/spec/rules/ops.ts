/**
 * Operational blocks: `alerts`, `retention`, `rateLimit` and `webhooks: {maxBodyBytes}`. All optional with
 * safe defaults. Alert sink URLs and secrets are credentials (a Slack webhook URL is one), so they follow
 * the secret rules: `${VAR}` references only.
 */
import { z } from 'zod';
import {
  DEFAULT_RATE_LIMIT,
  DEFAULT_RETENTION,
  DEFAULT_WEBHOOK_MAX_BYTES,
  defaultAlerts,
  MIN_DEDUPE_DAYS,
} from '../defaults.ts';
import { join } from '../pointer.ts';
import type { AlertSinkConfig, AlertsConfig, RateLimitConfig, RetentionConfig } from '../types.ts';
import { checkUrl } from '../url-rules.ts';
import type { RuleContext } from './context.ts';
import { resolveSecret } from './fields.ts';
import { keysOf, parseShape, warnUnknownKeys } from './shape.ts';

const count = z.number().int().positive();
const window = z.object({ threshold: z.number().positive(), windowMinutes: count }).partial();

const alertsSchema = z.object({
  sinks: z.array(z.unknown()).optional(),
  failedPayments: window.optional(),
  checkoutVelocity: window.optional(),
  webhookFailureRate: z
    .object({ threshold: z.number().positive().max(1), windowMinutes: count })
    .partial()
    .optional(),
  inboxLagSeconds: count.optional(),
  dedupeMinutes: z.number().int().nonnegative().optional(),
  notifyCustomer: z.boolean().optional(),
  pauseCheckoutOnFlag: z.boolean().optional(),
});

const sinkSchemas = {
  slack: z.object({ type: z.literal('slack'), url: z.string() }),
  webhook: z.object({ type: z.literal('webhook'), url: z.string(), secret: z.string() }),
  email: z.object({
    type: z.literal('email'),
    smtpUrl: z.string(),
    from: z.string().min(1),
    to: z.array(z.string().min(1)).min(1),
  }),
  log: z.object({ type: z.literal('log') }),
} as const;

const retentionSchema = z
  .object({ paymentsDays: count, webhookPayloadDays: count, dedupeDays: count, auditLogDays: count })
  .partial();
const rateLimitSchema = z.object({ checkoutPerMinute: count, apiPerMinute: count }).partial();
const webhooksSchema = z
  .object({
    maxBodyBytes: z
      .number()
      .int()
      .min(1024)
      .max(10 * 1024 * 1024),
  })
  .partial();

export interface OpsConfig {
  alerts: AlertsConfig;
  retention: RetentionConfig;
  rateLimit: RateLimitConfig;
  webhookMaxBytes: number;
}

/** `block` is the x-uigen-payments object; `pointer` is where it is. Invalid parts fall back to defaults (errors are reported). */
export function buildOps(ctx: RuleContext, block: Record<string, unknown>, pointer: string): OpsConfig {
  const section = <S extends z.ZodObject>(key: string, schema: S) => {
    const p = join(pointer, key);
    if (block[key] === undefined) return undefined;
    warnUnknownKeys(ctx.report, block[key], keysOf(schema), p);
    return parseShape(ctx.report, schema, block[key], p) as z.infer<S> | undefined;
  };
  const retention = { ...DEFAULT_RETENTION, ...section('retention', retentionSchema) };
  if (retention.dedupeDays < MIN_DEDUPE_DAYS) {
    ctx.report.error(
      'E_RETENTION_DEDUPE',
      join(pointer, 'retention', 'dedupeDays'),
      `must be at least ${MIN_DEDUPE_DAYS}: providers retry webhooks for days and a forgotten event id would apply twice`,
    );
  }
  const rateLimit = { ...DEFAULT_RATE_LIMIT, ...section('rateLimit', rateLimitSchema) };
  const webhookMaxBytes = section('webhooks', webhooksSchema)?.maxBodyBytes ?? DEFAULT_WEBHOOK_MAX_BYTES;

  const alerts = defaultAlerts();
  const a = section('alerts', alertsSchema);
  if (a) {
    const { sinks, failedPayments, checkoutVelocity, webhookFailureRate, ...scalars } = a;
    Object.assign(alerts, scalars);
    Object.assign(alerts.failedPayments, failedPayments);
    Object.assign(alerts.checkoutVelocity, checkoutVelocity);
    Object.assign(alerts.webhookFailureRate, webhookFailureRate);
    if (sinks && sinks.length > 0) alerts.sinks = buildSinks(ctx, sinks, join(pointer, 'alerts', 'sinks'));
  }
  return { alerts, retention, rateLimit, webhookMaxBytes };
}

function buildSinks(ctx: RuleContext, raw: unknown[], pointer: string): AlertSinkConfig[] {
  const out: AlertSinkConfig[] = [];
  raw.forEach((entry, i) => {
    const p = join(pointer, i);
    const type = (entry as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || !(type in sinkSchemas)) {
      ctx.report.error('E_INVALID_VALUE', join(p, 'type'), 'must be one of slack | webhook | email | log');
      return;
    }
    const schema = sinkSchemas[type as keyof typeof sinkSchemas];
    warnUnknownKeys(ctx.report, entry, keysOf(schema), p);
    const s = parseShape(ctx.report, schema, entry, p) as Record<string, unknown> | undefined;
    if (!s) return;
    const url = (field: string, schemes?: string[]) => {
      const v = resolveSecret(ctx, s[field] as string, join(p, field));
      const bad = v === undefined ? undefined : checkUrl(v, { production: ctx.production, schemes });
      if (bad) ctx.report.error(bad.code, join(p, field), bad.message);
      return bad ? undefined : v;
    };
    if (s.type === 'log') out.push({ type: 'log' });
    else if (s.type === 'slack') {
      const u = url('url');
      if (u) out.push({ type: 'slack', url: u });
    } else if (s.type === 'webhook') {
      const u = url('url');
      const secret = resolveSecret(ctx, s.secret as string, join(p, 'secret'));
      if (u && secret) out.push({ type: 'webhook', url: u, secret });
    } else {
      // smtp:// on localhost relays is normal; the URL may carry credentials, hence a secret field.
      const u = resolveSecret(ctx, s.smtpUrl as string, join(p, 'smtpUrl'));
      const bad = u === undefined ? undefined : smtpProblem(u);
      if (bad) ctx.report.error('E_URL_SCHEME', join(p, 'smtpUrl'), bad);
      if (u && !bad) out.push({ type: 'email', smtpUrl: u, from: s.from as string, to: s.to as string[] });
    }
  });
  return out;
}

function smtpProblem(value: string): string | undefined {
  try {
    const u = new URL(value);
    return u.protocol === 'smtp:' || u.protocol === 'smtps:'
      ? undefined
      : 'must be an smtp:// or smtps:// URL';
  } catch {
    return 'must be an smtp:// or smtps:// URL';
  }
}
