import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, flushTokenUse } from '../src/modules/accounts/api-tokens.ts';
import { accounts, apiTokens } from '../src/modules/accounts/schema.ts';
import { meetings } from '../src/modules/meetings/schema.ts';
import { registrations } from '../src/modules/registrations/schema.ts';
import { visaRequests } from '../src/modules/visas/schema.ts';
import { outbox } from '../src/platform/mail/schema.ts';
import { ensureRendered } from '../src/platform/mail/templates.ts';
import { Agent } from './support/agent.ts';
import { $, $1, text } from './support/dom.ts';
import { buildMeeting, buildPerson, secretariatOf } from './support/factories.ts';
import { visaForm, visaJson } from './support/fixtures.ts';
import { databaseKinds, type Harness, startHarness } from './support/harness.ts';
import { signedInPerson } from './support/people.ts';

/**
 * A hybrid meeting on 9–10 May 2023 (WG5 two days, WG6 the first), whose visa, registration and contribution
 * deadlines are 14 April, 21 April and 2 May — the dates the visa requests in fixtures.ts fit.
 */
const mayMeeting = (h: Harness) =>
  buildMeeting(h.ctx, {
    group: { subgroups: ['WG5', 'WG6'] },
    sessions: [
      { subgroup: 'WG5', startDate: '2023-05-09', endDate: '2023-05-10' },
      { subgroup: 'WG6', startDate: '2023-05-09', endDate: '2023-05-09' },
    ],
    deadlines: { visaSupport: '2023-04-14', registration: '2023-04-21', contributions: '2023-05-02' },
  });

