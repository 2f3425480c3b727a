import { and, eq, gt, lt, or, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { sha256 } from '../../platform/crypto.ts';
import type { DbOrTx } from '../../platform/db/index.ts';
import { DomainError } from '../../platform/errors.ts';
import { LOGIN_LIMIT, MAIL_REQUEST_LIMIT, mayTryLogin, windowStart } from './policy.ts';
import { loginAttempts, rateCounters } from './schema.ts';

class RateLimitedError extends DomainError {
  constructor(minutes: number) {
    super('rate-limited', 429, 'error.tooManyAttempts', { minutes });
  }
}

/** Too many mailed-link requests from one client (the answer says nothing about any address). */
export class TooManyRequestsError extends DomainError {
  constructor(minutes: number) {
    super('too-many-requests', 429, 'error.tooManyRequests', { minutes });
  }
}

/**
 * Takes one attempt of the login limit for an address and a client — before the password (or code) is
 * evaluated — or throws RateLimitedError. Takers of the same address or client are serialised by
 * transaction-scoped advisory locks (so across instances), and the attempt is recorded as a failure in
 * the same transaction: N parallel wrong passwords evaluate at most the limit. Returns the attempt's id
 * for `settleLoginAttempt`.
 */
export async function takeLoginAttempt(ctx: AppContext, address: string, client: string): Promise<number> {
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - LOGIN_LIMIT.windowMs);
  return ctx.db.transaction(async (tx) => {
    // Always in the same order, so two takers never wait for each other's second lock.
    for (const key of [`login:address:${address}`, `login:client:${client}`].sort()) {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
    }
    const [counted] = await tx
      .select({
        byAddress: sql<number>`count(*) FILTER (WHERE ${loginAttempts.email} = ${address})::int`,
        byClient: sql<number>`count(*) FILTER (WHERE ${loginAttempts.ip} = ${client})::int`,
      })
      .from(loginAttempts)
      .where(
        and(
          eq(loginAttempts.succeeded, false),
          gt(loginAttempts.at, since),
          or(eq(loginAttempts.email, address), eq(loginAttempts.ip, client)),
        ),
      );
    if (!mayTryLogin({ byAddress: counted?.byAddress ?? 0, byClient: counted?.byClient ?? 0 })) {
      throw new RateLimitedError(LOGIN_LIMIT.windowMs / 60_000);
    }
    const [row] = await tx
      .insert(loginAttempts)
      .values({ email: address, ip: client, succeeded: false, at: now })
      .returning({ id: loginAttempts.id });
    return row!.id;
  });
}

/** Records the outcome of an attempt taken with takeLoginAttempt (it counts as a failure until then). */
export async function settleLoginAttempt(ctx: AppContext, attemptId: number, succeeded: boolean): Promise<void> {
  if (succeeded) await ctx.db.update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, attemptId));
}

/** The buckets of a mailed-link request: the address (hashed: it may belong to nobody) and the client. */
export const mailRequestBuckets = (purpose: 'reset' | 'signup', address: string, client: string) => ({
  address: `${purpose}:address:${sha256(address.toLowerCase())}`,
  client: `${purpose}:client:${client}`,
});

/**
 * Counts one request in each bucket's current window (one statement, atomic under concurrency) and
 * returns the hits including this one, in the order given.
 */
export async function hitCounters(
  db: DbOrTx,
  buckets: string[],
  now: Date,
  windowMs: number = MAIL_REQUEST_LIMIT.windowMs,
): Promise<number[]> {
  const start = windowStart(now, windowMs);
  const rows = await db
    .insert(rateCounters)
    .values(buckets.map((bucket) => ({ bucket, windowStart: start, hits: 1 })))
    .onConflictDoUpdate({ target: [rateCounters.bucket, rateCounters.windowStart], set: { hits: sql`${rateCounters.hits} + 1` } })
    .returning({ bucket: rateCounters.bucket, hits: rateCounters.hits });
  return buckets.map((b) => rows.find((r) => r.bucket === b)?.hits ?? 0);
}

/** Counters and login attempts older than a day say nothing any more (called by the hourly purge). */
export async function forgetOldCounters(ctx: AppContext): Promise<void> {
  const dayAgo = new Date(ctx.clock.now().getTime() - 86_400_000);
  await ctx.db.delete(rateCounters).where(lt(rateCounters.windowStart, dayAgo));
  await ctx.db.delete(loginAttempts).where(lt(loginAttempts.at, dayAgo));
}
