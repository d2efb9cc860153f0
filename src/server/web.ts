/** Serves the built React UI (dist/web) with SPA fallback for the UI's routes. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const UI_ROUTES = ['/', '/pricing', '/payment/success', '/payment/cancel', '/account/billing', '/signin', '/demo'];

export async function webRoutes(app: FastifyInstance, webDir: string) {
  const index = join(webDir, 'index.html');
  if (!existsSync(index)) {
    app.log.warn({ webDir }, 'web UI not built; run `npm run build:web`');
    return;
  }
  const html = readFileSync(index, 'utf8');
  await app.register(fastifyStatic, { root: join(webDir, 'assets'), prefix: '/assets/', immutable: true, maxAge: '1y' });
  for (const route of UI_ROUTES) {
    app.get(route, async (_req, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html));
  }
}
