import { and, eq, lt, sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { logFailure } from '../db/faults.ts';
import { type DbOrTx, rowsOf } from '../db/index.ts';
import { jobs } from './schema.ts';

export type JobRow = typeof jobs.$inferSelect;

/**
 * What a job does. It may run more than once (a retry after a failure, or after its runner died), so it
 * must be idempotent: reminders record each recipient (see `claimOnce`). It may ask to run again
 * later by returning `{ again }` (the job stays pending, e.g. to catch late registrants), or say it no longer
 * applies with `{ superseded: true }`.
 */
type JobHandler = (ctx: AppContext, job: JobRow) => Promise<JobOutcome>;
/**
 * `again`: run once more at that time. `superseded`: the occurrence no longer applies (a deadline moved,
 * a setting changed); the job is removed, so if things change back the planner can schedule it anew.
 */
export type JobOutcome = { again: Date } | { superseded: true } | undefined;
/** Schedules what is due (idempotently: jobs are keyed); run periodically by every instance. */
type JobPlanner = (ctx: AppContext) => Promise<void>;

const handlers = new Map<string, JobHandler>();
const planners = new Map<string, JobPlanner>();

export function defineJob(kind: string, handler: JobHandler): void {
  handlers.set(kind, handler);
}

export function definePlanner(name: string, planner: JobPlanner): void {
  planners.set(name, planner);
}

export const MAX_JOB_ATTEMPTS = 5;
const LEASE_MINUTES = 10;
/** 1 min, 2 min, 4 min … capped at one hour. */
export const jobBackoffMs = (attempts: number) => Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);

interface ScheduledJob {
  kind: string;
  /** Names the occurrence: scheduling the same key again, from any instance, does nothing. */
  key: string;
  runAt: Date;
  payload?: Record<string, unknown>;
}

/** Schedules a job unless one with its key exists; true when this call scheduled it. */
export async function scheduleJob(db: DbOrTx, job: ScheduledJob): Promise<boolean> {
  const inserted = await db
    .insert(jobs)
    .values({ kind: job.kind, key: job.key, runAt: job.runAt, payload: job.payload ?? {} })
    .onConflictDoNothing({ target: jobs.key })
    .returning({ id: jobs.id });
  return inserted.length > 0;
}

/**
 * Records that something was done once for good (a mail to one recipient), under a key, in the caller's
 * transaction: true the first time, false ever after. Lets a retried job skip what it already did.
 */
export async function claimOnce(tx: DbOrTx, key: string, now: Date): Promise<boolean> {
  const inserted = await tx
    .insert(jobs)
    .values({ kind: 'done-marker', key, runAt: now, status: 'done', doneAt: now })
    .onConflictDoNothing({ target: jobs.key })
    .returning({ id: jobs.id });
  return inserted.length > 0;
}

/**
 * Records, under a key, the latest version of something sent (the remote details a person was mailed), in
 * the caller's transaction: 'first' the first time, 'changed' when the version differs from the last one
 * recorded (including a change back to an earlier one), 'same' otherwise.
 */
export async function recordLatest(tx: DbOrTx, key: string, version: string, now: Date): Promise<'first' | 'changed' | 'same'> {
  const rows = rowsOf<{ inserted: boolean }>(
    await tx.execute(sql`
      INSERT INTO jobs (kind, key, run_at, status, done_at, payload)
      VALUES ('done-marker', ${key}, ${now}, 'done', ${now}, jsonb_build_object('version', ${version}::text))
      ON CONFLICT (key) DO UPDATE SET payload = excluded.payload, done_at = excluded.done_at
        WHERE jobs.payload->>'version' IS DISTINCT FROM excluded.payload->>'version'
      RETURNING (xmax = 0) AS inserted`),
  );
  if (rows.length === 0) return 'same';
  return rows[0]!.inserted ? 'first' : 'changed';
}

/** Runs every planner; a failing one is logged and does not stop the others. */
export async function planJobs(ctx: AppContext): Promise<void> {
  for (const [name, planner] of planners) {
    try {
      await planner(ctx);
    } catch (error) {
      logFailure(ctx.log, 'error', { planner: name }, error, 'job planner failed');
    }
  }
}

