import { randomBytes } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/modules/accounts/api-tokens.ts';
import { accounts, apiTokens, auditEvents } from '../src/modules/accounts/schema.ts';
import { meetings } from '../src/modules/meetings/schema.ts';
import { registrations } from '../src/modules/registrations/schema.ts';
import { saveRemoteAccess } from '../src/modules/remote/service.ts';
import { sha256 } from '../src/platform/crypto.ts';
import { outbox } from '../src/platform/mail/schema.ts';
import { buildMeeting, secretariatOf } from './support/factories.ts';
import { databaseKinds, type Harness, startHarness } from './support/harness.ts';

/**
 * Concurrent requests on one registration, and on one meeting's places: on PostgreSQL they really run at
 * once (a pool of 20 connections); on PGlite they are serialised but must end in the same states.
 */
describe.each(databaseKinds)('races on registrations (%s)', (kind) => {
  let h: Harness;
  let meetingId: number;
  let batch = 0;
  let secretariatAuth: { authorization: string };

  beforeAll(async () => {
    h = await startHarness(kind, '2023-04-06T08:00:00Z');
    // Registration closes on 21 April (a test moves the clock past it).
    meetingId = (
      await buildMeeting(h.ctx, { group: { subgroups: ['WG5', 'WG6'] }, startsIn: '2023-05-09', deadlines: { registration: '2023-04-21' } })
    ).id;
    const secretariat = await secretariatOf(h.ctx);
    secretariatAuth = { authorization: `Bearer ${await createApiToken(h.ctx, secretariat)}` };
    await saveRemoteAccess(h.ctx, secretariat, meetingId, {
      daysBefore: 3,
      whole: { link: 'https://itu.zoom.us/j/90011122233', meetingCode: '900 1112 2233', passcode: 'RACE-PASS-4417', dialIn: '', notes: '' },
    });
  });
  afterAll(() => h.close());

  /** n accounts with an API token each, made directly (hashing n passwords would only slow the test). */
  async function people(n: number): Promise<{ accountId: number; auth: { authorization: string } }[]> {
    batch += 1;
    const rows = await h.ctx.db
      .insert(accounts)
      .values(
        Array.from({ length: n }, (_, i) => ({
          email: `race-${batch}-${i}@example.org`,
          passwordHash: 'unused',
          givenName: 'Race',
          familyName: `P${i}`,
        })),
      )
      .returning({ id: accounts.id });
    const tokens = rows.map(() => `cvn_${randomBytes(16).toString('hex')}`);
    await h.ctx.db.insert(apiTokens).values(rows.map((r, i) => ({ accountId: r.id, tokenHash: sha256(tokens[i]!) })));
    return rows.map((r, i) => ({ accountId: r.id, auth: { authorization: `Bearer ${tokens[i]}` } }));
  }
  const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, headers: Record<string, string>, payload?: object) =>
    h.app.inject({ method, url, headers, payload });
  const setCapacity = (capacity: number | null) =>
    h.ctx.db.update(meetings).set({ inPersonCapacity: capacity }).where(eq(meetings.id, meetingId));
  const clear = async () => {
    await h.ctx.db.delete(registrations).where(eq(registrations.meetingId, meetingId));
    await h.ctx.db.delete(outbox);
  };

  it('DELETE and PATCH {mode:"remote"} sent together: every registration ends cancelled, coherent, mailed once, without remote access', async () => {
    await clear();
    await setCapacity(15);
    const who = await people(20);
    const created = [];
    for (const p of who) {
      const res = await api('POST', `/api/meetings/${meetingId}/registrations`, p.auth, { mode: 'in-person', sessions: ['WG5'] });
      expect(res.statusCode).toBe(201);
      created.push(res.json() as { id: number; status: string });
    }
    expect(created.filter((r) => r.status === 'waitlisted')).toHaveLength(5);

    const answers = await Promise.all(
      created.map((r, i) =>
        Promise.all([
          api('DELETE', `/api/registrations/${r.id}`, who[i]!.auth),
          api('PATCH', `/api/registrations/${r.id}`, who[i]!.auth, { mode: 'remote' }),
        ]),
      ),
    );

    const rows = await h.ctx.db.select().from(registrations).where(eq(registrations.meetingId, meetingId)).orderBy(asc(registrations.id));
    const mails = await h.ctx.db.select().from(outbox).where(eq(outbox.kind, 'registration-cancelled'));
    for (const [i, [del, patch]] of answers.entries()) {
      const id = created[i]!.id;
      const row = rows.find((r) => r.id === id)!;
      // The cancellation is always acknowledged, whichever ran first …
      expect(del.statusCode, del.body).toBe(200);
      expect(del.json()).toMatchObject({ id, status: 'cancelled' });
      // … and the change either ran before it or was refused after it, never reviving the registration.
      expect([200, 409], patch.body).toContain(patch.statusCode);
      if (patch.statusCode === 409) {
        expect(patch.json().code).toBe('registration-cancelled');
        expect(row.mode).toBe('in-person');
      } else {
        expect(patch.json()).toMatchObject({ id, mode: 'remote', status: 'registered' });
        expect(row.mode).toBe('remote');
      }
      expect(row.status).toBe('cancelled');
      expect(row.cancelledAt).not.toBeNull();
      expect(row.waitlistedAt).toBeNull();
      expect(mails.filter((m) => m.toAddress === `race-${batch}-${i}@example.org`)).toHaveLength(1);
      // Every later read says so, and the passcode stays out of reach.
      const read = await api('GET', `/api/registrations/${id}`, who[i]!.auth);
      expect(read.json().status).toBe('cancelled');
      const remote = await api('GET', `/api/meetings/${meetingId}/remote-access`, who[i]!.auth);
      expect(remote.statusCode).toBe(403);
      expect(remote.body).not.toContain('RACE-PASS-4417');
    }
    await setCapacity(null);
  });

  it('two cancellations sent together send one cancellation mail', async () => {
    await clear();
    const who = await people(10);
    const created = await Promise.all(
      who.map(
        async (p) =>
          (await api('POST', `/api/meetings/${meetingId}/registrations`, p.auth, { mode: 'remote', sessions: ['WG6'] })).json() as {
            id: number;
          },
      ),
    );
    const answers = await Promise.all(
      created.map((r, i) => Promise.all([1, 2].map(() => api('DELETE', `/api/registrations/${r.id}`, who[i]!.auth)))),
    );
    for (const pair of answers) for (const res of pair) expect(res.json().status).toBe('cancelled');
    const mails = await h.ctx.db.select().from(outbox).where(eq(outbox.kind, 'registration-cancelled'));
    expect(mails).toHaveLength(10);
    expect(new Set(mails.map((m) => m.toAddress)).size).toBe(10);
  });

  it('the secretariat cancels a participant’s registration after the deadline: audited, mailed once, and the participant cannot change it back', async () => {
    await clear();
    const [p] = await people(1);
    const reg = (await api('POST', `/api/meetings/${meetingId}/registrations`, p!.auth, { mode: 'in-person', sessions: ['WG5'] })).json();
    h.clock.set('2023-04-25T08:00:00Z');
    try {
      expect((await api('DELETE', `/api/registrations/${reg.id}`, p!.auth)).json().code).toBe('registration-closed');
      const byStaff = await api('DELETE', `/api/registrations/${reg.id}`, secretariatAuth);
      expect(byStaff.statusCode).toBe(200);
      expect(byStaff.json().status).toBe('cancelled');
      // Repeated: the same answer, no second mail or audit entry (even from the participant, after the deadline).
      expect((await api('DELETE', `/api/registrations/${reg.id}`, secretariatAuth)).json().status).toBe('cancelled');
      expect((await api('DELETE', `/api/registrations/${reg.id}`, p!.auth)).json().status).toBe('cancelled');
    } finally {
      h.clock.set('2023-04-06T08:00:00Z');
    }
    const patch = await api('PATCH', `/api/registrations/${reg.id}`, p!.auth, { mode: 'remote' });
    expect(patch.statusCode).toBe(409);
    expect(patch.json()).toMatchObject({
      code: 'registration-cancelled',
      title: 'This registration has been cancelled. Register again instead.',
    });
    expect(
      (await api('PATCH', `/api/registrations/${reg.id}`, { ...p!.auth, 'accept-language': 'fr' }, { mode: 'remote' })).json().title,
    ).toBe('Cette inscription a été annulée. Veuillez plutôt vous inscrire de nouveau.');
    expect((await h.ctx.db.select().from(outbox).where(eq(outbox.kind, 'registration-cancelled'))).length).toBe(1);
    expect(
      await h.ctx.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'registration.cancel'), eq(auditEvents.subject, `registration:${reg.id}`))),
    ).toHaveLength(1);
    // Registering again is the way back.
    const again = await api('POST', `/api/meetings/${meetingId}/registrations`, p!.auth, { mode: 'remote', sessions: ['WG5'] });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ id: reg.id, status: 'registered', mode: 'remote' });
  });

  it('the database refuses a status that disagrees with the cancellation or waiting-list time', async () => {
    await clear();
    const [p] = await people(1);
    const reg = (await api('POST', `/api/meetings/${meetingId}/registrations`, p!.auth, { mode: 'remote', sessions: ['WG5'] })).json();
    await api('DELETE', `/api/registrations/${reg.id}`, p!.auth);
    const revive = h.ctx.db.update(registrations).set({ status: 'registered' }).where(eq(registrations.id, reg.id));
    await expect(revive).rejects.toThrow();
    const remoteWaiting = h.ctx.db
      .update(registrations)
      .set({ status: 'waitlisted', cancelledAt: null, waitlistedAt: new Date() })
      .where(eq(registrations.id, reg.id));
    await expect(remoteWaiting).rejects.toThrow();
    const [row] = await h.ctx.db.select().from(registrations).where(eq(registrations.id, reg.id));
    expect(row).toMatchObject({ status: 'cancelled', waitlistedAt: null });
    expect(row!.cancelledAt).not.toBeNull();
  });

  it('a burst of 200 in-person registrants at capacity 10: the waiting-list positions told are exactly 1..190, and later reads agree', async () => {
    await clear();
    await setCapacity(10);
    const who = await people(200);
    const responses = await Promise.all(
      who.map((p) => api('POST', `/api/meetings/${meetingId}/registrations`, p.auth, { mode: 'in-person', sessions: ['WG5'] })),
    );
    expect(responses.every((r) => r.statusCode === 201)).toBe(true);
    const told = responses.map((r) => r.json() as { id: number; status: string; waitlistPosition: number | null });
    expect(told.filter((r) => r.status === 'registered')).toHaveLength(10);
    const positions = told.filter((r) => r.status === 'waitlisted').map((r) => r.waitlistPosition);
    expect([...positions].sort((a, b) => a! - b!)).toEqual(Array.from({ length: 190 }, (_, i) => i + 1));
    // What each was told is what a later read says (nobody ahead has left).
    for (const [i, r] of told.entries()) {
      if (r.status !== 'waitlisted') continue;
      const read = (await api('GET', `/api/registrations/${r.id}`, who[i]!.auth)).json();
      expect(read.waitlistPosition, `registration ${r.id}`).toBe(r.waitlistPosition);
    }
    // The queue order (waitlistedAt, id) is the order of the positions told.
    const queue = await h.ctx.db
      .select({ id: registrations.id })
      .from(registrations)
      .where(and(eq(registrations.meetingId, meetingId), eq(registrations.status, 'waitlisted')))
      .orderBy(asc(registrations.waitlistedAt), asc(registrations.id));
    const byId = new Map(told.map((r) => [r.id, r.waitlistPosition]));
    expect(queue.map((q) => byId.get(q.id))).toEqual(Array.from({ length: 190 }, (_, i) => i + 1));
    await setCapacity(null);
  });
});
