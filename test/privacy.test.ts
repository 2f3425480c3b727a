import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/modules/accounts/api-tokens.ts';
import { accounts, auditEvents } from '../src/modules/accounts/schema.ts';
import { listSubscriptions } from '../src/modules/mailing-lists/schema.ts';
import { registrations } from '../src/modules/registrations/schema.ts';
import { visaRequests } from '../src/modules/visas/schema.ts';
import { outbox } from '../src/platform/mail/schema.ts';
import { Agent } from './support/agent.ts';
import { type BuiltMeeting, buildMeeting, buildPerson, visaRequestFor } from './support/factories.ts';
import { databaseKinds, type Harness, startHarness } from './support/harness.ts';

describe.each(databaseKinds)('personal data rights (%s)', (kind) => {
  let h: Harness;
  let meeting: BuiltMeeting;
  let meetingId: number;
  let group: string;
  beforeAll(async () => {
    h = await startHarness(kind, '2023-04-06T08:00:00Z');
    meeting = await buildMeeting(h.ctx, { group: { subgroups: ['WG5'] }, capacity: 1 });
    meetingId = meeting.id;
    group = meeting.group.code;
  });
  afterAll(() => h.close());

  it('exports all of a person’s data, then deletes the account and hands the place on', async () => {
    const user = await buildPerson(h.ctx, { category: 'member-state' });
    const auth = { authorization: `Bearer ${await createApiToken(h.ctx, user)}` };
    const mine = await h.app.inject({
      method: 'POST',
      url: `/api/meetings/${meetingId}/registrations`,
      headers: auth,
      payload: { mode: 'in-person', sessions: ['WG5'], visaRequest: visaRequestFor(meeting, '2023-04-06') },
    });
    expect(mine.json().status).toBe('registered');
    const next = await buildPerson(h.ctx, { category: 'non-member' });
    const nextAuth = { authorization: `Bearer ${await createApiToken(h.ctx, next)}` };
    const queued = await h.app.inject({
      method: 'POST',
      url: `/api/meetings/${meetingId}/registrations`,
      headers: nextAuth,
      payload: { mode: 'in-person', sessions: ['WG5'] },
    });
    expect(queued.json().status).toBe('waitlisted');

    // On the group's list by the same address, typed in capitals.
    expect(
      (await h.app.inject({ method: 'POST', url: `/api/groups/${group}/list/subscriptions`, payload: { email: user.email.toUpperCase() } }))
        .statusCode,
    ).toBe(202);

    const agent = new Agent(h);
    await agent.login(user.email, user.password);
    const exported = await agent.get('/account/export.json');
    expect(exported.headers['content-disposition']).toContain('attachment');
    const data = exported.json();
    expect(data.account.email).toBe(user.email);
    expect(data.account.passwordHash).toBeUndefined();
    expect(data.registrations[0].visaRequest.passport.passportNumber).toBe('E12345678');
    expect(data.registrations[0].number).toBe(mine.json().number);
    expect(data.mailingLists).toEqual([expect.objectContaining({ group, status: 'pending' })]);
    expect(JSON.stringify(data.mailingLists)).not.toMatch(/token/i);
    expect((await h.ctx.db.select().from(auditEvents).where(eq(auditEvents.action, 'account.export'))).length).toBeGreaterThan(0);

    const wrong = await agent.post('/account/delete', { password: 'not my password' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('The password is not correct');
    expect((await h.ctx.db.select().from(accounts).where(eq(accounts.id, user.id))).length).toBe(1);

    const gone = await agent.post('/account/delete', { password: user.password });
    expect(gone.statusCode).toBe(303);
    expect(gone.headers.location).toBe('/groups?notice=accountDeleted');
    expect((await h.ctx.db.select().from(accounts).where(eq(accounts.id, user.id))).length).toBe(0);
    expect((await h.ctx.db.select().from(registrations).where(eq(registrations.accountId, user.id))).length).toBe(0);
    expect((await h.ctx.db.select().from(visaRequests)).length).toBe(0);
    expect((await h.ctx.db.select().from(outbox).where(eq(outbox.toAddress, user.email))).length).toBe(0);
    expect(
      (
        await h.ctx.db
          .select()
          .from(listSubscriptions)
          .where(eq(sql`lower(${listSubscriptions.email})`, user.email.toLowerCase()))
      ).length,
    ).toBe(0);
    expect((await h.app.inject({ url: `/api/registrations/${queued.json().id}`, headers: nextAuth })).json().status).toBe('registered');
    expect((await agent.get('/account')).statusCode).toBe(303);
    expect((await new Agent(h).post('/login', { email: user.email, password: user.password })).statusCode).toBe(401);
  });

  it('does not hand someone else’s list subscriptions to an account that has not proved its address', async () => {
    const victim = 'victim.of.signup@example.org';
    expect(
      (await h.app.inject({ method: 'POST', url: `/api/groups/${group}/list/subscriptions`, payload: { email: victim } })).statusCode,
    ).toBe(202);
    const impostor = await buildPerson(h.ctx, { email: victim, category: 'non-member' });
    await h.ctx.db.update(accounts).set({ emailVerifiedAt: null }).where(eq(accounts.id, impostor.id));
    const auth = { authorization: `Bearer ${await createApiToken(h.ctx, impostor)}` };
    const data = (await h.app.inject({ url: '/api/me/export', headers: auth })).json();
    expect(data.mailingLists).toEqual([]);
    expect(
      (await h.app.inject({ method: 'DELETE', url: '/api/me', headers: auth, payload: { password: impostor.password } })).statusCode,
    ).toBe(204);
    expect(await h.ctx.db.select().from(listSubscriptions).where(eq(listSubscriptions.email, victim))).toHaveLength(1);
  });

  it('requires authentication and the password over the API', async () => {
    expect((await h.app.inject({ url: '/api/me/export' })).statusCode).toBe(401);
    expect((await h.app.inject({ method: 'DELETE', url: '/api/me', payload: { password: 'x' } })).statusCode).toBe(401);
    const user = await buildPerson(h.ctx, { category: 'non-member' });
    const auth = { authorization: `Bearer ${await createApiToken(h.ctx, user)}` };
    expect((await h.app.inject({ method: 'DELETE', url: '/api/me', headers: auth, payload: { password: 'nope' } })).statusCode).toBe(401);
    expect((await h.app.inject({ method: 'DELETE', url: '/api/me', headers: auth, payload: { password: user.password } })).statusCode).toBe(
      204,
    );
    expect((await h.app.inject({ url: '/api/me', headers: auth })).statusCode).toBe(401);
  });
});
