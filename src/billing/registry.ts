/**
 * Typed handler registry (after stripe-node's `on<T>(type, handler)`): a handler receives the event narrowed to
 * its kind, registering a kind twice throws, and kinds without a handler go to an explicit fallback.
 */
import type { NormalizedEvent, NormalizedKind } from '../providers/types.ts';
import type { EventHandler } from './types.ts';

export class HandlerRegistry {
  private readonly handlers = new Map<NormalizedKind, EventHandler>();

  // A plain field, not a parameter property: Node's built-in TypeScript stripping (22.18+/24) rejects those.
  private readonly fallbackHandler: EventHandler;

  constructor(fallbackHandler: EventHandler) {
    this.fallbackHandler = fallbackHandler;
  }

  on<K extends NormalizedKind>(kinds: K | K[], handler: EventHandler<K>): this {
    for (const kind of Array.isArray(kinds) ? kinds : [kinds]) {
      if (this.handlers.has(kind)) throw new Error(`billing: a handler for '${kind}' is already registered`);
      this.handlers.set(kind, handler as unknown as EventHandler);
    }
    return this;
  }

  has(kind: NormalizedKind): boolean {
    return this.handlers.has(kind);
  }

  /** The handler for this event's kind, or the fallback. */
  for(event: NormalizedEvent): EventHandler {
    return this.handlers.get(event.kind) ?? this.fallbackHandler;
  }
}
