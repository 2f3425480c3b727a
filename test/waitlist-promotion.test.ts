import { randomBytes } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/modules/accounts/api-tokens.ts';
import { accounts, apiTokens } from '../src/modules/accounts/schema.ts';
import { meetings } from '../src/modules/meetings/schema.ts';
import { registrations } from '../src/modules/registrations/schema.ts';
import { sha256 } from '../src/platform/crypto.ts';
import { outbox } from '../src/platform/mail/schema.ts';
import { Agent } from './support/agent.ts';
import { type BuiltGroup, buildGroup, buildMeeting, buildPerson, type Person, secretariatOf } from './support/factories.ts';
import { databaseKinds, type Harness, startHarness } from './support/harness.ts';

/** Every change that frees in-person places gives them to the waiting list, in order, in its own transaction. */
describe.each(databaseKinds)('freed places go to the waiting list (%s)', (kind) => {
  let h: Harness;
  let staffPerson: Person;
  let secretariat: { authorization: string };
  let group: BuiltGroup;
  let batch = 0;

  beforeAll(async () => {
    h = await startHarness(kind, '2023-04-06T08:00:00Z');
    group = await buildGroup(h.ctx, { subgroups: ['WG5', 'WG6'] });
    staffPerson = await secretariatOf(h.ctx);
    secretariat = { authorization: `Bearer ${await createApiToken(h.ctx, staffPerson)}` };
  });
  afterAll(() => h.close());

  /** A hybrid meeting of its own, with WG5 and WG6 sessions in September. */
  async function newMeeting(inPersonCapacity: number | null): Promise<number> {
    const saved = await buildMeeting(h.ctx, {
      group,
      title: { en: `Capacity meeting ${batch + 1}` },
      venue: { name: 'ITU', city: 'Geneva', country: 'CH', timeZone: 'Europe/Zurich' },
      mode: 'hybrid',
      sessions: [
        { subgroup: 'WG5', startDate: '2023-09-04', endDate: '2023-09-05' },
        { subgroup: 'WG6', startDate: '2023-09-04', endDate: '2023-09-05' },
      ],
      capacity: inPersonCapacity,
    });
    return saved.id;
  }

  /** n accounts with an API token each, made directly (hashing n passwords would only slow the test). */
  async function people(n: number) {
    batch += 1;
    const rows = await h.ctx.db
      .insert(accounts)
      .values(
        Array.from({ length: n }, (_, i) => ({
          email: `wait-${batch}-${i}@example.org`,
          passwordHash: 'unused',
          givenName: 'Wait',
          familyName: `P${i}`,
        })),
      )
      .returning({ id: accounts.id, email: accounts.email });
    const tokens = rows.map(() => `cvn_${randomBytes(16).toString('hex')}`);
    await h.ctx.db.insert(apiTokens).values(rows.map((r, i) => ({ accountId: r.id, tokenHash: sha256(tokens[i]!) })));
    return rows.map((r, i) => ({ ...r, auth: { authorization: `Bearer ${tokens[i]}` } }));
  }
  const register = (meetingId: number, auth: { authorization: string }, mode = 'in-person') =>
    h.app.inject({ method: 'POST', url: `/api/meetings/${meetingId}/registrations`, headers: auth, payload: { mode, sessions: ['WG5'] } });
  const patchMeeting = (meetingId: number, body: object, auth = secretariat) =>
    h.app.inject({ method: 'PATCH', url: `/api/meetings/${meetingId}`, headers: auth, payload: body });
  const rowsOf = (meetingId: number) =>
    h.ctx.db.select().from(registrations).where(eq(registrations.meetingId, meetingId)).orderBy(asc(registrations.id));
  const queue = (meetingId: number) =>
    h.ctx.db
      .select({ id: registrations.id, accountId: registrations.accountId })
      .from(registrations)
      .where(and(eq(registrations.meetingId, meetingId), eq(registrations.status, 'waitlisted')))
      .orderBy(asc(registrations.waitlistedAt), asc(registrations.id));
  const promotionMails = async (meetingId: number) =>
    (await h.ctx.db.select().from(outbox).where(eq(outbox.kind, 'registration-promoted')).orderBy(asc(outbox.id))).filter((m) =>
      m.textBody?.includes(`R${meetingId}-`),
    );

  it('raising the limit (PATCH) promotes all 151 waiting, in order, each mailed; lowering it demotes nobody; a newcomer gets a place only if one is free', async () => {
    const meetingId = await newMeeting(50);
    const who = await people(201);
    const answers = await Promise.all(who.map((p) => register(meetingId, p.auth)));
    expect(answers.every((r) => r.statusCode === 201)).toBe(true);
    const waiting = await queue(meetingId);
    expect(waiting).toHaveLength(151);
    const emailOf = new Map(who.map((p) => [p.id, p.email]));

    // Refused changes (bad input, not the secretariat) change nothing and promote nobody.
    const bad = await patchMeeting(meetingId, { inPersonCapacity: -5 });
    expect(bad.statusCode).toBe(422);
    const denied = await patchMeeting(meetingId, { inPersonCapacity: 300 }, who[0]!.auth);
    expect(denied.statusCode).toBe(403);
    expect(await queue(meetingId)).toEqual(waiting);
    expect(await promotionMails(meetingId)).toHaveLength(0);

    const raised = await patchMeeting(meetingId, { inPersonCapacity: 300 });
    expect(raised.statusCode, raised.body).toBe(200);
    const after = await rowsOf(meetingId);
    expect(after.filter((r) => r.status === 'waitlisted')).toHaveLength(0);
    expect(after.filter((r) => r.status === 'registered' && r.mode === 'in-person')).toHaveLength(201);
    expect(after.every((r) => r.waitlistedAt === null && r.cancelledAt === null)).toBe(true);
    // One mail each, queued in the order of the queue.
    const mails = await promotionMails(meetingId);
    expect(mails.map((m) => m.toAddress)).toEqual(waiting.map((w) => emailOf.get(w.accountId)));
    expect(mails[0]!.subject).toContain('A place is now yours');

    // 201 of 300 places are taken: a newcomer gets one.
    const [newcomer, second] = await people(2);
    expect((await register(meetingId, newcomer!.auth)).json()).toMatchObject({ status: 'registered' });
    // A limit lowered to the places taken demotes nobody, and the next newcomer waits.
    expect((await patchMeeting(meetingId, { inPersonCapacity: 202 })).statusCode).toBe(200);
    expect((await rowsOf(meetingId)).filter((r) => r.status === 'registered')).toHaveLength(202);
    expect((await register(meetingId, second!.auth)).json()).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });

    // Removing the limit promotes whoever waits.
    expect((await patchMeeting(meetingId, { inPersonCapacity: null })).statusCode).toBe(200);
    expect((await rowsOf(meetingId)).filter((r) => r.status === 'waitlisted')).toHaveLength(0);
    expect((await promotionMails(meetingId)).map((m) => m.toAddress).at(-1)).toBe(second!.email);
  });

  it('removing the limit on the meeting form promotes everyone waiting', async () => {
    const meetingId = await newMeeting(2);
    const who = await people(6);
    for (const p of who) expect((await register(meetingId, p.auth)).statusCode).toBe(201);
    expect(await queue(meetingId)).toHaveLength(4);
    const staff = new Agent(h);
    await staff.login(staffPerson.email, staffPerson.password);
    const form = {
      title_en: `Capacity meeting ${batch}`,
      venue_name: 'ITU',
      venue_city: 'Geneva',
      venue_country: 'CH',
      venue_timeZone: 'Europe/Zurich',
      mode: 'hybrid',
      languages: 'en',
      sessions_0_subgroup: 'WG5',
      sessions_0_startDate: '2023-09-04',
      sessions_0_endDate: '2023-09-05',
      sessions_1_subgroup: 'WG6',
      sessions_1_startDate: '2023-09-04',
      sessions_1_endDate: '2023-09-05',
    };
    const refused = await staff.post(`/meetings/${meetingId}/edit`, { ...form, inPersonCapacity: 'many' });
    expect(refused.statusCode).toBe(422);
    expect(await queue(meetingId)).toHaveLength(4);
    const saved = await staff.post(`/meetings/${meetingId}/edit`, { ...form, inPersonCapacity: '' });
    expect(saved.statusCode).toBe(303);
    const [m] = await h.ctx.db.select().from(meetings).where(eq(meetings.id, meetingId));
    expect(m!.inPersonCapacity).toBeNull();
    expect(await queue(meetingId)).toHaveLength(0);
    expect(await promotionMails(meetingId)).toHaveLength(4);
  });

  it('cancelling, switching to remote and deleting an account each promote the next in the queue', async () => {
    const meetingId = await newMeeting(3);
    const leaving = await buildPerson(h.ctx, { category: 'non-member' });
    const agent = new Agent(h);
    await agent.login(leaving.email, leaving.password);
    const held = await register(meetingId, { authorization: `Bearer ${await createApiToken(h.ctx, leaving)}` });
    expect(held.json().status).toBe('registered');
    const who = await people(5);
    const regs = [];
    for (const p of who)
      regs.push((await register(meetingId, p.auth)).json() as { id: number; status: string; waitlistPosition: number | null });
    expect(regs.map((r) => r.status)).toEqual(['registered', 'registered', 'waitlisted', 'waitlisted', 'waitlisted']);
    expect(regs.map((r) => r.waitlistPosition)).toEqual([null, null, 1, 2, 3]);
    const status = async (id: number) => (await rowsOf(meetingId)).find((r) => r.id === id)!.status;

    await h.app.inject({ method: 'DELETE', url: `/api/registrations/${regs[0]!.id}`, headers: who[0]!.auth });
    expect(await status(regs[2]!.id)).toBe('registered');
    await h.app.inject({ method: 'PATCH', url: `/api/registrations/${regs[1]!.id}`, headers: who[1]!.auth, payload: { mode: 'remote' } });
    expect(await status(regs[3]!.id)).toBe('registered');
    expect((await queue(meetingId)).map((q) => q.id)).toEqual([regs[4]!.id]);
    expect((await agent.post('/account/delete', { password: leaving.password })).statusCode).toBe(303);
    expect(await status(regs[4]!.id)).toBe('registered');
    expect((await promotionMails(meetingId)).map((m) => m.toAddress)).toEqual([2, 3, 4].map((i) => who[i]!.email));
  });
});
