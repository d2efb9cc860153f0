/** The emulated Square seller account: wire-format (snake_case) objects as the Square API returns them. */
import { randomBytes, randomUUID } from 'node:crypto';

export type Json = Record<string, unknown>;

export interface SquareState {
  links: Map<string, Json>;
  orders: Map<string, Json>;
  payments: Map<string, Json>;
  subscriptions: Map<string, Json>;
  customers: Map<string, Json>;
  /** Subscriptions paid with the "fails on renewal" card, and those whose renewal already failed. */
  failRenewal: Set<string>;
  delinquent: Set<string>;
  /** What each subscription renews at (the first order's total). */
  renewalPrice: Map<string, Json>;
  /** idempotency_key → payment link id (a retried create returns the same link). */
  idempotent: Map<string, string>;
}

export function createState(): SquareState {
  return {
    links: new Map(),
    orders: new Map(),
    payments: new Map(),
    subscriptions: new Map(),
    customers: new Map(),
    failRenewal: new Set(),
    delinquent: new Set(),
    renewalPrice: new Map(),
    idempotent: new Map(),
  };
}

const ALPHA = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789abcdefghijkmnopqrstuvwxyz';
/** Square-looking ids (`CAISENgvlJ6jLWAzERDzjyHVybY`); subscriptions use UUIDs like Square's. */
export function squareId(length = 27): string {
  let out = '';
  for (const b of randomBytes(length)) out += ALPHA[b % ALPHA.length];
  return out;
}

export const uuid = randomUUID;

export const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const isoTime = (ms: number) => new Date(ms).toISOString();

/** `2026-01-31` + 1 month, clamped like Square's billing anchor (Jan 31 → Feb 28). */
export function addMonth(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + 1);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}
