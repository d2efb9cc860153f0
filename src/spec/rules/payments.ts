/**
 * Turns the `x-uigen-payments` block (and the document's `x-uigen-monetized` markers) into a
 * `PaymentsConfig`, reporting every problem on the way. Returns undefined when any error was reported:
 * a half-valid config is never handed out.
 */
import { join } from '../pointer.ts';
import type { PaymentsConfig } from '../types.ts';
import { checkUrl } from '../url-rules.ts';
import type { RuleContext } from './context.ts';
import { resolveText } from './fields.ts';
import { collectMonetized } from './monetized.ts';
import { buildOps } from './ops.ts';
import { buildPricingPage } from './pricing-page.ts';
import { buildProducts } from './products.ts';
import { buildProviders } from './providers.ts';
import { warnUnknownKeys } from './shape.ts';

const BLOCK_KEYS = [
  'providers',
  'successUrl',
  'cancelUrl',
  'products',
  'pricingPage',
  'alerts',
  'retention',
  'rateLimit',
  'webhooks',
];

export function buildPaymentsConfig(
  ctx: RuleContext,
  doc: Record<string, unknown>,
  block: Record<string, unknown>,
  pointer: string,
  file: string,
): PaymentsConfig | undefined {
  const errorsBefore = ctx.report.errorCount;
  warnUnknownKeys(ctx.report, block, BLOCK_KEYS, pointer);

  const providers = buildProviders(ctx, block.providers, join(pointer, 'providers'));
  const successUrl = requiredUrl(ctx, block.successUrl, join(pointer, 'successUrl'));
  const cancelUrl = requiredUrl(ctx, block.cancelUrl, join(pointer, 'cancelUrl'));

  const firstCurrency = Array.isArray(block.providers)
    ? (block.providers[0] as { currency?: unknown } | null)?.currency
    : undefined;
  const pc = {
    defaultCurrency: typeof firstCurrency === 'string' ? firstCurrency : 'usd',
    ids: new Set<string>(),
    plans: new Set<string>(),
  };
  const products = buildProducts(ctx, block.products, join(pointer, 'products'), pc);
  const pricingPage = buildPricingPage(ctx, block.pricingPage, join(pointer, 'pricingPage'), products, pc);
  const ops = buildOps(ctx, block, pointer);

  const { operations, planUses } = collectMonetized(ctx, doc.paths);
  const plans = pc.plans;
  for (const use of planUses) {
    if (!plans.has(use.plan)) {
      const known = [...plans].join(', ') || 'none';
      ctx.report.error(
        'E_PLAN_UNKNOWN',
        use.pointer,
        `names plan '${use.plan}', which no product grants (plans: ${known})`,
      );
    }
  }

  if (ctx.report.errorCount !== errorsBefore || !successUrl || !cancelUrl || !pricingPage) return undefined;
  return { file, providers, successUrl, cancelUrl, products, pricingPage, monetized: operations, ...ops };
}

function requiredUrl(ctx: RuleContext, raw: unknown, pointer: string): string | undefined {
  if (typeof raw !== 'string') {
    ctx.report.error(
      raw === undefined ? 'E_REQUIRED' : 'E_TYPE',
      pointer,
      raw === undefined ? 'is required' : 'must be a string',
    );
    return undefined;
  }
  const url = resolveText(ctx, raw, pointer, { key: true });
  if (url === undefined) return undefined;
  const bad = checkUrl(url, ctx);
  if (bad) {
    ctx.report.error(bad.code, pointer, bad.message);
    return undefined;
  }
  return url;
}
