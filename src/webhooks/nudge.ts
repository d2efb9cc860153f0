/**
 * In-process wake-up between the ingest route and the worker: the route pokes after a committed insert so a
 * co-located worker processes the event at once instead of at its next poll. Keyed by store, so several apps
 * in one process (tests) never wake each other. Another process's worker still finds the row by polling.
 */
import { EventEmitter } from 'node:events';

const emitters = new WeakMap<object, EventEmitter>();

function emitterFor(store: object): EventEmitter {
  let e = emitters.get(store);
  if (!e) {
    e = new EventEmitter();
    e.setMaxListeners(0);
    emitters.set(store, e);
  }
  return e;
}

/** Signal that `store`'s inbox has a new row. */
export function nudgeInbox(store: object): void {
  emitters.get(store)?.emit('inserted');
}

/** Subscribe to inserts into `store`'s inbox; returns the unsubscribe function. */
export function onInboxNudge(store: object, fn: () => void): () => void {
  const e = emitterFor(store);
  e.on('inserted', fn);
  return () => e.off('inserted', fn);
}
