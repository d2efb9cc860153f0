/**
 * `/_sandbox/*`: clock, failure switches, delivery list. Loopback callers only — the sandbox exists for one
 * developer's machine and tests; nothing here may be reachable from elsewhere even if someone rebinds it.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { normalizeFailures, type SandboxCore } from './context.ts';

const DAY_MS = 86_400_000;
const MAX_ADVANCE_DAYS = 3660;

const AdvanceBody = z
  .object({
    days: z.number().min(0).max(MAX_ADVANCE_DAYS).optional(),
    hours: z
      .number()
      .min(0)
      .max(MAX_ADVANCE_DAYS * 24)
      .optional(),
    seconds: z
      .number()
      .min(0)
      .max(MAX_ADVANCE_DAYS * 86_400)
      .optional(),
  })
  .strict();

const FailuresBody = z
  .object({
    duplicateRate: z.number().min(0).max(1).optional(),
    reorder: z.boolean().optional(),
    delayMs: z.number().int().min(0).max(60_000).optional(),
  })
  .strict();

function isLoopback(ip: string): boolean {
  return ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1';
}

export async function controlRoutes(app: FastifyInstance, core: SandboxCore): Promise<void> {
  app.addHook('onRequest', async (req, reply) => {
    if (!isLoopback(req.ip))
      return reply
        .code(403)
        .send({ error: { code: 'forbidden', message: 'sandbox control is loopback-only' } });
  });

  app.get('/_sandbox/health', async () => ({ ok: true, now: core.clock.now() }));
  app.get('/_sandbox/clock', async () => ({ now: core.clock.now() }));

  app.post('/_sandbox/clock/advance', async (req, reply) => {
    const parsed = AdvanceBody.safeParse(req.body ?? {});
    if (!parsed.success)
      return reply.code(400).send({
        error: {
          code: 'invalid_request',
          message: 'expected {days?, hours?, seconds?} as non-negative numbers',
        },
      });
    const { days = 0, hours = 0, seconds = 0 } = parsed.data;
    await core.clock.advance(days * DAY_MS + hours * 3_600_000 + seconds * 1000);
    return { now: core.clock.now() };
  });

  app.get('/_sandbox/failures', async () => core.failures);
  app.post('/_sandbox/failures', async (req, reply) => {
    const parsed = FailuresBody.safeParse(req.body ?? {});
    if (!parsed.success)
      return reply.code(400).send({
        error: { code: 'invalid_request', message: 'expected {duplicateRate 0..1, reorder, delayMs}' },
      });
    Object.assign(core.failures, normalizeFailures({ ...core.failures, ...parsed.data }));
    return core.failures;
  });

  app.get('/_sandbox/deliveries', async () => ({ object: 'list', data: core.deliveries() }));
  /** Waits (bounded) until queued webhooks are out: lets scripts and the browser tour avoid sleeps. */
  app.post('/_sandbox/deliveries/wait', async () => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((r) => {
      timer = setTimeout(r, 10_000, false);
    });
    const idle = await Promise.race([core.idle().then(() => true), timeout]);
    clearTimeout(timer);
    return { idle };
  });
}