interface RunResult {
  done: number;
  retried: number;
  failed: number;
  /** Claimed, then given back unstarted because the runner was stopping. */
  released: number;
}

/**
 * Claims due jobs (row locks with SKIP LOCKED and a lease, so several instances never run the same job
 * at once; a lease that expires — its runner died — lets another take the job over), runs each, and
 * records the outcome: done, again later, retried with backoff, or failed after MAX_JOB_ATTEMPTS.
 */
export async function runDueJobs(ctx: AppContext, options: { limit?: number; stopping?: () => boolean } = {}): Promise<RunResult> {
  const now = ctx.clock.now();
  const leaseUntil = new Date(now.getTime() + LEASE_MINUTES * 60_000);
  // A random sub-millisecond part makes each claim's lease its identity, even for runners sharing a clock.
  const claimed = rowsOf<{ id: number; lease: string }>(
    await ctx.db.execute(sql`
      UPDATE jobs SET locked_until = ${leaseUntil}::timestamptz + floor(random() * 999 + 1) * interval '1 microsecond',
                      attempts = attempts + 1
      WHERE id IN (
        SELECT id FROM jobs
        WHERE status = 'pending' AND run_at <= ${now} AND (locked_until IS NULL OR locked_until < ${now})
        ORDER BY run_at, id LIMIT ${options.limit ?? 20} FOR UPDATE SKIP LOCKED)
      RETURNING id, locked_until::text AS lease`),
  );
  const result: RunResult = { done: 0, retried: 0, failed: 0, released: 0 };
  for (const { id, lease } of claimed) {
    // Only the runner still holding its lease records a result.
    const stillMine = and(eq(jobs.id, Number(id)), eq(jobs.status, 'pending'), sql`${jobs.lockedUntil} = ${lease}::timestamptz`);
    if (options.stopping?.()) {
      // Stopping (SIGTERM): the jobs not started yet go back at once, for another runner to take now
      // rather than when the lease expires; the attempt they were charged is given back too.
      const back = await ctx.db
        .update(jobs)
        .set({ lockedUntil: null, attempts: sql`greatest(${jobs.attempts} - 1, 0)` })
        .where(stillMine)
        .returning({ id: jobs.id });
      result.released += back.length;
      continue;
    }
    const [job] = await ctx.db.select().from(jobs).where(stillMine);
    if (!job) continue;
    try {
      const handler = handlers.get(job.kind);
      if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
      const outcome = await handler(ctx, job);
      if (outcome && 'again' in outcome) {
        await ctx.db.update(jobs).set({ runAt: outcome.again, attempts: 0, lockedUntil: null, lastError: null }).where(stillMine);
      } else if (outcome && 'superseded' in outcome) {
        await ctx.db.delete(jobs).where(stillMine);
      } else {
        await ctx.db.update(jobs).set({ status: 'done', doneAt: ctx.clock.now(), lockedUntil: null, lastError: null }).where(stillMine);
      }
      result.done += 1;
    } catch (error) {
      const giveUp = job.attempts >= MAX_JOB_ATTEMPTS;
      await ctx.db
        .update(jobs)
        .set({
          status: giveUp ? 'failed' : 'pending',
          lockedUntil: null,
          lastError: String((error as Error).message ?? error).slice(0, 1000),
          runAt: giveUp ? job.runAt : new Date(ctx.clock.now().getTime() + jobBackoffMs(job.attempts)),
        })
        .where(stillMine);
      if (giveUp) result.failed += 1;
      else result.retried += 1;
      logFailure(
        ctx.log,
        'warn',
        { job: job.key, attempts: job.attempts },
        error,
        giveUp ? 'job failed for good' : 'job failed; will retry',
      );
    }
  }
  return result;
}

/** Removes finished jobs of a kind older than a cutoff (the hourly purge leaves one row an hour). */
export async function forgetDoneJobs(db: DbOrTx, kind: string, before: Date): Promise<void> {
  await db.delete(jobs).where(and(eq(jobs.kind, kind), eq(jobs.status, 'done'), lt(jobs.doneAt, before)));
}
