import { expect, test } from 'vitest';
import { StoreUnavailableError } from '../../../src/errors.ts';
import { generateDevKeys, openStore } from '../../../src/store/index.ts';
import { freePort } from '../../support/postgres.ts';

test('an unreachable PostgreSQL gives StoreUnavailableError from insert, claim and ping, without the URL', async () => {
  const port = await freePort();
  const store = await openStore({
    databaseUrl: `postgres://app:hunter2secret@127.0.0.1:${port}/payments`,
    ...generateDevKeys(),
  });
  try {
    const e = { provider: 'stripe' as const, eventId: 'evt_down', type: 't', payload: '{}', receivedAt: 1 };
    for (const call of [
      () => store.inbox.insert(e),
      () => store.inbox.claim('w', { now: 1, leaseMs: 1, limit: 1 }),
      () => store.ping(),
    ]) {
      const err = await call().catch((x) => x);
      expect(err).toBeInstanceOf(StoreUnavailableError);
      expect(err.message).toBe('storage temporarily unavailable');
      expect(err.message).not.toContain('hunter2');
    }
  } finally {
    await store.close();
  }
});
