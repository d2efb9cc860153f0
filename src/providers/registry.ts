/**
 * Builds one adapter per configured provider. Start-up validation lives here so every entry point (serve,
 * worker, dev) fails closed the same way: a configured provider without its webhook secret never starts.
 */
import { ConfigError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { silentLogger } from '../log.ts';
import type { Settings } from '../spec/settings.ts';
import type { PaymentsConfig, ProviderConfig, ProviderName } from '../spec/types.ts';
import type { PaymentProvider } from './types.ts';

/** Options every adapter factory takes (see createStripeProvider). */
export interface AdapterOptions {
  apiBase?: string;
  now?: () => number;
  logger?: Logger;
}

export interface CreateProvidersOptions {
  logger?: Logger;
  /** Test hooks per provider (e.g. a clock, or PayPal's trusted test CA), merged into the factory options. */
  stripe?: Partial<AdapterOptions>;
  paypal?: Partial<AdapterOptions> & Record<string, unknown>;
  square?: Partial<AdapterOptions> & Record<string, unknown>;
}

type Factory = (cfg: ProviderConfig, opts: AdapterOptions & Record<string, unknown>) => PaymentProvider;

/** Lazy loaders: an SDK is only loaded when its provider is configured (`validate` never loads any). */
const FACTORIES: Record<ProviderName, () => Promise<Factory>> = {
  stripe: async () => (await import('./stripe/index.ts')).createStripeProvider as Factory,
  paypal: async () => (await import('./paypal/index.ts')).createPaypalProvider as Factory,
  square: async () => (await import('./square/index.ts')).createSquareProvider as Factory,
};

/** The webhook secret of each provider: empty means every webhook would be unverifiable. */
function webhookSecrets(cfg: ProviderConfig): string[] {
  switch (cfg.provider) {
    case 'stripe':
      return cfg.webhookSecrets ?? [];
    case 'paypal':
      return [cfg.webhookId];
    case 'square':
      return [cfg.webhookSignatureKey];
  }
}

function assertSecrets(cfg: ProviderConfig, file: string): void {
  const secrets = webhookSecrets(cfg);
  if (secrets.length === 0 || secrets.some((s) => typeof s !== 'string' || s.trim() === '')) {
    throw new ConfigError(`${cfg.provider}: webhook secret is missing or empty; refusing to start`, [
      {
        severity: 'error',
        code: 'E_WEBHOOK_SECRET_MISSING',
        message: `${cfg.provider} is configured but its webhook secret is empty`,
        file,
        pointer: '',
        line: 0,
        column: 0,
      },
    ]);
  }
}

export async function createProviders(
  config: PaymentsConfig,
  settings: Settings,
  opts: CreateProvidersOptions = {},
): Promise<Map<ProviderName, PaymentProvider>> {
  const logger = opts.logger ?? silentLogger();
  for (const cfg of config.providers) assertSecrets(cfg, config.file);
  const out = new Map<ProviderName, PaymentProvider>();
  for (const cfg of config.providers) {
    const override = settings.apiBase[cfg.provider];
    if (override && cfg.mode !== 'test')
      logger.warn({ provider: cfg.provider }, 'API base override ignored outside test mode');
    const factory = await FACTORIES[cfg.provider]();
    const extra = opts[cfg.provider] ?? {};
    out.set(
      cfg.provider,
      factory(cfg, {
        ...extra,
        apiBase: cfg.mode === 'test' ? (extra.apiBase ?? override) : undefined,
        logger: extra.logger ?? logger,
      }),
    );
  }
  return out;
}
