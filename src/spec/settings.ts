/**
 * Server settings from the environment (DESIGN.md "Server settings"). This module and spec/env.ts are the only
 * places that read `process.env`; everything else receives a frozen `Settings`.
 */
export interface Settings {
  nodeEnv: string;
  databaseUrl: string;
  /** Raw `kid:base64` comma list; parsed and checked by store/crypto. Undefined = not configured. */
  encryptionKeys?: string;
  blindIndexKey?: string;
  auth: { jwtSecret?: string; jwksUrl?: string; issuer?: string; audience?: string };
  /** Provider API base overrides; honoured only for providers in test mode. */
  apiBase: { stripe?: string; paypal?: string; square?: string };
  port: number;
  host: string;
}

export function loadSettings(env: NodeJS.ProcessEnv = process.env): Readonly<Settings> {
  const port = Number(env.PORT ?? 4400);
  return Object.freeze({
    nodeEnv: env.NODE_ENV || 'development',
    databaseUrl: env.DATABASE_URL || 'sqlite:.uigen/payments.db',
    encryptionKeys: env.UIGEN_ENCRYPTION_KEYS || undefined,
    blindIndexKey: env.UIGEN_BLIND_INDEX_KEY || undefined,
    auth: Object.freeze({
      jwtSecret: env.UIGEN_AUTH_JWT_SECRET || undefined,
      jwksUrl: env.UIGEN_AUTH_JWKS_URL || undefined,
      issuer: env.UIGEN_AUTH_ISSUER || undefined,
      audience: env.UIGEN_AUTH_AUDIENCE || undefined,
    }),
    apiBase: Object.freeze({
      stripe: env.UIGEN_STRIPE_API_BASE || undefined,
      paypal: env.UIGEN_PAYPAL_API_BASE || undefined,
      square: env.UIGEN_SQUARE_API_BASE || undefined,
    }),
    port: Number.isInteger(port) && port >= 0 && port < 65536 ? port : 4400,
    host: env.HOST || '127.0.0.1',
  });
}
