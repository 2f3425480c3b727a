/**
 * Stopping a worker (SIGTERM) gives back what it claimed and had not started, so another instance takes it
 * at once instead of after the claim expires: jobs past the one running, mails past the one being sent.
 */
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { defineJob, runDueJobs, scheduleJob } from '../src/platform/jobs/runner.ts';
import { jobs } from '../src/platform/jobs/schema.ts';
import { queueMail } from '../src/platform/mail/outbox.ts';
import { outbox } from '../src/platform/mail/schema.ts';
import { deliverDueMails, type MailTransport } from '../src/platform/mail/worker.ts';
import { databaseKinds, type Harness, startHarness, testConfig } from './support/harness.ts';

describe.each(databaseKinds)('a stopping worker gives back its claims (%s)', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(async () => h?.close());

  it('jobs: the one running finishes, the rest of the batch is released with its attempt', async () => {
    let stopping = false;
    const ran: string[] = [];
    defineJob('test-stop', async (_ctx, job) => {
      ran.push(job.key);
      // SIGTERM arrives while the first job runs.
      stopping = true;
    });
    const runAt = new Date(h.clock.now().getTime() - 60_000);
    for (const n of [1, 2, 3]) await scheduleJob(h.ctx.db, { kind: 'test-stop', key: `test-stop:${n}`, runAt });
    const result = await runDueJobs(h.ctx, { stopping: () => stopping });
    expect(result).toEqual({ done: 1, retried: 0, failed: 0, released: 2 });
    const rows = await h.ctx.db.select().from(jobs).where(eq(jobs.kind, 'test-stop'));
    const left = rows.filter((r) => r.status === 'pending');
    expect(left).toHaveLength(2);
    for (const r of left) {
      expect(r.lockedUntil).toBeNull();
      expect(r.attempts).toBe(0);
    }
    // Another runner (same clock: well within the lease a crash would leave) takes them at once.
    stopping = false;
    expect(await runDueJobs(h.ctx)).toEqual({ done: 2, retried: 0, failed: 0, released: 0 });
    expect(new Set(ran).size).toBe(3);
  });

  it('mails: the one being sent is sent, the rest of the batch is released with its attempt', async () => {
    let stopping = false;
    const sentTo: string[] = [];
    const transport: MailTransport = {
      async sendMail(message) {
        sentTo.push(String(message.to));
        stopping = true;
        return { messageId: `<${sentTo.length}@test>` };
      },
    };
    const ids: number[] = [];
    for (const n of [1, 2, 3]) ids.push(await queueMail(h.ctx.db, { kind: 'test', to: `stop${n}@example.org`, subject: 'S', text: 'T' }));
    expect(await deliverDueMails(h.ctx, transport, 20, () => stopping)).toEqual({ sent: 1, failed: 0, released: 2 });
    const rows = await h.ctx.db.select().from(outbox).where(inArray(outbox.id, ids));
    const queued = rows.filter((r) => r.status === 'queued');
    expect(queued).toHaveLength(2);
    for (const r of queued) {
      expect(r.lockedUntil).toBeNull();
      expect(r.attempts).toBe(0);
    }
    stopping = false;
    const again: MailTransport = {
      async sendMail(m) {
        sentTo.push(String(m.to));
        return { messageId: '<x@test>' };
      },
    };
    expect(await deliverDueMails(h.ctx, again)).toEqual({ sent: 2, failed: 0, released: 0 });
    expect(sentTo.sort()).toEqual(['stop1@example.org', 'stop2@example.org', 'stop3@example.org']);
  });
});

describe('/readyz while draining', () => {
  it('answers 503 shutting-down with Retry-After once the process is stopping', async () => {
    const h = await startHarness('pglite');
    const lifecycle = { draining: false };
    const app = await buildApp({
      db: h.database.db,
      clock: h.clock,
      config: testConfig(),
      keyring: h.ctx.keyring,
      files: h.ctx.files,
      logger: false,
      lifecycle,
    });
    try {
      expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
      lifecycle.draining = true;
      const res = await app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json()).toMatchObject({ code: 'shutting-down', status: 503 });
      // Liveness is not readiness: the process still answers.
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await h.close();
    }
  });
});
