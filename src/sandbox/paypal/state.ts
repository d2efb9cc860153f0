/** The emulated PayPal account: wire-format (snake_case) objects exactly as the REST API returns them. */
import { randomBytes } from 'node:crypto';

export type Json = Record<string, unknown>;

export interface PaypalOrder extends Json {
  id: string;
  status: 'CREATED' | 'APPROVED' | 'COMPLETED' | 'VOIDED';
  purchase_units: Json[];
}

export interface PaypalSubscription extends Json {
  id: string;
  status: 'APPROVAL_PENDING' | 'ACTIVE' | 'SUSPENDED' | 'CANCELLED' | 'EXPIRED';
  plan_id: string;
}

export interface PaypalPlan extends Json {
  id: string;
  billing_cycles: Json[];
}

export interface PaypalState {
  orders: Map<string, PaypalOrder>;
  subscriptions: Map<string, PaypalSubscription>;
  plans: Map<string, PaypalPlan>;
  products: Map<string, Json>;
  /** Subscriptions paid with the "fails on renewal" card. */
  failRenewal: Set<string>;
  /** Return/cancel URLs (kept off the public objects, as PayPal does). */
  returns: Map<string, { returnUrl?: string; cancelUrl?: string }>;
  /** PayPal-Request-Id → the response first given (idempotent retries). */
  idempotent: Map<string, { status: number; body: Json }>;
  tokens: Set<string>;
}

export function createState(): PaypalState {
  return {
    orders: new Map(),
    subscriptions: new Map(),
    plans: new Map(),
    products: new Map(),
    failRenewal: new Set(),
    returns: new Map(),
    idempotent: new Map(),
    tokens: new Set(),
  };
}

const ALPHA = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** PayPal-looking ids: `5O190127TN364715T`, `I-BW452GLLEP1G`, `P-…`, `PROD-…`, `WH-…`. */
export function paypalId(prefix = '', length = 17): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALPHA[b % ALPHA.length];
  return prefix + out;
}
