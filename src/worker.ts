import { modules, wireModules } from './modules.ts';
import type { AppContext } from './platform/context.ts';
import { logFailure } from './platform/db/faults.ts';
import { sweepOrphanFiles } from './platform/files/references.ts';
import { forgetOldRequestKeys } from './platform/idempotency/keys.ts';
import { defineJob, definePlanner, forgetDoneJobs, planJobs, runDueJobs, scheduleJob } from './platform/jobs/runner.ts';
import { smtpTransport, startMailWorker } from './platform/mail/worker.ts';

const JOBS_EVERY_MS = 30_000;
const HOUR_MS = 3_600_000;

/** "purge:2023-04-06T08": one retention purge per UTC hour, whichever instance plans it first. */
export const purgeKey = (at: Date) => `purge:${at.toISOString().slice(0, 13)}`;
/** "file-sweep:2023-04-06T08": the hourly sweep of stored files nothing names, keyed like the purge. */
export const fileSweepKey = (at: Date) => `file-sweep:${at.toISOString().slice(0, 13)}`;

/** Registers every job kind and planner (safe to call again). */
export function defineJobs(): void {
  wireModules();
  for (const module of modules) module.jobs?.();
  defineJob('purge', async (ctx) => {
    // Each module's retention work (expired visa data, sign-ups, counters, the inbound mail log…), then
    // request keys older than a week.
    let purged = 0;
    for (const module of modules) for (const purge of module.purge ?? []) purged += Number((await purge(ctx)) ?? 0) || 0;
    if (purged) ctx.log.info({ purged }, 'retention purge');
    await forgetOldRequestKeys(ctx.db, ctx.clock.now());
  });
  definePlanner('purge', async (ctx) => {
    const now = ctx.clock.now();
    await scheduleJob(ctx.db, { kind: 'purge', key: purgeKey(now), runAt: new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS) });
    await forgetDoneJobs(ctx.db, 'purge', new Date(now.getTime() - 7 * 24 * HOUR_MS));
    // Who was sent what (reminders, remote details) matters only until the meeting is over: the planners
    // schedule nothing for deadlines and meetings past, so half a year later the records can go.
    await forgetDoneJobs(ctx.db, 'done-marker', new Date(now.getTime() - 183 * 24 * HOUR_MS));
  });
  // Files no row names (left by a crash between storing an upload and its row, or by anything that
  // failed to give its file back), once they are an hour old: see sweepOrphanFiles for why the age.
  defineJob('file-sweep', async (ctx) => {
    const swept = await sweepOrphanFiles(ctx);
    if (swept.removed || swept.temporaries) ctx.log.info(swept, 'orphan files swept');
  });
  definePlanner('file-sweep', async (ctx) => {
    const now = ctx.clock.now();
    await scheduleJob(ctx.db, {
      kind: 'file-sweep',
      key: fileSweepKey(now),
      runAt: new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS),
    });
    await forgetDoneJobs(ctx.db, 'file-sweep', new Date(now.getTime() - 7 * 24 * HOUR_MS));
  });
}

/** One round of scheduled work: plan what is due, then run it. */
export async function runJobsOnce(ctx: AppContext, stopping: () => boolean = () => false): Promise<void> {
  await planJobs(ctx);
  // Keep going while full batches come back, so a backlog does not wait for the next tick.
  for (let round = 0; round < 50 && !stopping(); round += 1) {
    const { done, retried, failed } = await runDueJobs(ctx, { limit: 20, stopping });
    if (done + retried + failed < 20) break;
  }
}

/**
 * The background work of an instance: mail delivery (when SMTP_URL is set) and the scheduled jobs
 * (deadline reminders, remote-participation details, the hourly retention purge and orphan-file sweep), planned and run
 * every `jobsEveryMs`. Both are safe to run in several instances at once (row locks with SKIP LOCKED,
 * jobs keyed so planning them twice schedules them once).
 */
export function startWorker(ctx: AppContext, options: { jobsEveryMs?: number } = {}): () => Promise<void> {
  wireModules();
  defineJobs();
  const stopMail = ctx.config.smtpUrl ? startMailWorker(ctx, smtpTransport(ctx.config.smtpUrl)) : async () => {};
  const every = options.jobsEveryMs ?? JOBS_EVERY_MS;
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    if (stopped) return;
    // A failed round (the database restarting, say) is logged and the next one runs as usual.
    running = runJobsOnce(ctx, () => stopped).catch((error) => logFailure(ctx.log, 'error', {}, error, 'scheduled jobs failed'));
    await running;
    if (!stopped) timer = setTimeout(tick, every);
  };
  // Not unref'd: in `convene worker` this loop is what keeps the process running.
  timer = setTimeout(tick, 0);
  // Stopping lets the job and the mail in progress finish and gives back what this instance claimed and
  // had not started (jobs and mails alike), so another instance takes them at once.
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await Promise.all([running, stopMail()]);
  };
}
