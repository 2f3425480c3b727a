import { randomUUID } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/modules/accounts/api-tokens.ts';
import type { Actor } from '../src/modules/accounts/profile.ts';
import { accounts } from '../src/modules/accounts/schema.ts';
import { inboundMailLog } from '../src/modules/documents/schema.ts';
import { findGroup } from '../src/modules/groups/service.ts';
import { listSubscriptions } from '../src/modules/mailing-lists/schema.ts';
import type { SubscriptionStatus } from '../src/modules/mailing-lists/vocabulary.ts';
import { mailTimeBefore, reminderKey } from '../src/modules/meetings/reminders.ts';
import { getMeeting, meetingAsInput, updateMeeting } from '../src/modules/meetings/service.ts';
import { register } from '../src/modules/registrations/service.ts';
import { remoteDetailsKey } from '../src/modules/remote/mail.ts';
import { saveRemoteAccess } from '../src/modules/remote/service.ts';
import { visaRequests } from '../src/modules/visas/schema.ts';
import { sha256 } from '../src/platform/crypto.ts';
import type { Locale } from '../src/platform/i18n/index.ts';
import { claimOnce, defineJob, jobBackoffMs, MAX_JOB_ATTEMPTS, planJobs, runDueJobs, scheduleJob } from '../src/platform/jobs/runner.ts';
import { jobs } from '../src/platform/jobs/schema.ts';
import { mailText } from '../src/platform/mail/outbox.ts';
import { outbox } from '../src/platform/mail/schema.ts';
import { defineJobs, purgeKey, runJobsOnce, startWorker } from '../src/worker.ts';
import { buildMeeting, secretariatOf } from './support/factories.ts';
import { visaJson } from './support/fixtures.ts';
import { databaseKinds, type Harness, makeUser, startHarness } from './support/harness.ts';

describe('mail times', () => {
  it.each([
    // date, zone, days before → instant (08:00 in the zone)
    ['2023-04-21', 'Europe/Zurich', 3, '2023-04-18T06:00:00.000Z'],
    ['2023-01-20', 'Europe/Zurich', 3, '2023-01-17T07:00:00.000Z'],
    ['2023-03-28', 'Europe/Zurich', 2, '2023-03-26T06:00:00.000Z'], // the day clocks go forward
    ['2023-10-31', 'Europe/Zurich', 2, '2023-10-29T07:00:00.000Z'], // the day clocks go back
    ['2023-05-09', 'Asia/Shanghai', 0, '2023-05-09T00:00:00.000Z'],
    ['2023-05-09', 'America/New_York', 1, '2023-05-08T12:00:00.000Z'],
  ])('%s in %s, %i days before → %s', (date, zone, days, expected) => {
    expect(mailTimeBefore(date, zone, days).toISOString()).toBe(expected);
  });

  it('backs off one minute, doubling, capped at one hour', () => {
    expect([1, 2, 3, 7, 8, 20].map(jobBackoffMs)).toEqual([60_000, 120_000, 240_000, 3_600_000, 3_600_000, 3_600_000]);
  });
});

