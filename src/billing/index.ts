/** Billing: the core that decides state from normalized events, and what a user is entitled to. */
export { applyEvent, prepareEvent } from './apply.ts';
export { computeEntitlements, grants, planCovers, FREE_PLAN, type Entitlements } from './entitlements.ts';
export { HandlerRegistry } from './registry.ts';
export { defaultRegistry } from './handlers/index.ts';
export { findProduct, planOf, productForPrice, resolveProduct } from './plans.ts';
export type { ApplyContext, ApplyOutcome, ApplyResult, EventHandler, HandlerResult, PreparedEvent } from './types.ts';
