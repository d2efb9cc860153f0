/**
 * `providers`: one entry per provider (stripe | paypal | square), each with the fields it needs. Secrets are
 * `${VAR}` references resolved from the environment; keys are checked against the mode afterwards.
 */
import { z } from 'zod';
import { currencyProblem } from '../currencies.ts';
import { join } from '../pointer.ts';
import type { Mode, ProviderConfig, ProviderName } from '../types.ts';
import { checkUrl } from '../url-rules.ts';
import type { RuleContext } from './context.ts';
import { resolveSecret, resolveText, splitSecrets } from './fields.ts';
import { checkKeyModes } from './key-mode.ts';
import { keysOf, parseShape, warnUnknownKeys } from './shape.ts';

const base = {
  provider: z.string(),
  mode: z.enum(['test', 'live', 'sandbox', 'production']),
  currency: z.string().min(1),
  webhookUrl: z.string().optional(),
};

const SCHEMAS = {
  stripe: z.object({
    ...base,
    publishableKey: z.string().optional(),
    apiKey: z.string(),
    webhookSecret: z.string(),
  }),
  paypal: z.object({ ...base, clientId: z.string(), clientSecret: z.string(), webhookId: z.string() }),
  square: z.object({
    ...base,
    applicationId: z.string(),
    accessToken: z.string(),
    locationId: z.string(),
    webhookSignatureKey: z.string(),
    webhookUrl: z.string(),
  }),
} as const;

/** Server-only fields: `${VAR}` references, never literals, never sent to a browser. */
export const SECRET_FIELDS: Readonly<Record<ProviderName, readonly string[]>> = {
  stripe: ['apiKey', 'webhookSecret'],
  paypal: ['clientSecret', 'webhookId'],
  square: ['accessToken', 'webhookSignatureKey'],
};

/** Non-secret identifiers that still must not be empty once resolved. */
const KEY_FIELDS: Readonly<Record<ProviderName, readonly string[]>> = {
  stripe: ['publishableKey'],
  paypal: ['clientId'],
  square: ['applicationId', 'locationId'],
};

const MODE_ALIASES: Record<string, Mode> = { sandbox: 'test', production: 'live' };

export function buildProviders(ctx: RuleContext, raw: unknown, pointer: string): ProviderConfig[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    ctx.report.error(
      raw === undefined ? 'E_REQUIRED' : 'E_PROVIDERS_EMPTY',
      pointer,
      'needs at least one provider (stripe, paypal or square)',
    );
    return [];
  }
  const seen = new Set<string>();
  const out: ProviderConfig[] = [];
  raw.forEach((entry, i) => {
    const p = join(pointer, i);
    const name = (entry as { provider?: unknown } | null)?.provider;
    if (typeof name !== 'string' || !(name in SCHEMAS)) {
      ctx.report.error(
        name === undefined ? 'E_REQUIRED' : 'E_PROVIDER_UNKNOWN',
        join(p, 'provider'),
        `must be one of stripe | paypal | square${typeof name === 'string' ? ` (got '${name}')` : ''}`,
      );
      return;
    }
    if (seen.has(name)) {
      ctx.report.error('E_PROVIDER_DUPLICATE', join(p, 'provider'), `'${name}' is configured more than once`);
      return;
    }
    seen.add(name);
    const built = buildOne(ctx, name as ProviderName, entry, p);
    if (built) out.push(built);
  });
  return out;
}

function buildOne(
  ctx: RuleContext,
  name: ProviderName,
  entry: unknown,
  p: string,
): ProviderConfig | undefined {
  const schema = SCHEMAS[name];
  warnUnknownKeys(ctx.report, entry, keysOf(schema), p);
  const shape = parseShape(ctx.report, schema, entry, p) as Record<string, string> | undefined;
  if (!shape) return undefined;

  let mode = shape.mode as Mode;
  if (shape.mode in MODE_ALIASES) {
    mode = MODE_ALIASES[shape.mode];
    ctx.report.warn('W_MODE_ALIAS', join(p, 'mode'), `'${shape.mode}' is read as '${mode}'; write '${mode}'`);
  }
  let ok = true;
  const problem = currencyProblem(shape.currency);
  if (problem) {
    ctx.report.error('E_CURRENCY', join(p, 'currency'), problem);
    ok = false;
  }
  if (mode === 'live' && !ctx.production && !ctx.allowLive) {
    ctx.report.error(
      'E_LIVE_MODE_NOT_PRODUCTION',
      join(p, 'mode'),
      `is live but NODE_ENV is '${ctx.nodeEnv}'; use test keys, set NODE_ENV=production or pass --allow-live`,
    );
    ok = false;
  } else if (mode === 'test' && ctx.production) {
    ctx.report.warn(
      'W_TEST_MODE_IN_PRODUCTION',
      join(p, 'mode'),
      'is test while NODE_ENV is production: no real payments will be taken',
    );
  }

  const values: Record<string, string> = {};
  for (const field of SECRET_FIELDS[name]) {
    const v = resolveSecret(ctx, shape[field], join(p, field));
    if (v === undefined) ok = false;
    else values[field] = v;
  }
  for (const field of KEY_FIELDS[name]) {
    if (shape[field] === undefined) continue;
    const v = resolveText(ctx, shape[field], join(p, field), { key: true });
    if (v === undefined) ok = false;
    else values[field] = v.trim();
  }
  if (shape.webhookUrl !== undefined) {
    const url = resolveText(ctx, shape.webhookUrl, join(p, 'webhookUrl'), { key: true });
    const bad = url === undefined ? undefined : checkUrl(url, ctx);
    if (bad) ctx.report.error(bad.code, join(p, 'webhookUrl'), bad.message);
    if (url === undefined || bad) ok = false;
    else values.webhookUrl = url;
  }
  if (!checkKeyModes(ctx, name, mode, values, p)) ok = false;
  if (!ok) return undefined;

  const common = {
    mode,
    currency: shape.currency,
    ...(values.webhookUrl ? { webhookUrl: values.webhookUrl } : {}),
  };
  switch (name) {
    case 'stripe':
      return {
        provider: 'stripe',
        ...common,
        ...(values.publishableKey ? { publishableKey: values.publishableKey } : {}),
        apiKey: values.apiKey,
        webhookSecrets: splitSecrets(values.webhookSecret),
      };
    case 'paypal':
      return {
        provider: 'paypal',
        ...common,
        clientId: values.clientId,
        clientSecret: values.clientSecret,
        webhookId: values.webhookId,
      };
    case 'square':
      return {
        provider: 'square',
        ...common,
        applicationId: values.applicationId,
        accessToken: values.accessToken,
        locationId: values.locationId,
        webhookSignatureKey: values.webhookSignatureKey,
        webhookUrl: values.webhookUrl,
      };
  }
}
