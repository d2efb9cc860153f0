/**
 * The document itself: which OpenAPI flavour it is, and where its `x-uigen-payments` block lives (the root
 * or `info`, as UIGen allows both; both at once is ambiguous and an error).
 */
import type { RuleContext } from './context.ts';

export type SpecFlavour = 'openapi-3.0' | 'openapi-3.1' | 'swagger-2.0';

export function detectFlavour(ctx: RuleContext, doc: unknown): SpecFlavour | undefined {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    ctx.report.error(
      'E_NOT_OPENAPI',
      '',
      'is not an OpenAPI document (expected a mapping with `openapi` or `swagger`)',
    );
    return undefined;
  }
  const { openapi, swagger } = doc as { openapi?: unknown; swagger?: unknown };
  if (openapi !== undefined && swagger !== undefined) {
    ctx.report.error(
      'E_OPENAPI_VERSION',
      '/swagger',
      'is set together with `openapi`; a document is one or the other',
    );
    return undefined;
  }
  if (openapi !== undefined) {
    const m = typeof openapi === 'string' ? /^3\.([01])(?:\.\d+)?$/.exec(openapi) : null;
    if (!m) {
      ctx.report.error(
        'E_OPENAPI_VERSION',
        '/openapi',
        `'${String(openapi)}' is not supported (OpenAPI 3.0.x, 3.1.x or Swagger 2.0)`,
      );
      return undefined;
    }
    return m[1] === '0' ? 'openapi-3.0' : 'openapi-3.1';
  }
  if (swagger !== undefined) {
    if (swagger === '2.0') return 'swagger-2.0';
    if (swagger === 2) {
      ctx.report.warn(
        'W_SWAGGER_VERSION_NUMBER',
        '/swagger',
        'should be the string "2.0" (unquoted 2.0 is a number in YAML)',
      );
      return 'swagger-2.0';
    }
    ctx.report.error(
      'E_OPENAPI_VERSION',
      '/swagger',
      `'${String(swagger)}' is not supported (OpenAPI 3.0.x, 3.1.x or Swagger 2.0)`,
    );
    return undefined;
  }
  ctx.report.error('E_NOT_OPENAPI', '', 'has neither `openapi` nor `swagger`: not an OpenAPI document');
  return undefined;
}

/** Finds the payments block; reports when it is missing, doubled or not a mapping. */
export function findPaymentsBlock(
  ctx: RuleContext,
  doc: Record<string, unknown>,
): { block: Record<string, unknown>; pointer: string } | undefined {
  const info = doc.info !== null && typeof doc.info === 'object' ? (doc.info as Record<string, unknown>) : {};
  const atRoot = doc['x-uigen-payments'];
  const inInfo = info['x-uigen-payments'];
  if (atRoot !== undefined && inInfo !== undefined) {
    ctx.report.error(
      'E_PAYMENTS_DUPLICATE',
      '/info/x-uigen-payments',
      'is also set at the document root; keep exactly one',
    );
    return undefined;
  }
  if (atRoot === undefined && inInfo === undefined) {
    ctx.report.error('E_PAYMENTS_MISSING', '', 'has no x-uigen-payments block (at the root or under info)');
    return undefined;
  }
  const pointer = atRoot !== undefined ? '/x-uigen-payments' : '/info/x-uigen-payments';
  const block = atRoot ?? inInfo;
  if (block === null || typeof block !== 'object' || Array.isArray(block)) {
    ctx.report.error('E_TYPE', pointer, 'must be a mapping');
    return undefined;
  }
  return { block: block as Record<string, unknown>, pointer };
}
