import type { FastifyInstance } from 'fastify';
import { toPublicConfig } from '../../spec/public-config.ts';
import type { PublicConfig } from '../../spec/types.ts';
import type { ServerContext } from '../context.ts';

/** GET /api/payments/config — browser-safe config only (no secret field can reach this projection). */
export async function configRoutes(app: FastifyInstance, ctx: ServerContext, extra: Partial<PublicConfig>) {
  const body: PublicConfig = { ...toPublicConfig(ctx.config), ...extra };
  const json = JSON.stringify(body);
  app.get('/api/payments/config', async (_req, reply) => {
    reply.header('cache-control', 'public, max-age=60').type('application/json').send(json);
  });
}
