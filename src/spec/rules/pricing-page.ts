/**
 * `pricingPage`: inline (rendered from `products`), endpoint (fetched from an app URL) or component (the
 * app's own React component). `pricingPage.products` lists which products to show, by id or as inline
 * product definitions (which join the catalogue).
 */
import { z } from 'zod';
import { join } from '../pointer.ts';
import type { PricingPageConfig, Product } from '../types.ts';
import { checkRedirect } from '../url-rules.ts';
import type { RuleContext } from './context.ts';
import { buildProduct, MAX_PRODUCTS, type ProductContext } from './products.ts';
import { keysOf, parseShape, warnUnknownKeys } from './shape.ts';

const schema = z.object({
  enabled: z.boolean().optional(),
  source: z.enum(['inline', 'endpoint', 'component']).optional(),
  endpoint: z.string().optional(),
  component: z.string().optional(),
  title: z.string().optional(),
  subtitle: z.string().optional(),
  products: z.array(z.unknown()).optional(),
});

/** Adds inline product definitions to `products`; returns the page config (undefined when invalid). */
export function buildPricingPage(
  ctx: RuleContext,
  raw: unknown,
  pointer: string,
  products: Product[],
  pc: ProductContext,
): PricingPageConfig | undefined {
  // Absent = an inline page of every product, which still needs products to show.
  warnUnknownKeys(ctx.report, raw, keysOf(schema), pointer);
  const s = parseShape(ctx.report, schema, raw ?? {}, pointer);
  if (!s) return undefined;
  const errorsBefore = ctx.report.errorCount;
  const source = s.source ?? 'inline';
  const page: PricingPageConfig = { enabled: s.enabled ?? true, source };
  if (s.title !== undefined) page.title = s.title;
  if (s.subtitle !== undefined) page.subtitle = s.subtitle;

  if (source === 'endpoint') {
    const bad = s.endpoint === undefined ? undefined : checkRedirect(s.endpoint, ctx);
    if (s.endpoint === undefined || s.endpoint.trim() === '') {
      ctx.report.error(
        'E_PRICING_ENDPOINT',
        join(pointer, 'endpoint'),
        "is required when source is 'endpoint'",
      );
    } else if (bad) ctx.report.error(bad.code, join(pointer, 'endpoint'), bad.message);
    else page.endpoint = s.endpoint;
  }
  if (source === 'component') {
    if (s.component === undefined || !/^[A-Za-z_$][\w$]*$/.test(s.component)) {
      ctx.report.error(
        'E_PRICING_COMPONENT',
        join(pointer, 'component'),
        "must name the React component when source is 'component'",
      );
    } else page.component = s.component;
  }

  if (s.products !== undefined) {
    const p = join(pointer, 'products');
    if (s.products.length > MAX_PRODUCTS) {
      ctx.report.error(
        'E_TOO_MANY_PRODUCTS',
        p,
        `has ${s.products.length} products; at most ${MAX_PRODUCTS} are allowed`,
      );
    }
    const shown: string[] = [];
    s.products.forEach((entry, i) => {
      const ip = join(p, i);
      if (typeof entry === 'string') {
        if (!pc.ids.has(entry)) ctx.report.error('E_PRODUCT_UNKNOWN', ip, `'${entry}' is not a product id`);
        else if (shown.includes(entry))
          ctx.report.error('E_PRODUCT_DUPLICATE_ID', ip, `'${entry}' is listed twice`);
        else shown.push(entry);
        return;
      }
      const product = buildProduct(ctx, entry, ip, pc);
      if (product) {
        products.push(product);
        shown.push(product.id);
      }
    });
    page.products = shown;
  }
  const listed = page.products ?? [...pc.ids];
  if (page.enabled && source === 'inline' && listed.length === 0) {
    ctx.report.error('E_PRICING_NO_PRODUCTS', pointer, 'is an inline pricing page with no products to show');
  }
  return ctx.report.errorCount === errorsBefore ? page : undefined;
}