describe.each(databaseKinds)('registration (%s)', (kind) => {
  let h: Harness;
  let meetingId: number;
  let secretariatAuth: Record<string, string>;

  beforeAll(async () => {
    h = await startHarness(kind, '2023-04-06T08:00:00Z');
    meetingId = (await mayMeeting(h)).id;
    secretariatAuth = { authorization: `Bearer ${await createApiToken(h.ctx, await secretariatOf(h.ctx))}` };
  });
  afterAll(() => h.close());

  const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, headers: Record<string, string>, payload?: object) =>
    h.app.inject({ method, url, headers, payload });
  const countRegs = async () => (await h.ctx.db.select({ n: sql<number>`count(*)::int` }).from(registrations))[0]!.n;
  const reset = () => h.clock.set('2023-04-06T08:00:00Z');

  it('registers a Member-State delegate in person with a visa request, encrypted at rest, and mails a confirmation', async () => {
    const { user, agent } = await signedInPerson(h, { category: 'member-state' });
    const page = await agent.get(`/meetings/${meetingId}/register`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('I request a visa support letter');
    expect($1(page.body, '#f-visa').hasAttribute('disabled')).toBe(false);
    const idem = /name="_idem" value="([^"]+)"/.exec(page.body)![1]!;
    const res = await agent.post(`/meetings/${meetingId}/register`, {
      _idem: idem,
      mode: 'in-person',
      sessions: ['WG5', 'WG6'],
      consent: 'on',
      ...visaForm,
    });
    expect(res.statusCode).toBe(303);
    const regId = Number(/\/registrations\/(\d+)/.exec(res.headers.location as string)![1]);
    const [reg] = await h.ctx.db.select().from(registrations).where(eq(registrations.id, regId));
    expect(reg).toMatchObject({ accountId: user.id, mode: 'in-person', sessions: ['WG5', 'WG6'], status: 'registered' });
    expect(reg!.number).toMatch(/^R\d+-\d{4}$/);
    const [visa] = await h.ctx.db.select().from(visaRequests).where(eq(visaRequests.registrationId, regId));
    expect(visa).toMatchObject({ status: 'requested', nationality: 'CN', representationCity: 'Beijing' });
    expect(visa!.passport).not.toContain('E12345678');
    expect(JSON.parse(h.ctx.keyring.open(visa!.passport!).toString()).passportNumber).toBe('E12345678');
    // A plain dump of the tables holds no passport number.
    const dump = JSON.stringify(await h.ctx.db.select().from(visaRequests)) + JSON.stringify(await h.ctx.db.select().from(registrations));
    expect(dump).not.toContain('E12345678');

    const [mail] = await h.ctx.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.toAddress, user.email), eq(outbox.kind, 'registration-confirmed')));
    expect(mail!.subject).toContain(reg!.number);
    expect(mail!.textBody).toContain(`https://convene.test/registrations/${regId}`);
    expect(mail!.attachments[0]).toMatchObject({
      filename: `meeting-${meetingId}.ics`,
      contentType: expect.stringContaining('text/calendar'),
    });
    expect(Buffer.from(mail!.attachments[0]!.content, 'base64').toString()).toContain('BEGIN:VCALENDAR');

    // The double-clicked form (same hidden key) lands on the same registration.
    const again = await agent.post(`/meetings/${meetingId}/register`, {
      _idem: idem,
      mode: 'in-person',
      sessions: ['WG5', 'WG6'],
      consent: 'on',
      ...visaForm,
    });
    expect(again.headers.location).toBe(res.headers.location);
    const view = await agent.get(`/registrations/${regId}`);
    expect(view.body).toContain('Requested');
    expect(view.body).not.toContain('E12345678');
    expect((await agent.get(`/meetings/${meetingId}/register`)).headers.location).toBe(`/registrations/${regId}`);
  });

  it('tells a non-member why visa support is not for them, without the box, and refuses a visa request', async () => {
    const { user, agent, auth } = await signedInPerson(h, { category: 'non-member' });
    const page = await agent.get(`/meetings/${meetingId}/register`);
    expect($(page.body, '#f-visa') === null).toBe(true);
    expect(text($1(page.body, 'form .alert'))).toContain('Visa support can only be requested on the official request');
    const before = await countRegs();
    const res = await api('POST', `/api/meetings/${meetingId}/registrations`, auth, {
      mode: 'in-person',
      sessions: ['WG5'],
      visaRequest: visaJson,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'visa-not-eligible' });
    expect(await countRegs()).toBe(before);
    const plain = await api('POST', `/api/meetings/${meetingId}/registrations`, auth, { mode: 'remote', sessions: ['WG6'] });
    expect(plain.statusCode).toBe(201);
    expect(plain.json()).toMatchObject({ mode: 'remote', sessions: ['WG6'], status: 'registered', visa: null });
    // The one-statement path queues the mail unrendered; it is rendered when delivered or shown, with the
    // number and link the database assigned, in the language the person has then.
    const { id, number } = plain.json();
    const [row] = await h.ctx.db.select().from(registrations).where(eq(registrations.id, id));
    expect(row).toMatchObject({ number, mode: 'remote', sessions: ['WG6'], status: 'registered' });
    const mails = await h.ctx.db.select().from(outbox).where(eq(outbox.kind, 'registration-confirmed'));
    const queued = mails.find((m) => m.params?.registrationId === id)!;
    expect(queued).toMatchObject({ subject: null, textBody: null, toAddress: user.email });
    const mail = await ensureRendered(h.ctx, queued);
    expect(mail.subject).toContain(number);
    expect(mail.textBody).toContain(`Registration number: ${number}`);
    expect(mail.textBody).toContain(`https://convene.test/registrations/${id}\n`);
    expect(mail.attachments[0]!.filename).toBe(`meeting-${meetingId}.ics`);
    const [stored] = await h.ctx.db.select().from(outbox).where(eq(outbox.id, queued.id));
    expect(stored).toMatchObject({ subject: mail.subject, textBody: mail.textBody });
  });

  it('validates the visa request and the registration fields, storing nothing on error', async () => {
    const { agent, auth } = await signedInPerson(h, { category: 'academia' });
    const before = await countRegs();
    const res = await api('POST', `/api/meetings/${meetingId}/registrations`, auth, {
      mode: 'in-person',
      sessions: ['WG5', 'WG9'],
      visaRequest: { ...visaJson, passportExpiresOn: '2023-07-01', passportNumber: 'E1', nationality: '' },
    });
    expect(res.statusCode).toBe(422);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['visaRequest.passportNumber', 'visaRequest.nationality']));
    const dates = await api('POST', `/api/meetings/${meetingId}/registrations`, auth, {
      mode: 'in-person',
      sessions: ['WG5', 'WG9'],
      visaRequest: { ...visaJson, passportExpiresOn: '2023-07-01' },
    });
    expect(dates.json().errors).toEqual(
      expect.arrayContaining([
        { field: 'sessions.1', message: 'Choose sessions of this meeting.' },
        { field: 'visaRequest.passportExpiresOn', message: 'The passport must be valid for at least three months after your departure.' },
      ]),
    );
    const form = await agent.post(`/meetings/${meetingId}/register`, { mode: 'in-person', sessions: 'WG5' });
    expect(form.statusCode).toBe(422);
    expect(form.body).toContain('Please accept the privacy notice');
    expect(await countRegs()).toBe(before);
  });

  it('keeps one registration per person: a duplicate is refused; an Idempotency-Key replays the first answer', async () => {
    const { auth } = await signedInPerson(h);
    const body = { mode: 'remote', sessions: ['WG5'] };
    const first = await api('POST', `/api/meetings/${meetingId}/registrations`, { ...auth, 'idempotency-key': 'k-1' }, body);
    expect(first.statusCode).toBe(201);
    const replay = await api('POST', `/api/meetings/${meetingId}/registrations`, { ...auth, 'idempotency-key': 'k-1' }, body);
    expect(replay.statusCode).toBe(200);
    expect(replay.json().id).toBe(first.json().id);
    const reused = await api(
      'POST',
      `/api/meetings/${meetingId}/registrations`,
      { ...auth, 'idempotency-key': 'k-1' },
      { ...body, sessions: ['WG6'] },
    );
    expect(reused.statusCode).toBe(422);
    expect(reused.json().code).toBe('idempotency-key-reused');
    const dup = await api('POST', `/api/meetings/${meetingId}/registrations`, auth, body);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('duplicate-registration');
    const mine = await api('GET', '/api/me/registrations', auth);
    expect(mine.json()).toHaveLength(1);
  });

  it('checks an API token inside the one-statement registration, and mails in the language the person has when it is sent', async () => {
    const before = await countRegs();
    const body = { mode: 'remote', sessions: ['WG5'] };
    const unknown = await api('POST', `/api/meetings/${meetingId}/registrations`, { authorization: 'Bearer cvn_not-a-token' }, body);
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toMatchObject({ code: 'unauthenticated' });
    expect((await api('POST', `/api/meetings/${meetingId}/registrations`, {}, body)).statusCode).toBe(401);
    expect(await countRegs()).toBe(before);

    const { user, auth } = await signedInPerson(h);
    const created = await api('POST', `/api/meetings/${meetingId}/registrations`, auth, body);
    expect(created.statusCode).toBe(201);
    const [row] = await h.ctx.db.select().from(registrations).where(eq(registrations.id, created.json().id));
    expect(row!.accountId).toBe(user.id);
    // The token's "last used" is recorded as for any other request.
    await flushTokenUse(h.ctx);
    const [token] = await h.ctx.db.select().from(apiTokens).where(eq(apiTokens.accountId, user.id));
    expect(token!.lastUsedAt).not.toBeNull();
    // Switched to Chinese before the worker got to the mail: it goes out in Chinese.
    await h.ctx.db.update(accounts).set({ preferredLanguage: 'zh' }).where(eq(accounts.id, user.id));
    const [queued] = await h.ctx.db.select().from(outbox).where(eq(outbox.toAddress, user.email));
    const mail = await ensureRendered(h.ctx, queued!);
    expect(mail.subject).toMatch(new RegExp(`^注册号 ${row!.number}：`));
    // A second POST from the same token is the duplicate, answered by the general path.
    const again = await api('POST', `/api/meetings/${meetingId}/registrations`, auth, body);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'duplicate-registration' });
  });

  it('keeps registrations private to their owner and the secretariat', async () => {
    const owner = await signedInPerson(h);
    const other = await signedInPerson(h);
    const created = await api('POST', `/api/meetings/${meetingId}/registrations`, owner.auth, {
      mode: 'in-person',
      sessions: ['WG5'],
      visaRequest: visaJson,
    });
    const id = created.json().id;
    expect(created.json().visa).toMatchObject({ status: 'requested' });
    expect(JSON.stringify(created.json())).not.toContain('E12345678');
    expect((await api('GET', `/api/registrations/${id}`, other.auth)).statusCode).toBe(404);
    expect((await api('PATCH', `/api/registrations/${id}`, other.auth, { mode: 'remote' })).statusCode).toBe(404);
    expect((await api('DELETE', `/api/registrations/${id}`, other.auth)).statusCode).toBe(404);
    expect((await other.agent.get(`/registrations/${id}`)).statusCode).toBe(404);
    expect((await api('GET', `/api/registrations/${id}`, {})).statusCode).toBe(401);
    expect((await api('GET', `/api/registrations/${id}`, secretariatAuth)).statusCode).toBe(200);
    const [row] = await h.ctx.db.select().from(registrations).where(eq(registrations.id, id));
    expect(row!.status).toBe('registered');
  });

  it('lets people change and cancel until the deadline; after it the form is closed but the secretariat can still register someone', async () => {
    const { user, auth, agent } = await signedInPerson(h, { category: 'non-member' });
    const created = (await api('POST', `/api/meetings/${meetingId}/registrations`, auth, { mode: 'remote', sessions: ['WG5'] })).json();
    const changed = await api('PATCH', `/api/registrations/${created.id}`, auth, { sessions: ['WG5', 'WG6'], mode: 'in-person' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ sessions: ['WG5', 'WG6'], mode: 'in-person' });

    h.clock.set('2023-04-21T22:00:00Z'); // midnight in Geneva after 21 April
    try {
      const late = await api('PATCH', `/api/registrations/${created.id}`, auth, { mode: 'remote' });
      expect(late.statusCode).toBe(409);
      expect(late.json().code).toBe('registration-closed');
      const page = await agent.get(`/meetings/${meetingId}/register`);
      expect(page.statusCode).toBe(303); // already registered: goes to the registration
      const newcomer = await signedInPerson(h, { category: 'non-member' });
      const closed = await newcomer.agent.get(`/meetings/${meetingId}/register`);
      expect(closed.statusCode).toBe(409);
      expect(closed.body).toContain('closed at the end of 21 April 2023');
      const refused = await api('POST', `/api/meetings/${meetingId}/registrations`, newcomer.auth, { mode: 'remote', sessions: ['WG5'] });
      expect(refused.json().code).toBe('registration-closed');
      const bySecretariat = await api('POST', `/api/meetings/${meetingId}/registrations`, secretariatAuth, {
        mode: 'remote',
        sessions: ['WG5'],
        onBehalfOf: newcomer.user.email,
      });
      expect(bySecretariat.statusCode).toBe(201);
      const onBehalfOfByParticipant = await api('POST', `/api/meetings/${meetingId}/registrations`, auth, {
        mode: 'remote',
        sessions: ['WG5'],
        onBehalfOf: user.email,
      });
      expect([403, 409]).toContain(onBehalfOfByParticipant.statusCode);
    } finally {
      reset();
    }
    const cancelled = await api('DELETE', `/api/registrations/${created.id}`, auth);
    expect(cancelled.json().status).toBe('cancelled');
    const back = await api('POST', `/api/meetings/${meetingId}/registrations`, auth, { mode: 'remote', sessions: ['WG6'] });
    expect(back.statusCode).toBe(201);
    expect(back.json()).toMatchObject({ id: created.id, number: created.number, status: 'registered' });
  });

  it('lets the secretariat register someone through the console form after the deadline, and nobody else', async () => {
    h.clock.set('2023-04-25T08:00:00Z');
    try {
      const secretariat = new Agent(h);
      const staff = await secretariatOf(h.ctx);
      await secretariat.login(staff.email, staff.password);
      const late = await signedInPerson(h, { category: 'non-member' });
      expect((await secretariat.get(`/console/meetings/${meetingId}/register`)).statusCode).toBe(200);
      const unknown = await secretariat.post(`/console/meetings/${meetingId}/register`, {
        onBehalfOf: 'ghost@example.org',
        mode: 'remote',
        sessions: 'WG5',
      });
      expect(unknown.statusCode).toBe(422);
      expect(unknown.body).toContain('No account has this e-mail address.');
      const ok = await secretariat.post(`/console/meetings/${meetingId}/register`, {
        onBehalfOf: late.user.email,
        mode: 'remote',
        sessions: ['WG5', 'WG6'],
      });
      expect(ok.statusCode).toBe(303);
      const mine = (await api('GET', '/api/me/registrations', late.auth)).json();
      expect(mine).toEqual([expect.objectContaining({ mode: 'remote', sessions: ['WG5', 'WG6'], status: 'registered' })]);
      expect((await late.agent.get(`/console/meetings/${meetingId}/register`)).statusCode).toBe(403);
      const forged = await late.agent.post(`/console/meetings/${meetingId}/register`, {
        onBehalfOf: late.user.email,
        mode: 'remote',
        sessions: 'WG5',
      });
      expect(forged.statusCode).toBe(403);
    } finally {
      reset();
    }
  });

  it('refuses visa requests after the visa deadline while registration stays open', async () => {
    h.clock.set('2023-04-15T08:00:00Z');
    try {
      const { auth, agent } = await signedInPerson(h, { category: 'member-state' });
      const page = await agent.get(`/meetings/${meetingId}/register`);
      expect($(page.body, '#f-visa') === null).toBe(true);
      expect(text($1(page.body, 'form .alert'))).toContain('(14 April 2023) has passed');
      const res = await api('POST', `/api/meetings/${meetingId}/registrations`, auth, {
        mode: 'in-person',
        sessions: ['WG5'],
        visaRequest: visaJson,
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('visa-closed');
    } finally {
      reset();
    }
  });
});

