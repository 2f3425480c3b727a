import type { AppContext } from './context.ts';
import type { Tx } from './db/index.ts';

/**
 * Domain events inside a transaction. A module announces a change of its own data (`emit`), and modules
 * that depend on it react in the same transaction (`on`), so the emitter needs no import of them: the
 * dependencies keep running one way (platform ← accounts ← groups ← meetings ← features). A handler's
 * failure fails the emitter's transaction, so the change and its consequences commit together or not at all.
 */
interface DomainEvent<P> {
  readonly name: string;
  /** Carries the payload's type only. */
  readonly payload?: P;
}

/** Runs inside the emitter's transaction: use `tx`, never `ctx.db` (PGlite would wait on itself). */
type EventHandler<P> = (ctx: AppContext, tx: Tx, payload: P) => Promise<void>;

const handlers = new Map<string, Set<EventHandler<never>>>();

/** Names an event and its payload type, in the module whose change it announces. */
export function defineEvent<P>(name: string): DomainEvent<P> {
  return { name };
}

/**
 * Subscribes a handler; subscribing the same function again changes nothing (the app and the worker may
 * both wire the modules). Returns the unsubscribe function.
 */
export function on<P>(event: DomainEvent<P>, handler: EventHandler<P>): () => void {
  let set = handlers.get(event.name);
  if (!set) {
    set = new Set();
    handlers.set(event.name, set);
  }
  set.add(handler as EventHandler<never>);
  return () => {
    set.delete(handler as EventHandler<never>);
  };
}

/** Runs every handler of the event in turn, in subscription order, inside the caller's transaction. */
export async function emit<P>(ctx: AppContext, tx: Tx, event: DomainEvent<P>, payload: P): Promise<void> {
  for (const handler of handlers.get(event.name) ?? []) await (handler as EventHandler<P>)(ctx, tx, payload);
}

/** How many handlers an event has (for wiring checks). */
export const handlerCount = (event: DomainEvent<unknown>) => handlers.get(event.name)?.size ?? 0;
