/**
 * Which provider fields are secrets and which one carries the webhook secret — data, so checks stay free of
 * `if (provider === …)` branches.
 */
export interface ProviderFieldRules {
  /** Server-only fields: must be `${VAR}` references in the spec. */
  secrets: string[];
  /** The field webhook verification depends on. */
  webhookSecret: string;
  /** Resolved-value prefix per mode, for the key fields that have one (`--env` checks). */
  prefixes?: Record<string, { test: RegExp; live: RegExp }>;
}

export const PROVIDER_FIELDS: Record<string, ProviderFieldRules> = {
  stripe: {
    secrets: ['apiKey', 'webhookSecret'],
    webhookSecret: 'webhookSecret',
    prefixes: {
      apiKey: { test: /^(sk|rk)_test_/, live: /^(sk|rk)_live_/ },
      publishableKey: { test: /^pk_test_/, live: /^pk_live_/ },
    },
  },
  paypal: { secrets: ['clientSecret', 'webhookId'], webhookSecret: 'webhookId' },
  square: {
    secrets: ['accessToken', 'webhookSignatureKey'],
    webhookSecret: 'webhookSignatureKey',
    prefixes: { applicationId: { test: /^sandbox-sq0idb-/, live: /^sq0idp-/ } },
  },
};

/** Alert sink fields that hold credentials (a Slack incoming-webhook URL is itself a bearer secret). */
export const SINK_SECRET_FIELDS: Record<string, string[]> = {
  slack: ['url'],
  webhook: ['secret'],
  email: ['smtpUrl'],
};

/** `mode` as written (aliases accepted by spec/), or undefined when it is a `${VAR}` or missing. */
export function normalizeMode(v: unknown): 'test' | 'live' | undefined {
  if (v === 'test' || v === 'sandbox') return 'test';
  if (v === 'live' || v === 'production') return 'live';
  return undefined;
}
