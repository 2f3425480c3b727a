import { and, eq, lt } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../db/index.ts';
import { ConflictError, DomainError, ValidationError } from '../errors.ts';
import { requestKeys } from './schema.ts';

/**
 * Repeatable writes. A client that may send a write twice (a retry after a lost answer, a double click)
 * sends a key with it; the first request under the key does the work and records what it made in its own
 * transaction, and any later one with the same request gets that back instead of doing it again.
 */

const MAX_REQUEST_KEY = 200;
/** How long a key is remembered: a client retrying later than this gets the write done again. */
const REQUEST_KEY_DAYS = 7;

interface RequestKey {
  scope: string;
  accountId: number;
  key: string;
  /** A hash of what the request asks for: the same key with another request is refused. */
  requestHash: string;
}

/** The key as sent, checked (undefined when none was sent). */
export function requestKeyOf(key: string | undefined): string | undefined {
  if (!key) return undefined;
  if (key.length > MAX_REQUEST_KEY) throw new ValidationError([{ field: 'Idempotency-Key', message: 'error.tooLong' }]);
  return key;
}

const keyReused = () => new DomainError('idempotency-key-reused', 422, 'error.idempotencyKeyReused');
const whereKey = (k: RequestKey) => and(eq(requestKeys.scope, k.scope), eq(requestKeys.accountId, k.accountId), eq(requestKeys.key, k.key));

/**
 * Claims the key in the caller's transaction: undefined when this request is the first (it must then
 * `recordResult`), otherwise what the first one made. A concurrent request with the same key waits on
 * the primary key until the first commits, then finds its result; a different request under the key is
 * refused (422 idempotency-key-reused).
 */
export async function claimRequestKey<T>(tx: Tx, k: RequestKey, now: Date): Promise<T | undefined> {
  const inserted = await tx
    .insert(requestKeys)
    .values({ ...k, createdAt: now })
    .onConflictDoNothing()
    .returning({ key: requestKeys.key });
  if (inserted.length) return undefined;
  const earlier = await earlierResult<T>(tx, k);
  if (earlier === undefined) throw new ConflictError('idempotency-in-progress', 'error.tryAgain');
  return earlier;
}

/** What a committed earlier request under the key made, if any — a look before the transaction. */
export async function earlierResult<T>(db: DbOrTx, k: RequestKey): Promise<T | undefined> {
  const [row] = await db.select().from(requestKeys).where(whereKey(k));
  if (!row) return undefined;
  if (row.requestHash !== k.requestHash) throw keyReused();
  return (row.result ?? undefined) as T | undefined;
}

/** Records what the first request made, in its transaction. */
export async function recordResult(tx: Tx, k: RequestKey, result: unknown): Promise<void> {
  await tx.update(requestKeys).set({ result }).where(whereKey(k));
}

/** The hourly purge: keys older than REQUEST_KEY_DAYS. */
export async function forgetOldRequestKeys(db: DbOrTx, now: Date): Promise<void> {
  await db.delete(requestKeys).where(lt(requestKeys.createdAt, new Date(now.getTime() - REQUEST_KEY_DAYS * 86_400_000)));
}

/** An account deleted: its keys go with it. */
export async function forgetRequestKeysOf(db: DbOrTx, accountId: number): Promise<void> {
  await db.delete(requestKeys).where(eq(requestKeys.accountId, accountId));
}