describe.each(databaseKinds)('scheduled jobs (%s)', (kind) => {
  let h: Harness;
  let secretariat: Actor;
  let meetingId: number;
  let groupCode: string;
  const runs = new Map<string, number>();

  beforeAll(async () => {
    h = await startHarness(kind, '2023-04-06T08:00:00Z');
    // A hybrid meeting in Geneva, sessions 9–10 May 2023 (WG5 both days, WG6 the first): visa support due
    // 14 April, registration 21 April, contributions 2 May.
    const may = await buildMeeting(h.ctx, {
      group: { subgroups: ['WG5', 'WG6'] },
      sessions: [
        { subgroup: 'WG5', startDate: '2023-05-09', endDate: '2023-05-10' },
        { subgroup: 'WG6', startDate: '2023-05-09', endDate: '2023-05-09' },
      ],
      deadlines: { visaSupport: '2023-04-14', registration: '2023-04-21', contributions: '2023-05-02' },
    });
    meetingId = may.id;
    groupCode = may.group.code;
    secretariat = await secretariatOf(h.ctx);
    defineJobs();
    defineJob('test-count', async (_ctx, job) => {
      await new Promise((resolve) => setTimeout(resolve, 15));
      runs.set(job.key, (runs.get(job.key) ?? 0) + 1);
    });
    defineJob('test-fail', async () => {
      throw new Error('the mail server is down');
    });
    defineJob('test-superseded', async () => ({ superseded: true }) as const);
  });
  afterAll(() => h.close());

  // Texts as sent: the remote-details mails are kept sealed in the outbox.
  const mails = async (kindOfMail: string) =>
    (await h.ctx.db.select().from(outbox).where(eq(outbox.kind, kindOfMail)).orderBy(outbox.id)).map((m) => ({
      ...m,
      textBody: mailText(h.ctx, m),
    }));
  const jobByKey = async (key: string) => (await h.ctx.db.select().from(jobs).where(eq(jobs.key, key)))[0];
  const at = async (instant: string) => {
    h.clock.set(instant);
    await runJobsOnce(h.ctx);
  };

  it('schedules a key once, however often it is planned', async () => {
    const runAt = new Date('2023-04-06T07:00:00Z');
    expect(await scheduleJob(h.ctx.db, { kind: 'test-count', key: 'test:once', runAt })).toBe(true);
    expect(await scheduleJob(h.ctx.db, { kind: 'test-count', key: 'test:once', runAt: new Date('2030-01-01T00:00:00Z') })).toBe(false);
    expect(await h.ctx.db.select().from(jobs).where(eq(jobs.key, 'test:once'))).toHaveLength(1);
    expect(await runDueJobs(h.ctx)).toEqual({ done: 1, retried: 0, failed: 0, released: 0 });
    expect(await jobByKey('test:once')).toMatchObject({ status: 'done', attempts: 1, lockedUntil: null });
    expect(await claimOnce(h.ctx.db, 'test:marker', h.clock.now())).toBe(true);
    expect(await claimOnce(h.ctx.db, 'test:marker', h.clock.now())).toBe(false);
  });

  it('removes a superseded occurrence, so the same key can be planned again when it applies again', async () => {
    const job = { kind: 'test-superseded', key: 'test-superseded:1', runAt: new Date('2023-04-06T07:00:00Z') };
    expect(await scheduleJob(h.ctx.db, job)).toBe(true);
    await runDueJobs(h.ctx);
    expect(await jobByKey('test-superseded:1')).toBeUndefined();
    expect(await scheduleJob(h.ctx.db, job)).toBe(true);
    await h.ctx.db.delete(jobs).where(eq(jobs.key, 'test-superseded:1'));
  });

  it('runs each job once with two instances running due jobs at the same time', async () => {
    const keys = Array.from({ length: 12 }, (_, i) => `test:concurrent:${i}`);
    for (const key of keys) await scheduleJob(h.ctx.db, { kind: 'test-count', key, runAt: new Date('2023-04-06T07:59:00Z') });
    // Not yet due: a job planned for later waits.
    await scheduleJob(h.ctx.db, { kind: 'test-count', key: 'test:later', runAt: new Date('2023-04-06T09:00:00Z') });
    const results = await Promise.all([runDueJobs(h.ctx, { limit: 8 }), runDueJobs(h.ctx, { limit: 8 }), runDueJobs(h.ctx, { limit: 8 })]);
    const total = results.reduce((n, r) => n + r.done, 0);
    // Whatever a busy runner skipped, the next round takes; nothing runs twice.
    const again = await runDueJobs(h.ctx, { limit: 20 });
    expect(total + again.done).toBe(keys.length);
    expect(await runDueJobs(h.ctx)).toEqual({ done: 0, retried: 0, failed: 0, released: 0 });
    for (const key of keys) expect(runs.get(key), key).toBe(1);
    expect(runs.get('test:later')).toBeUndefined();
    const rows = await h.ctx.db.select().from(jobs).where(like(jobs.key, 'test:concurrent:%'));
    expect(rows.every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
  });

  it('leaves a job claimed by a live instance alone and takes it over once the claim expired', async () => {
    await scheduleJob(h.ctx.db, { kind: 'test-count', key: 'test:crashed', runAt: new Date('2023-04-06T07:00:00Z') });
    // What an instance that claimed the job and died leaves behind.
    await h.ctx.db
      .update(jobs)
      .set({ lockedUntil: new Date(h.clock.now().getTime() + 10 * 60_000), attempts: 1 })
      .where(eq(jobs.key, 'test:crashed'));
    await runDueJobs(h.ctx);
    expect(runs.get('test:crashed')).toBeUndefined();
    h.clock.advance(11 * 60_000);
    try {
      await runDueJobs(h.ctx);
      expect(runs.get('test:crashed')).toBe(1);
      expect(await jobByKey('test:crashed')).toMatchObject({ status: 'done', attempts: 2 });
    } finally {
      h.clock.set('2023-04-06T08:00:00Z');
    }
  });

  it('retries a failing job with backoff and gives up after the last attempt', async () => {
    await scheduleJob(h.ctx.db, { kind: 'test-fail', key: 'test:fail', runAt: new Date('2023-04-06T07:00:00Z') });
    try {
      for (let attempt = 1; attempt <= MAX_JOB_ATTEMPTS; attempt += 1) {
        const result = await runDueJobs(h.ctx);
        const job = (await jobByKey('test:fail'))!;
        expect(job.attempts).toBe(attempt);
        expect(job.lastError).toBe('the mail server is down');
        if (attempt < MAX_JOB_ATTEMPTS) {
          expect(result).toEqual({ done: 0, retried: 1, failed: 0, released: 0 });
          expect(job.status).toBe('pending');
          expect(job.runAt.getTime()).toBe(h.clock.now().getTime() + jobBackoffMs(attempt));
          // Not before its time.
          expect(await runDueJobs(h.ctx)).toEqual({ done: 0, retried: 0, failed: 0, released: 0 });
          h.clock.set(job.runAt);
        } else {
          expect(result).toEqual({ done: 0, retried: 0, failed: 1, released: 0 });
          expect(job.status).toBe('failed');
        }
      }
      expect(await runDueJobs(h.ctx)).toEqual({ done: 0, retried: 0, failed: 0, released: 0 });
    } finally {
      h.clock.set('2023-04-06T08:00:00Z');
    }
  });

  // ---- Deadline reminders and remote details on the May 2023 meeting (hybrid, Geneva):
  // visa support 14 April, registration 21 April, contributions 2 May; sessions 9–10 May.
  const people: Record<string, Actor & { password: string }> = {};
  let unsubscribeSecret = '';
  const register_ = async (who: Actor, payload: Record<string, unknown>) => {
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/meetings/${meetingId}/registrations`,
      headers: { authorization: `Bearer ${await createApiToken(h.ctx, who)}` },
      payload,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number };
  };
  const subscribe = async (email: string, status: SubscriptionStatus, locale: Locale = 'en') => {
    const group = await findGroup(h.ctx, groupCode);
    const secret = `unsub-${randomUUID()}`;
    await h.ctx.db.insert(listSubscriptions).values({
      groupId: group.id,
      email,
      locale,
      status,
      unsubscribeTokenHash: sha256(secret),
      unsubscribeTokenSealed: h.ctx.keyring.seal(secret),
    });
    return secret;
  };

  it('plans one reminder per open deadline, REMINDER_DAYS_BEFORE days before, and nothing before its time', async () => {
    people.alice = await makeUser(h.ctx, { category: 'member-state', email: 'alice@jobs.example' }); // in person, no visa request
    await h.ctx.db.update(accounts).set({ preferredLanguage: 'zh' }).where(eq(accounts.id, people.alice.id));
    people.bob = await makeUser(h.ctx, { category: 'non-member', email: 'bob@jobs.example' }); // in person, not eligible for visa support
    people.carol = await makeUser(h.ctx, { category: 'member-state', email: 'carol@jobs.example' }); // remote, WG5 only
    people.dave = await makeUser(h.ctx, { category: 'member-state', email: 'dave@jobs.example' }); // in person with a visa request
    people.erin = await makeUser(h.ctx, { category: 'member-state', email: 'erin@jobs.example' }); // cancelled
    await register_(people.alice, { mode: 'in-person', sessions: ['WG5', 'WG6'] });
    await register_(people.bob, { mode: 'in-person', sessions: ['WG5', 'WG6'] });
    await register_(people.carol, { mode: 'remote', sessions: ['WG5'] });
    await register_(people.dave, { mode: 'in-person', sessions: ['WG6'], visaRequest: visaJson });
    const erin = await register_(people.erin, { mode: 'in-person', sessions: ['WG5'] });
    const cancelled = await h.app.inject({
      method: 'DELETE',
      url: `/api/registrations/${erin.id}`,
      headers: { authorization: `Bearer ${await createApiToken(h.ctx, people.erin)}` },
    });
    expect(cancelled.statusCode).toBe(200);
    unsubscribeSecret = await subscribe('Subscriber.Zh@jobs.example', 'confirmed', 'zh');
    await subscribe('pending@jobs.example', 'pending');
    await subscribe('gone@jobs.example', 'unsubscribed');
    await subscribe('ALICE@jobs.example', 'confirmed'); // already registered
    await subscribe('erin@jobs.example', 'confirmed'); // registered, then cancelled: not reminded to register

    await planJobs(h.ctx);
    await planJobs(h.ctx); // a second instance plans the same: nothing new
    expect((await jobByKey(reminderKey('visaSupport', meetingId, '2023-04-14')))!.runAt.toISOString()).toBe('2023-04-11T06:00:00.000Z');
    expect((await jobByKey(reminderKey('registration', meetingId, '2023-04-21')))!.runAt.toISOString()).toBe('2023-04-18T06:00:00.000Z');
    expect((await jobByKey(reminderKey('contributions', meetingId, '2023-05-02')))!.runAt.toISOString()).toBe('2023-04-29T06:00:00.000Z');
    expect(await h.ctx.db.select().from(jobs).where(like(jobs.key, 'reminder:%'))).toHaveLength(3);

    await at('2023-04-11T05:59:00Z');
    expect(await mails('reminder-visaSupport')).toHaveLength(0);
  });

  it('reminds in-person, eligible registrants without a visa request of the visa deadline, once, in their language', async () => {
    await at('2023-04-11T06:00:00Z');
    const sent = await mails('reminder-visaSupport');
    expect(sent.map((m) => m.toAddress)).toEqual([people.alice!.email]);
    expect(sent[0]!.subject).toContain('2023年4月14日');
    expect(sent[0]!.textBody).toContain('2023年4月14日');
    expect(sent[0]!.textBody).toContain(`https://convene.test/meetings/${meetingId}`);
    expect((await jobByKey(reminderKey('visaSupport', meetingId, '2023-04-14')))!.status).toBe('done');
    // A re-run (or a retry after a crash mid-way) sends nobody a second one.
    await h.ctx.db
      .update(jobs)
      .set({ status: 'pending' })
      .where(eq(jobs.key, reminderKey('visaSupport', meetingId, '2023-04-14')));
    await at('2023-04-11T07:00:00Z');
    expect(await mails('reminder-visaSupport')).toHaveLength(1);
  });

  it('reminds confirmed list subscribers who have not registered of the registration deadline', async () => {
    await at('2023-04-18T05:00:00Z');
    expect(await mails('reminder-registration')).toHaveLength(0);
    await at('2023-04-18T06:00:00Z');
    const sent = await mails('reminder-registration');
    expect(sent.map((m) => m.toAddress)).toEqual(['Subscriber.Zh@jobs.example']);
    expect(sent[0]!.textBody).toContain('2023年4月21日');
    expect(sent[0]!.textBody).toContain(`https://convene.test/meetings/${meetingId}`);
    // A list mail: it says how to unsubscribe, in the body and in the headers.
    expect(sent[0]!.textBody).toContain(`https://convene.test/lists/unsubscribe/${unsubscribeSecret}`);
    expect(sent[0]!.headers['List-Unsubscribe']).toBe(`<https://convene.test/lists/unsubscribe/${unsubscribeSecret}>`);
    expect(sent[0]!.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    await at('2023-04-18T12:00:00Z');
    expect(await mails('reminder-registration')).toHaveLength(1);
  });

  it('ignores the reminder of a moved deadline and sends the one for the new date', async () => {
    const detail = await getMeeting(h.ctx, meetingId);
    await updateMeeting(h.ctx, secretariat, meetingId, {
      ...meetingAsInput(detail),
      deadlines: { ...detail.deadlines, contributions: '2023-05-04' },
    });
    await at('2023-04-25T08:00:00Z');
    expect((await jobByKey(reminderKey('contributions', meetingId, '2023-05-04')))!.runAt.toISOString()).toBe('2023-05-01T06:00:00.000Z');

    await at('2023-04-29T06:00:00Z');
    // The old date's reminder is gone (should the deadline move back, it is planned again).
    expect(await jobByKey(reminderKey('contributions', meetingId, '2023-05-02'))).toBeUndefined();
    expect(await mails('reminder-contributions')).toHaveLength(0);

    await at('2023-05-01T06:00:00Z');
    const sent = await mails('reminder-contributions');
    expect(sent.map((m) => m.toAddress).sort()).toEqual(
      [people.alice!.email, people.bob!.email, people.carol!.email, people.dave!.email].sort(),
    );
    const toBob = sent.find((m) => m.toAddress === people.bob!.email)!;
    expect(toBob.subject).toContain('4 May 2023');
    expect(toBob.textBody).toContain('Dear Test,');
    expect(sent.find((m) => m.toAddress === people.alice!.email)!.textBody).toContain('2023年5月4日');
    await at('2023-05-01T09:00:00Z');
    expect(await mails('reminder-contributions')).toHaveLength(4);
  });

  const WHOLE = {
    link: 'https://itu.zoom.us/j/91234567890',
    meetingCode: '912 3456 7890',
    passcode: 'JOBS-WHOLE-1234',
    dialIn: '+41 22 555 01 01',
    notes: '',
  };
  const WG6 = { link: 'https://itu.zoom.us/j/96666', meetingCode: '966 66', passcode: 'JOBS-WG6-6666', dialIn: '', notes: '' };

  it('mails the remote details N days before the first day to those entitled, once each', async () => {
    const detail = await getMeeting(h.ctx, meetingId);
    const wg6 = detail.sessions.find((s) => s.subgroup === 'WG6')!.id;
    // Planned with the default (3 days) on 6 April; the secretariat now sets 2.
    expect(await jobByKey(remoteDetailsKey(meetingId, '2023-05-09', 3))).toBeDefined();
    await saveRemoteAccess(h.ctx, secretariat, meetingId, { daysBefore: 2, whole: WHOLE, sessions: { [wg6]: WG6 } });

    await at('2023-05-06T06:00:00Z'); // the old setting's time: nothing, and the old occurrence is gone
    expect(await jobByKey(remoteDetailsKey(meetingId, '2023-05-09', 3))).toBeUndefined();
    expect(await mails('remote-details')).toHaveLength(0);
    expect((await jobByKey(remoteDetailsKey(meetingId, '2023-05-09', 2)))!.runAt.toISOString()).toBe('2023-05-07T06:00:00.000Z');

    await at('2023-05-07T06:00:00Z');
    const sent = await mails('remote-details');
    const stored = await h.ctx.db.select().from(outbox).where(eq(outbox.kind, 'remote-details'));
    expect(stored.every((m) => m.textSealed && !m.textBody?.includes(WHOLE.passcode))).toBe(true);
    // Hybrid: in-person registrants too; not the cancelled one.
    expect(sent.map((m) => m.toAddress).sort()).toEqual(
      [people.alice!.email, people.bob!.email, people.carol!.email, people.dave!.email].sort(),
    );
    for (const m of sent) {
      expect(m.textBody).toContain(WHOLE.passcode);
      expect(m.textBody).toContain(WHOLE.link);
    }
    // Carol registered for WG5 only: not WG6's details.
    expect(sent.find((m) => m.toAddress === people.carol!.email)!.textBody).not.toContain(WG6.passcode);
    expect(sent.find((m) => m.toAddress === people.dave!.email)!.textBody).toContain(WG6.passcode);
    const toAlice = sent.find((m) => m.toAddress === people.alice!.email)!;
    expect(toAlice.subject).toContain('远程');
    expect(toAlice.textBody).toContain('会议号');
    expect(toAlice.textBody).toContain('2023年5月9日至10日');

    // Someone registered late (by the secretariat, registration being closed) gets them at the next run; nobody twice.
    people.frank = await makeUser(h.ctx, { email: 'frank@jobs.example' });
    await register(h.ctx, secretariat, meetingId, { mode: 'remote', sessions: ['WG6'], consent: true }, { onBehalfOf: people.frank.email });
    await at('2023-05-07T06:05:00Z');
    expect(await mails('remote-details')).toHaveLength(4);
    await at('2023-05-07T06:10:00Z');
    const after = await mails('remote-details');
    expect(after).toHaveLength(5);
    expect(after.at(-1)!.toAddress).toBe(people.frank.email);
    expect(after.at(-1)!.textBody).toContain(WG6.passcode);
    await at('2023-05-08T10:00:00Z');
    expect(await mails('remote-details')).toHaveLength(5);
    expect((await jobByKey(remoteDetailsKey(meetingId, '2023-05-09', 2)))!.status).toBe('pending');
    // WG6's passcode changes: those who may see WG6 get the new details once, marked as an update; the others nothing.
    await saveRemoteAccess(h.ctx, secretariat, meetingId, {
      daysBefore: 2,
      whole: WHOLE,
      sessions: { [wg6]: { ...WG6, passcode: 'NEW-6-PASS' } },
    });
    await at('2023-05-08T10:10:00Z');
    await at('2023-05-08T10:20:00Z');
    const updates = (await mails('remote-details')).slice(5);
    const seeWg6 = [people.dave!.email, people.frank.email];
    expect(
      updates
        .map((m) => m.toAddress)
        .filter((a) => seeWg6.includes(a))
        .sort(),
    ).toEqual([...seeWg6].sort());
    expect(updates.every((m) => m.textBody?.includes('NEW-6-PASS') && /Updated|更新/.test(m.subject ?? ''))).toBe(true);
    expect(updates.some((m) => m.toAddress === people.carol!.email)).toBe(false);
    // Changed back: the old passcode is news again to those who were last sent the new one.
    const beforeRevert = (await mails('remote-details')).length;
    await saveRemoteAccess(h.ctx, secretariat, meetingId, { daysBefore: 2, whole: WHOLE, sessions: { [wg6]: WG6 } });
    await at('2023-05-08T10:30:00Z');
    const reverted = (await mails('remote-details')).slice(beforeRevert);
    expect(
      reverted
        .map((m) => m.toAddress)
        .filter((a) => seeWg6.includes(a))
        .sort(),
    ).toEqual([...seeWg6].sort());
    expect(reverted.every((m) => m.textBody?.includes(WG6.passcode))).toBe(true);
    const total = (await mails('remote-details')).length;
    // Once the meeting is over, the job ends.
    await at('2023-05-10T22:05:00Z');
    expect((await jobByKey(remoteDetailsKey(meetingId, '2023-05-09', 2)))!.status).toBe('done');
    expect(await mails('remote-details')).toHaveLength(total);
  });

  it('runs the retention purge once an hour', async () => {
    await at('2023-06-10T12:10:00Z'); // 10 May + 30 days of retention: dave's passport data goes
    const first = await jobByKey(purgeKey(new Date('2023-06-10T12:10:00Z')));
    expect(first).toMatchObject({ key: 'purge:2023-06-10T12', status: 'done' });
    const [visa] = await h.ctx.db.select().from(visaRequests);
    expect(visa).toMatchObject({ status: 'purged', passport: null });
    await at('2023-06-10T12:50:00Z');
    expect(
      await h.ctx.db
        .select()
        .from(jobs)
        .where(and(eq(jobs.kind, 'purge'), like(jobs.key, 'purge:2023-06-10T12%'))),
    ).toHaveLength(1);
    await claimOnce(h.ctx.db, 'sent:test:long-ago', new Date('2022-11-01T00:00:00Z'));
    await claimOnce(h.ctx.db, 'sent:test:recent', new Date('2023-05-01T00:00:00Z'));
    // The inbound hourly limit's log names senders: once older than a day it counts for nothing.
    await h.ctx.db.insert(inboundMailLog).values([
      { fromAddress: 'old-sender@example.org', outcome: 'numbered', receivedAt: new Date('2023-06-09T12:00:00Z') },
      { fromAddress: 'recent-sender@example.org', outcome: 'numbered', receivedAt: new Date('2023-06-10T12:30:00Z') },
    ]);
    await at('2023-06-10T13:00:00Z');
    expect(await jobByKey('purge:2023-06-10T13')).toMatchObject({ status: 'done' });
    // Records of who was sent what are forgotten half a year on.
    expect(await jobByKey('sent:test:long-ago')).toBeUndefined();
    expect(await jobByKey('sent:test:recent')).toBeDefined();
    expect((await h.ctx.db.select().from(inboundMailLog)).map((r) => r.fromAddress)).toEqual(['recent-sender@example.org']);
  });

  it('plans and runs jobs in the worker loop, at the injected interval', async () => {
    h.clock.set('2023-06-11T09:30:00Z');
    const stop = startWorker(h.ctx, { jobsEveryMs: 10 });
    try {
      const deadline = Date.now() + 10_000;
      while (!(await jobByKey('purge:2023-06-11T09'))?.doneAt && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(await jobByKey('purge:2023-06-11T09')).toMatchObject({ status: 'done' });
      h.clock.set('2023-06-11T10:00:00Z');
      while (!(await jobByKey('purge:2023-06-11T10'))?.doneAt && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(await jobByKey('purge:2023-06-11T10')).toMatchObject({ status: 'done' });
    } finally {
      await stop();
    }
  });
});
