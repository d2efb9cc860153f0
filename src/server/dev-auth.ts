/**
 * Demo sign-in for `uigen-pay dev` only: pick a demo user, get a short-lived HS256 token signed with the
 * generated dev secret. Never registered by `serve`.
 */
import type { FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import { z } from 'zod';
import { ValidationError } from '../errors.ts';

export interface DevAuth {
  users: Array<{ id: string; name: string }>;
  jwtSecret: string;
}

export async function issueToken(secret: string, userId: string, ttlSeconds = 8 * 3600): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(new TextEncoder().encode(secret));
}

export async function devRoutes(app: FastifyInstance, dev: DevAuth) {
  app.get('/api/dev/users', async () => ({ users: dev.users }));
  const Body = z.object({ userId: z.string() }).strict();
  app.post('/api/dev/session', async (request) => {
    const parsed = Body.safeParse(request.body);
    if (!parsed.success || !dev.users.some((u) => u.id === parsed.data.userId)) {
      throw new ValidationError('unknown demo user');
    }
    return { token: await issueToken(dev.jwtSecret, parsed.data.userId) };
  });
}