describe.each(databaseKinds)('capacity and waiting list (%s)', (kind) => {
  let h: Harness;
  let meetingId: number;
  beforeAll(async () => {
    h = await startHarness(kind, '2023-04-06T08:00:00Z');
    meetingId = (await mayMeeting(h)).id;
  });
  afterAll(() => h.close());

  const tokenFor = async () => `Bearer ${await createApiToken(h.ctx, await buildPerson(h.ctx, { category: 'non-member' }))}`;
  const post = (auth: string, payload: object, key?: string) =>
    h.app.inject({
      method: 'POST',
      url: `/api/meetings/${meetingId}/registrations`,
      headers: { authorization: auth, ...(key ? { 'idempotency-key': key } : {}) },
      payload,
    });

  it('queues later in-person registrants and promotes them in order when a place frees', async () => {
    await h.ctx.db.update(meetings).set({ inPersonCapacity: 2 }).where(eq(meetings.id, meetingId));
    const people = await Promise.all([1, 2, 3, 4].map(() => tokenFor()));
    const results = [];
    for (const p of people) results.push((await post(p, { mode: 'in-person', sessions: ['WG5'] })).json());
    expect(results.map((r) => r.status)).toEqual(['registered', 'registered', 'waitlisted', 'waitlisted']);
    expect(results.map((r) => r.waitlistPosition)).toEqual([null, null, 1, 2]);
    // Remote participants do not take places.
    expect((await post(await tokenFor(), { mode: 'remote', sessions: ['WG5'] })).json().status).toBe('registered');

    await h.app.inject({ method: 'DELETE', url: `/api/registrations/${results[0].id}`, headers: { authorization: people[0]! } });
    const third = (await h.app.inject({ url: `/api/registrations/${results[2].id}`, headers: { authorization: people[2]! } })).json();
    expect(third.status).toBe('registered');
    const fourth = (await h.app.inject({ url: `/api/registrations/${results[3].id}`, headers: { authorization: people[3]! } })).json();
    expect(fourth).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    const promotedMails = await h.ctx.db.select().from(outbox).where(eq(outbox.kind, 'registration-promoted'));
    expect(promotedMails).toHaveLength(1);
    // Switching to remote frees a place for the next in the queue.
    await h.app.inject({
      method: 'PATCH',
      url: `/api/registrations/${results[1].id}`,
      headers: { authorization: people[1]! },
      payload: { mode: 'remote' },
    });
    expect((await h.app.inject({ url: `/api/registrations/${results[3].id}`, headers: { authorization: people[3]! } })).json().status).toBe(
      'registered',
    );
    await h.ctx.db.update(meetings).set({ inPersonCapacity: null }).where(eq(meetings.id, meetingId));
  });

  it('numbers registrations past 9999 without truncating', async () => {
    await h.database.exec("SELECT setval(pg_get_serial_sequence('registrations', 'id'), 12344)");
    const a = (await post(await tokenFor(), { mode: 'remote', sessions: ['WG5'] })).json();
    const b = (await post(await tokenFor(), { mode: 'remote', sessions: ['WG5'] }, 'with-key')).json();
    expect(a.number).toBe(`R${meetingId}-12345`);
    expect(b.number).toBe(`R${meetingId}-12346`);
  });

  it('applies a capacity set a moment ago, even while the meeting is cached', async () => {
    await post(await tokenFor(), { mode: 'remote', sessions: ['WG5'] }); // reads (and caches) the meeting
    await h.ctx.db.update(meetings).set({ inPersonCapacity: 0 }).where(eq(meetings.id, meetingId));
    const res = await post(await tokenFor(), { mode: 'in-person', sessions: ['WG5'] });
    expect(res.statusCode).toBe(201);
    expect(res.json().status).toBe('waitlisted');
    await h.ctx.db.update(meetings).set({ inPersonCapacity: null }).where(eq(meetings.id, meetingId));
  });

  it('never exceeds capacity under parallel registrations', async () => {
    await h.ctx.db.update(meetings).set({ inPersonCapacity: 5 }).where(eq(meetings.id, meetingId));
    await h.ctx.db.delete(registrations);
    const people = await Promise.all(Array.from({ length: 20 }, () => tokenFor()));
    const responses = await Promise.all(people.map((p) => post(p, { mode: 'in-person', sessions: ['WG6'] })));
    expect(responses.every((r) => r.statusCode === 201)).toBe(true);
    const statuses = responses.map((r) => r.json().status);
    expect(statuses.filter((s) => s === 'registered')).toHaveLength(5);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(15);
    const numbers = new Set(responses.map((r) => r.json().number));
    expect(numbers.size).toBe(20);
  });

  it('creates exactly one registration from 100 parallel POSTs by one person', async () => {
    const auth = await tokenFor();
    const withKey = await Promise.all(Array.from({ length: 100 }, () => post(auth, { mode: 'remote', sessions: ['WG5'] }, 'same-key')));
    const ids = new Set(withKey.filter((r) => r.statusCode < 300).map((r) => r.json().id));
    expect(ids.size).toBe(1);
    expect(withKey.every((r) => [200, 201, 409].includes(r.statusCode))).toBe(true);
    expect(withKey.filter((r) => r.statusCode === 201)).toHaveLength(1);

    const other = await tokenFor();
    const withoutKey = await Promise.all(Array.from({ length: 100 }, () => post(other, { mode: 'remote', sessions: ['WG5'] })));
    expect(withoutKey.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(withoutKey.filter((r) => r.statusCode === 409)).toHaveLength(99);
    const mine = await h.app.inject({ url: '/api/me/registrations', headers: { authorization: other } });
    expect(mine.json()).toHaveLength(1);
  });
});
