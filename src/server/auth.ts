/**
 * Bearer-token authentication. Default: JWT verified with `jose` (HS256 shared secret, or RS/ES keys from a
 * JWKS URL), issuer/audience enforced when configured, `sub` = our user id. Apps with their own sessions pass
 * their own `authenticate(request)` instead.
 */
import type { FastifyRequest } from 'fastify';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { AuthError, ConfigError } from '../errors.ts';
import type { Settings } from '../spec/settings.ts';

/** Returns the caller's user id or throws AuthError. */
export type Authenticate = (request: FastifyRequest) => Promise<string>;

const USER_ID = /^[A-Za-z0-9_.:@|-]{1,128}$/;

export function bearerToken(request: FastifyRequest): string {
  const h = request.headers.authorization;
  if (!h) throw new AuthError();
  const m = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(h);
  if (!m) throw new AuthError('malformed authorization header');
  return m[1];
}

export function createJwtAuthenticate(auth: Settings['auth']): Authenticate {
  let key: Uint8Array | JWTVerifyGetKey;
  let algorithms: string[];
  if (auth.jwksUrl) {
    key = createRemoteJWKSet(new URL(auth.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 });
    algorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'];
  } else if (auth.jwtSecret) {
    if (Buffer.byteLength(auth.jwtSecret) < 32) {
      throw new ConfigError('UIGEN_AUTH_JWT_SECRET must be at least 32 bytes (HS256)');
    }
    key = new TextEncoder().encode(auth.jwtSecret);
    algorithms = ['HS256'];
  } else {
    throw new ConfigError('no authentication configured: set UIGEN_AUTH_JWT_SECRET or UIGEN_AUTH_JWKS_URL');
  }
  return async (request) => {
    const token = bearerToken(request);
    try {
      const { payload } = await jwtVerify(token, key as Uint8Array, {
        algorithms,
        issuer: auth.issuer,
        audience: auth.audience,
        clockTolerance: 30,
        requiredClaims: ['sub', 'exp'],
      });
      const sub = payload.sub;
      if (typeof sub !== 'string' || !USER_ID.test(sub)) throw new AuthError('invalid subject');
      return sub;
    } catch (err) {
      if (err instanceof AuthError) throw err;
      throw new AuthError('invalid or expired token');
    }
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the `requireUser` preHandler. */
    userId?: string;
  }
}
