/** Billing: the core that decides state from normalized events, and what a user is entitled to. */
export { applyEvent, prepareEvent } from './apply.ts';
export { computeEntitlements, type Entitlements, FREE_PLAN, grants, planCovers } from './entitlements.ts';
export { defaultRegistry } from './handlers/index.ts';
export { findProduct, planOf, productForPrice, resolveProduct } from './plans.ts';
export { HandlerRegistry } from './registry.ts';
export type {
  ApplyContext,
  ApplyOutcome,
  ApplyResult,
  EventHandler,
  HandlerResult,
  PreparedEvent,
} from './types.ts';
