/**
 * Group commit for inbox inserts: requests that arrive while a commit is in flight are written together in
 * the next transaction, so under load one commit (one WAL append on SQLite, one fsync on PostgreSQL) covers
 * many events. Each caller's promise still resolves only after *its* row is committed, so the 2xx is never
 * sent before the event is durable. At low load a batch is one row and costs what a plain insert costs.
 */
import type { InboxInsert, InboxRepo, Store } from '../store/types.ts';

type Outcome = Awaited<ReturnType<InboxRepo['insert']>>;

interface Pending {
  e: InboxInsert;
  resolve: (o: Outcome) => void;
  reject: (err: unknown) => void;
}

export interface InboxWriter {
  insert(e: InboxInsert): Promise<Outcome>;
}

export interface GroupCommitOptions {
  /** Rows per transaction at most (default 64). */
  maxBatch?: number;
  /** Transactions in flight at once (default 1 on SQLite — one writer anyway — and 4 on PostgreSQL). */
  maxInFlight?: number;
}

export function createInboxWriter(store: Store, opts: GroupCommitOptions = {}): InboxWriter {
  const maxBatch = opts.maxBatch ?? 64;
  const maxInFlight = opts.maxInFlight ?? (store.capabilities.multiProcess ? 4 : 1);
  const queue: Pending[] = [];
  let inFlight = 0;
  let scheduled = false;

  async function writeBatch(batch: Pending[]): Promise<void> {
    let outcomes: Outcome[];
    try {
      // One multi-row statement: one commit (and on PostgreSQL one round trip) for the whole batch; a repeat —
      // of a stored row or of another row in this batch — is an outcome, not an error.
      outcomes = await store.inbox.insertMany(batch.map((p) => p.e));
    } catch (err) {
      // Nothing in the batch committed. A lone row has its answer; a batch is retried one by one so one bad
      // row cannot fail its neighbours (if the store is down each fails fast and its caller answers 503).
      if (batch.length === 1) return batch[0].reject(err);
      await Promise.all(batch.map((p) => store.inbox.insert(p.e).then(p.resolve, p.reject)));
      return;
    }
    for (const [i, p] of batch.entries()) p.resolve(outcomes[i]);
  }

  function pump(): void {
    scheduled = false;
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      inFlight++;
      void writeBatch(batch).finally(() => {
        inFlight--;
        pump();
      });
    }
  }

  return {
    insert(e) {
      return new Promise<Outcome>((resolve, reject) => {
        queue.push({ e, resolve, reject });
        // Defer to the end of this turn of the event loop so requests parsed together share a commit.
        if (!scheduled && inFlight < maxInFlight) {
          scheduled = true;
          setImmediate(pump);
        }
      });
    },
  };
}
