import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/modules/accounts/api-tokens.ts';
import { registrations } from '../src/modules/registrations/schema.ts';
import { visaRequests } from '../src/modules/visas/schema.ts';
import { outbox } from '../src/platform/mail/schema.ts';
import { defineJobs, runJobsOnce } from '../src/worker.ts';
import { Agent } from './support/agent.ts';
import { type BuiltMeeting, buildGroup, buildMeeting, buildPerson, type Person, visaRequestFor } from './support/factories.ts';
import { databaseKinds, type Harness, startHarness } from './support/harness.ts';

describe.each(databaseKinds)('registrations approved by focal points (%s)', (kind) => {
  let h: Harness;
  let staff: string;
  let meeting: BuiltMeeting;
  // Organization A: focal point and two delegates; B: focal point and one delegate.
  const p = {} as Record<'focalA' | 'delegateA1' | 'delegateA2' | 'focalB' | 'delegateB' | 'expert' | 'loner', Person>;
  const token = {} as Record<keyof typeof p, string>;

  const api = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, bearer: string | null, payload?: unknown, lang = 'en') =>
    h.app.inject({
      method,
      url,
      headers: { 'accept-language': lang, ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const register = (who: keyof typeof p, body: Record<string, unknown> = { mode: 'in-person', sessions: ['WG1'] }, m = meeting) =>
    api('POST', `/api/meetings/${m.id}/registrations`, token[who], body);
  const mailsOf = async (kindOf: string, to?: string) =>
    (await h.ctx.db.select().from(outbox).where(eq(outbox.kind, kindOf))).filter((m) => to === undefined || m.toAddress === to);
  const statusOf = async (id: number) =>
    (await h.ctx.db.select({ status: registrations.status }).from(registrations).where(eq(registrations.id, id)))[0]?.status;

  beforeAll(async () => {
    h = await startHarness(kind);
    defineJobs();
    staff = await createApiToken(h.ctx, await buildPerson(h.ctx, { role: 'secretariat' }));
    for (const who of Object.keys({ focalA: 0, delegateA1: 0, delegateA2: 0, focalB: 0, delegateB: 0, loner: 0 }) as (keyof typeof p)[])
      p[who] = await buildPerson(h.ctx, { category: who === 'loner' ? 'sector-member' : 'member-state' });
    p.expert = await buildPerson(h.ctx, { category: 'non-member' });
    for (const who of Object.keys(p) as (keyof typeof p)[]) token[who] = await createApiToken(h.ctx, p[who]);
    const organization = async (name: string, members: [Person, boolean][]) => {
      const made = await api('POST', '/api/organizations', staff, { name: { en: name }, country: 'KR', category: 'member-state' });
      expect(made.statusCode, made.body).toBe(201);
      for (const [person, focalPoint] of members) {
        const placed = await api('PUT', `/api/organizations/${made.json().id}/members`, staff, { email: person.email, focalPoint });
        expect(placed.statusCode, placed.body).toBe(200);
      }
    };
    await organization('Administration A', [
      [p.focalA, true],
      [p.delegateA1, false],
      [p.delegateA2, false],
    ]);
    await organization('Administration B', [
      [p.focalB, true],
      [p.delegateB, false],
    ]);
    const group = await buildGroup(h.ctx, { registrationApproval: 'focal-point' });
    meeting = await buildMeeting(h.ctx, { group, capacity: 1, sessions: ['WG1'] });
  });
  afterAll(() => h.close());

  it('takes the group’s setting for the meeting, and says which applies', async () => {
    const settings = (await api('GET', `/api/meetings/${meeting.id}`, null)).json().settings;
    expect(settings).toMatchObject({ registrationApproval: null, effectiveRegistrationApproval: 'focal-point' });
  });

  it('keeps a delegate’s registration waiting, holding no place, and tells them and their focal points only', async () => {
    const res = await register('delegateA1');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'pending-approval', waitlistPosition: null, declineReason: null });
    expect(await mailsOf('registration-awaiting-approval', p.delegateA1.email)).toHaveLength(1);
    expect(await mailsOf('registration-confirmed', p.delegateA1.email)).toHaveLength(0);
    const asked = await mailsOf('registration-approval-requested');
    expect(asked.map((m) => m.toAddress)).toEqual([p.focalA.email]);
    expect(asked[0]!.textBody).toContain(p.delegateA1.email);
    expect(asked[0]!.textBody).toContain('Administration A');
    expect(asked[0]!.textBody).toContain('https://convene.test/approvals?meeting=');
    // Waiting holds no place: the one in-person place is still free for someone confirmed at once.
    const expert = await register('expert');
    expect(expert.json().status).toBe('registered');
  });

  it('confirms at once a non-member expert, and a focal point registering themselves', async () => {
    const focal = await register('focalA', { mode: 'remote', sessions: ['WG1'] });
    expect(focal.json().status).toBe('registered');
    const other = await buildMeeting(h.ctx, { group: meeting.group.code, sessions: ['WG1'] });
    expect((await register('expert', { mode: 'remote', sessions: ['WG1'] }, other)).json().status).toBe('registered');
  });

  it('shows each focal point their own organization’s queue, the secretariat everyone’s, and nobody else any', async () => {
    await register('delegateA2');
    await register('delegateB', { mode: 'in-person', sessions: ['WG1'], visaRequest: visaRequestFor(meeting, '2023-04-06') });
    await register('loner', { mode: 'remote', sessions: ['WG1'] });
    const emails = async (bearer: string) =>
      (await api('GET', '/api/approvals', bearer)).json().map((r: { person: { email: string } }) => r.person.email);
    expect(await emails(token.focalA)).toEqual([p.delegateA1.email, p.delegateA2.email]);
    expect(await emails(token.focalB)).toEqual([p.delegateB.email]);
    expect(await emails(staff)).toEqual([p.delegateA1.email, p.delegateA2.email, p.delegateB.email, p.loner.email]);
    expect((await api('GET', '/api/approvals', token.delegateA1)).statusCode).toBe(403);
    expect((await api('GET', '/api/approvals', null)).statusCode).toBe(401);
    expect((await api('POST', '/api/approvals', null, { registrationIds: [1], decision: 'approve' })).statusCode).toBe(401);
    // The visa request hanging on a waiting registration has not reached the secretariat's queue.
    const queue = (await api('GET', '/api/visa-requests', staff)).json() as { registrationNumber: string }[];
    const [waiting] = await h.ctx.db.select().from(registrations).where(eq(registrations.accountId, p.delegateB.id));
    expect(queue.map((v) => v.registrationNumber)).not.toContain(waiting!.number);
    expect(await h.ctx.db.select().from(visaRequests).where(eq(visaRequests.registrationId, waiting!.id))).toHaveLength(1);
  });

  it('refuses a focal point another organization’s registration, all or nothing, and a delegate any', async () => {
    const waiting = (await api('GET', '/api/approvals', staff)).json() as { id: number; person: { email: string } }[];
    const idOf = (who: Person) => waiting.find((r) => r.person.email === who.email)!.id;
    const mixed = await api('POST', '/api/approvals', token.focalA, {
      registrationIds: [idOf(p.delegateA1), idOf(p.delegateB)],
      decision: 'approve',
    });
    expect(mixed.statusCode).toBe(404);
    expect(await statusOf(idOf(p.delegateA1))).toBe('pending-approval');
    const delegate = await api('POST', '/api/approvals', token.delegateA2, { registrationIds: [idOf(p.delegateA1)], decision: 'approve' });
    expect(delegate.statusCode).toBe(403);
    // The person of no organization waits for the secretariat alone.
    expect((await api('POST', '/api/approvals', token.focalB, { registrationIds: [idOf(p.loner)], decision: 'approve' })).statusCode).toBe(
      404,
    );
    expect(await statusOf(idOf(p.loner))).toBe('pending-approval');
  });

  it('asks a reason to decline, in the reader’s language, and changes nothing without one', async () => {
    const [b] = (await api('GET', '/api/approvals', token.focalB)).json() as { id: number }[];
    const res = await api('POST', '/api/approvals', token.focalB, { registrationIds: [b!.id], decision: 'decline', reason: '  ' }, 'fr');
    expect(res.statusCode).toBe(422);
    expect(JSON.stringify(res.json().errors)).toContain('Indiquez le motif du refus');
    expect(await statusOf(b!.id)).toBe('pending-approval');
    const none = await api('POST', '/api/approvals', token.focalB, { registrationIds: [], decision: 'approve' });
    expect(none.statusCode).toBe(422);
  });

  it('approves several at once, after the deadline too: free places first, in order, then the waiting list; a repeat changes nothing', async () => {
    const [expertPlace] = await h.ctx.db
      .select()
      .from(registrations)
      .where(and(eq(registrations.meetingId, meeting.id), eq(registrations.accountId, p.expert.id)));
    // The expert frees the one place: the first approved takes it, the second waits.
    expect((await api('PATCH', `/api/registrations/${expertPlace!.id}`, token.expert, { mode: 'remote' })).statusCode).toBe(200);
    h.clock.set(new Date(`${meeting.deadlines.registration}T23:30:00Z`));
    try {
      expect(
        (
          await register(
            'expert',
            { mode: 'remote', sessions: ['WG1'] },
            await buildMeeting(h.ctx, { group: meeting.group.code, sessions: ['WG1'], deadlines: { registration: -1 } }),
          )
        ).statusCode,
      ).toBe(409);
      const ids = ((await api('GET', '/api/approvals', token.focalA)).json() as { id: number }[]).map((r) => r.id);
      const res = await api('POST', '/api/approvals', token.focalA, { registrationIds: ids, decision: 'approve' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().results.map((r: { status: string; changed: boolean }) => [r.status, r.changed])).toEqual([
        ['registered', true],
        ['waitlisted', true],
      ]);
      expect(await mailsOf('registration-confirmed', p.delegateA1.email)).toHaveLength(1);
      const waitlistedMail = await mailsOf('registration-confirmed', p.delegateA2.email);
      expect(waitlistedMail).toHaveLength(1);
      expect(waitlistedMail[0]!.textBody).toContain('waiting list');
      const again = await api('POST', '/api/approvals', token.focalA, { registrationIds: ids, decision: 'approve' });
      expect(again.json().results.map((r: { changed: boolean }) => r.changed)).toEqual([false, false]);
      expect(await mailsOf('registration-confirmed', p.delegateA1.email)).toHaveLength(1);
      // Approved, it may no longer be declined.
      const late = await api('POST', '/api/approvals', token.focalA, {
        registrationIds: [ids[0]!],
        decision: 'decline',
        reason: 'Changed my mind',
      });
      expect(late.statusCode).toBe(409);
      expect(late.json().type).toContain('registration-not-pending');
    } finally {
      h.clock.set(new Date('2023-04-06T08:00:00Z'));
    }
  });

  it('declines with the reason told to the person, withdraws their visa request, and lets them ask again', async () => {
    const [b] = (await api('GET', '/api/approvals', token.focalB)).json() as { id: number }[];
    const res = await api('POST', '/api/approvals', token.focalB, {
      registrationIds: [b!.id],
      decision: 'decline',
      reason: 'Not in our delegation',
    });
    expect(res.json().results[0]).toMatchObject({ status: 'declined', changed: true });
    const [mail] = await mailsOf('registration-declined', p.delegateB.email);
    expect(mail!.textBody).toContain('Not in our delegation');
    const mine = (await api('GET', `/api/registrations/${b!.id}`, token.delegateB)).json();
    expect(mine).toMatchObject({ status: 'declined', declineReason: 'Not in our delegation' });
    const [visa] = await h.ctx.db.select().from(visaRequests).where(eq(visaRequests.registrationId, b!.id));
    expect(visa?.status ?? 'withdrawn').toBe('withdrawn');
    // A declined registration cannot be changed; registering again asks once more.
    expect((await api('PATCH', `/api/registrations/${b!.id}`, token.delegateB, { mode: 'remote' })).json().type).toContain(
      'registration-declined',
    );
    const again = await register('delegateB', { mode: 'remote', sessions: ['WG1'] });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toMatchObject({ id: b!.id, status: 'pending-approval', declineReason: null });
  });

  it('holds in the database that a declined registration has its reason, and only then', async () => {
    const [row] = await h.ctx.db.select().from(registrations).where(eq(registrations.accountId, p.loner.id));
    await expect(h.ctx.db.update(registrations).set({ status: 'declined' }).where(eq(registrations.id, row!.id))).rejects.toThrow();
    await expect(h.ctx.db.update(registrations).set({ declineReason: 'x' }).where(eq(registrations.id, row!.id))).rejects.toThrow();
    expect(await statusOf(row!.id)).toBe('pending-approval');
  });

  it('lets the secretariat approve those who have no focal point; their visa request reaches the queue then', async () => {
    const loner = (await api('GET', '/api/approvals', staff))
      .json()
      .find((r: { person: { email: string } }) => r.person.email === p.loner.email);
    const res = await api('POST', '/api/approvals', staff, { registrationIds: [loner.id], decision: 'approve' });
    expect(res.json().results[0].status).toBe('registered');
    // delegateB asks again in person with a visa request; approved, it shows in the secretariat's queue.
    const [b] = (await api('GET', '/api/approvals', token.focalB)).json() as { id: number }[];
    await api('PATCH', `/api/registrations/${b!.id}`, token.delegateB, { mode: 'in-person' });
    const visa = await api('POST', `/api/registrations/${b!.id}/visa-request`, token.delegateB, visaRequestFor(meeting, '2023-04-06'));
    expect(visa.statusCode, visa.body).toBeLessThan(300);
    const queued = async () =>
      ((await api('GET', '/api/visa-requests', staff)).json() as { registrationId: number }[]).map((v) => v.registrationId);
    expect(await queued()).not.toContain(b!.id);
    await api('POST', '/api/approvals', token.focalB, { registrationIds: [b!.id], decision: 'approve' });
    expect(await queued()).toContain(b!.id);
  });

  it('lets a meeting decide otherwise than its group', async () => {
    const none = await buildMeeting(h.ctx, { group: meeting.group.code, sessions: ['WG1'], registrationApproval: 'none' });
    expect((await register('delegateA1', { mode: 'remote', sessions: ['WG1'] }, none)).json().status).toBe('registered');
    const plain = await buildMeeting(h.ctx, { sessions: ['WG1'] });
    expect(
      (
        await register(
          'delegateA1',
          { mode: 'remote', sessions: ['WG1'] },
          await buildMeeting(h.ctx, { group: plain.group.code, sessions: ['WG1'] }),
        )
      ).json().status,
    ).toBe('registered');
    const changed = await api('PATCH', `/api/meetings/${plain.id}`, staff, { registrationApproval: 'focal-point' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().settings.effectiveRegistrationApproval).toBe('focal-point');
    expect((await register('delegateA2', { mode: 'remote', sessions: ['WG1'] }, plain)).json().status).toBe('pending-approval');
    const bad = await api('PATCH', `/api/meetings/${plain.id}`, staff, { registrationApproval: 'by-magic' });
    expect(bad.statusCode).toBe(422);
    expect(JSON.stringify(bad.json().errors)).toContain('registrationApproval');
  });

  it('reminds focal points with people still waiting before the registration deadline, once', async () => {
    const reminded = await buildMeeting(h.ctx, { group: meeting.group.code, sessions: ['WG1'], deadlines: { registration: 10 } });
    await register('delegateA1', { mode: 'remote', sessions: ['WG1'] }, reminded);
    h.clock.set(new Date(Date.parse(`${reminded.deadlines.registration}T12:00:00Z`) - 2 * 86_400_000));
    try {
      await runJobsOnce(h.ctx);
      await runJobsOnce(h.ctx);
      const sent = (await mailsOf('reminder-registration-approvals')).filter((m) => m.textBody?.includes(String(reminded.id)));
      expect(sent.map((m) => m.toAddress)).toEqual([p.focalA.email]);
      expect(sent[0]!.textBody).toContain(`/approvals?meeting=${reminded.id}`);
      await runJobsOnce(h.ctx);
      expect((await mailsOf('reminder-registration-approvals')).filter((m) => m.textBody?.includes(String(reminded.id)))).toHaveLength(1);
    } finally {
      h.clock.set(new Date('2023-04-06T08:00:00Z'));
    }
  });

  it('gives focal points a page to approve several at once, or decline with a reason, without script', async () => {
    const pending = await buildMeeting(h.ctx, { group: meeting.group.code, sessions: ['WG1'] });
    const a1 = (await register('delegateA1', { mode: 'remote', sessions: ['WG1'] }, pending)).json();
    const a2 = (await register('delegateA2', { mode: 'remote', sessions: ['WG1'] }, pending)).json();
    const focal = new Agent(h);
    await focal.login(p.focalA.email, p.focalA.password);
    const home = await focal.get('/');
    expect(home.body).toContain('/approvals');
    const page = await focal.get(`/approvals?meeting=${pending.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(p.delegateA1.email);
    expect(page.body).not.toContain(p.delegateB.email);
    const declined = await focal.post(`/approvals?meeting=${pending.id}`, {
      registrationIds: String(a2.id),
      decision: 'decline',
      reason: '',
    });
    expect(declined.statusCode).toBe(422);
    expect(declined.body).toContain('Say why you decline');
    expect(await statusOf(a2.id)).toBe('pending-approval');
    const approved = await focal.post(`/approvals?meeting=${pending.id}`, {
      registrationIds: [String(a1.id), String(a2.id)],
      decision: 'approve',
    });
    expect(approved.statusCode).toBe(303);
    expect(approved.headers.location).toBe(`/approvals?meeting=${pending.id}&done=approved&count=2`);
    const after = await focal.get(approved.headers.location!);
    expect(after.body).toContain('2 registrations approved');
    expect(await statusOf(a1.id)).toBe('registered');
    const delegate = new Agent(h);
    await delegate.login(p.delegateA1.email, p.delegateA1.password);
    expect((await delegate.get('/approvals')).statusCode).toBe(403);
    const rows = await h.ctx.db
      .select()
      .from(registrations)
      .where(inArray(registrations.id, [a1.id, a2.id]));
    expect(rows.every((r) => r.approvalDecidedBy === p.focalA.id)).toBe(true);
  });

  it('lets a focal point register their delegates at once, inviting someone without an account, and no one of another organization', async () => {
    const m = await buildMeeting(h.ctx, { group: meeting.group.code, sessions: ['WG1'] });
    const known = await api('POST', `/api/meetings/${m.id}/delegates`, token.focalA, {
      email: p.delegateA1.email,
      mode: 'remote',
      sessions: ['WG1'],
    });
    expect(known.statusCode, known.body).toBe(201);
    expect(known.json()).toMatchObject({ invited: false, registration: { status: 'registered' } });
    const [row] = await h.ctx.db.select().from(registrations).where(eq(registrations.id, known.json().registration.id));
    expect(row!.registeredBy).toBe(p.focalA.id);

    const other = await api('POST', `/api/meetings/${m.id}/delegates`, token.focalA, {
      email: p.delegateB.email,
      mode: 'remote',
      sessions: ['WG1'],
    });
    expect(other.statusCode).toBe(422);
    expect(JSON.stringify(other.json().errors)).toContain('another organization');
    const nameless = await api('POST', `/api/meetings/${m.id}/delegates`, token.focalA, {
      email: 'new.delegate@example.org',
      mode: 'remote',
      sessions: ['WG1'],
    });
    expect(nameless.statusCode).toBe(422);
    expect(JSON.stringify(nameless.json().errors)).toContain('givenName');
    expect(
      (
        await api('POST', `/api/meetings/${m.id}/delegates`, token.delegateA2, {
          email: p.delegateA1.email,
          mode: 'remote',
          sessions: ['WG1'],
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await api('POST', `/api/meetings/${m.id}/delegates`, null, { email: p.delegateA1.email, mode: 'remote', sessions: ['WG1'] }))
        .statusCode,
    ).toBe(401);

    const invited = await api('POST', `/api/meetings/${m.id}/delegates`, token.focalA, {
      email: 'new.delegate@example.org',
      givenName: 'Nour',
      familyName: 'Haddad',
      country: 'KR',
      category: 'member-state',
      mode: 'remote',
      sessions: ['WG1'],
    });
    expect(invited.statusCode, invited.body).toBe(201);
    expect(invited.json()).toMatchObject({ invited: true, registration: { status: 'registered' } });
    const [mail] = await mailsOf('delegate-invitation', 'new.delegate@example.org');
    expect(mail!.textBody).toContain('Administration A');
    const link = mail!.textBody!.match(/https:\/\/convene\.test(\/account\/reset\?token=[\w-]+)/)![1]!;
    // The link lets them choose a password, and then sign in and see their registration.
    const newcomer = new Agent(h);
    const form = await newcomer.get(link);
    expect(form.statusCode).toBe(200);
    const token_ = new URL(`https://x${link}`).searchParams.get('token')!;
    const chosen = await newcomer.post('/account/reset', {
      token: token_,
      password: 'a long new password',
      passwordAgain: 'a long new password',
    });
    expect(chosen.statusCode, chosen.body.slice(0, 300)).toBeLessThan(400);
    await newcomer.login('new.delegate@example.org', 'a long new password');
    expect((await newcomer.get('/me/registrations')).body).toContain(invited.json().registration.number);
    // They are in the organization now: its queue and quota count them.
    const approvals = await api('GET', '/api/approvals', token.focalA);
    expect(approvals.statusCode).toBe(200);
  });

  it('holds an organization to its quota of in-person places, for approvals and its focal point’s registrations alike', async () => {
    const m = await buildMeeting(h.ctx, { group: meeting.group.code, sessions: ['WG1'] });
    const organizations = (await api('GET', '/api/organizations', staff)).json() as { id: number; name: string }[];
    const a = organizations.find((o) => o.name === 'Administration A')!;
    const set = await api('PUT', `/api/meetings/${m.id}/quotas/${a.id}`, staff, { inPersonPlaces: 1 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().find((q: { organizationId: number }) => q.organizationId === a.id)).toMatchObject({ inPersonPlaces: 1, taken: 0 });
    expect((await api('PUT', `/api/meetings/${m.id}/quotas/${a.id}`, token.focalA, { inPersonPlaces: 9 })).statusCode).toBe(403);
    expect((await api('PUT', `/api/meetings/${m.id}/quotas/${a.id}`, staff, { inPersonPlaces: -1 })).statusCode).toBe(422);
    expect((await api('PUT', `/api/meetings/${m.id}/quotas/999999`, staff, { inPersonPlaces: 1 })).statusCode).toBe(404);

    const first = await api('POST', `/api/meetings/${m.id}/delegates`, token.focalA, {
      email: p.delegateA1.email,
      mode: 'in-person',
      sessions: ['WG1'],
    });
    expect(first.json().registration.status).toBe('registered');
    const second = await register('delegateA2', { mode: 'in-person', sessions: ['WG1'] }, m);
    expect(second.json().status).toBe('pending-approval');
    const refused = await api('POST', '/api/approvals', token.focalA, { registrationIds: [second.json().id], decision: 'approve' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().type).toContain('quota-reached');
    expect(await statusOf(second.json().id)).toBe('pending-approval');
    const direct = await api('POST', `/api/meetings/${m.id}/delegates`, token.focalA, {
      email: 'new.delegate@example.org',
      mode: 'in-person',
      sessions: ['WG1'],
    });
    expect(direct.statusCode).toBe(409);
    // A confirmed remote delegate may not come in person past the quota either.
    const remote = await api('POST', `/api/meetings/${m.id}/delegates`, token.focalA, {
      email: 'new.delegate@example.org',
      mode: 'remote',
      sessions: ['WG1'],
    });
    expect(remote.json().registration.status).toBe('registered');
    const moved = await api('PATCH', `/api/registrations/${remote.json().registration.id}`, staff, { mode: 'in-person' });
    expect(moved.statusCode).toBe(409);
    expect(moved.json().type).toContain('quota-reached');
    // Remotely there is room; and a raised quota lets the approval through.
    expect((await api('PATCH', `/api/registrations/${second.json().id}`, token.delegateA2, { mode: 'remote' })).statusCode).toBe(200);
    expect(
      (await api('POST', '/api/approvals', token.focalA, { registrationIds: [second.json().id], decision: 'approve' })).json().results[0]
        .status,
    ).toBe('registered');
    // The secretariat's page sets quotas for every organization in one form.
    const secretariat = new Agent(h);
    const staffPerson = await buildPerson(h.ctx, { role: 'secretariat' });
    await secretariat.login(staffPerson.email, staffPerson.password);
    const page = await secretariat.get(`/console/meetings/${m.id}/quotas`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Administration A');
    const saved = await secretariat.post(`/console/meetings/${m.id}/quotas`, { [`quota_${a.id}`]: '3' });
    expect(saved.statusCode).toBe(303);
    expect(
      (await api('GET', `/api/meetings/${m.id}/quotas`, staff)).json().find((q: { organizationId: number }) => q.organizationId === a.id)
        .inPersonPlaces,
    ).toBe(3);
    const bad = await secretariat.post(`/console/meetings/${m.id}/quotas`, { [`quota_${a.id}`]: 'many' });
    expect(bad.statusCode).toBe(422);
    const focal = new Agent(h);
    await focal.login(p.focalA.email, p.focalA.password);
    expect((await focal.get(`/console/meetings/${m.id}/quotas`)).statusCode).toBe(403);
    const delegatePage = await focal.get(`/meetings/${m.id}/delegates`);
    expect(delegatePage.statusCode).toBe(200);
    expect(delegatePage.body).toContain('1 of 3 taken');
  });
});
