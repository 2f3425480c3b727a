import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { and, eq, isNull, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/modules/accounts/api-tokens.ts';
import { calendarToken } from '../src/modules/accounts/calendar-tokens.ts';
import type { Actor } from '../src/modules/accounts/profile.ts';
import type { MembershipCategory } from '../src/modules/accounts/vocabulary.ts';
import { saveOfficer } from '../src/modules/groups/service.ts';
import { meetings } from '../src/modules/meetings/schema.ts';
import { createMeeting, getMeeting } from '../src/modules/meetings/service.ts';
import { defineRemoteDetailsJob } from '../src/modules/remote/mail.ts';
import { remoteAccess } from '../src/modules/remote/schema.ts';
import { getRemoteAccess, saveRemoteAccess, sealRemoteAccess } from '../src/modules/remote/service.ts';
import { makeKeyring } from '../src/platform/data-key.ts';
import { mailText, queueMail, resealMailTexts } from '../src/platform/mail/outbox.ts';
import { outbox } from '../src/platform/mail/schema.ts';
import { runJobsOnce } from '../src/worker.ts';
import { Agent } from './support/agent.ts';
import { $1 } from './support/dom.ts';
import { buildMeeting, secretariatOf } from './support/factories.ts';
import { databaseKinds, type Harness, startHarness } from './support/harness.ts';
import { signedInPerson } from './support/people.ts';

const run = promisify(execFile);

// Every secret is unique, so its absence anywhere is meaningful.
const WHOLE = {
  link: 'https://itu.zoom.us/j/90011122233',
  meetingCode: '900 1112 2233',
  passcode: 'WHOLE-PASS-7731',
  dialIn: '+41 22 555 01 01',
  notes: '',
};
const WG5 = {
  link: 'https://itu.zoom.us/j/95555555555',
  meetingCode: '955 5555 5555',
  passcode: 'WG5-PASS-5521',
  dialIn: '',
  notes: 'Chair: open mic',
};
const WG6 = { link: 'https://itu.zoom.us/j/96666666666', meetingCode: '966 6666 6666', passcode: 'WG6-PASS-6612', dialIn: '', notes: '' };
const SECRETS = [WHOLE.passcode, WHOLE.link, WHOLE.meetingCode, WG5.passcode, WG5.link, WG6.passcode, WG6.link];

const block = (prefix: string, b: typeof WHOLE) => Object.fromEntries(Object.entries(b).map(([k, v]) => [`${prefix}_${k}`, v]));

describe.each(databaseKinds)('remote participation details (%s)', (kind) => {
  let h: Harness;
  let secretariat: Actor;
  let staff: Agent;
  let wg5: number;
  let wg6: number;
  /** A hybrid FG-MV meeting with a WG5 and a WG6 session, two months ahead. */
  let meetingId: number;

  beforeAll(async () => {
    h = await startHarness(kind, '2023-04-06T08:00:00Z');
    meetingId = (await buildMeeting(h.ctx, { group: { code: 'FG-MV', subgroups: ['WG5', 'WG6'] } })).id;
    const account = await secretariatOf(h.ctx);
    secretariat = account;
    staff = new Agent(h);
    await staff.login(account.email, account.password);
    const detail = await getMeeting(h.ctx, meetingId);
    wg5 = detail.sessions.find((s) => s.subgroup === 'WG5')!.id;
    wg6 = detail.sessions.find((s) => s.subgroup === 'WG6')!.id;
  });
  afterAll(() => h.close());

  /** A stored block, opened with the data key. */
  const opened = (row: { sealed: string | null }) => JSON.parse(h.ctx.keyring.open(row.sealed!).toString('utf8')) as typeof WHOLE;

  /** A plain dump of the database: pg_dump on PostgreSQL, the data directory on PGlite. */
  const dump = async () => {
    if (kind === 'pglite') return Buffer.from(await (await h.database.pglite!.dumpDataDir('none')).arrayBuffer()).toString('latin1');
    const current = (await h.database.exec('SELECT current_database() AS db'))[0]!.db as string;
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${current}`;
    return (await run('pg_dump', ['--data-only', url.toString()], { maxBuffer: 64 * 1024 * 1024 })).stdout;
  };

  const expectNoSecret = (body: string, where: string) => {
    for (const secret of SECRETS) expect(body, `${where} leaks ${secret}`).not.toContain(secret);
  };

  /** A signed-in person, with an API token and their personal calendar feed's path. */
  async function person(category: MembershipCategory = 'member-state') {
    const { user, agent, auth } = await signedInPerson(h, { category });
    const feed = `/calendar/${await calendarToken(h.ctx, user)}.ics`;
    const register = async (meetingId: number, mode: string, sessions = ['WG5', 'WG6']) => {
      const res = await h.app.inject({
        method: 'POST',
        url: `/api/meetings/${meetingId}/registrations`,
        headers: auth,
        payload: { mode, sessions },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: number; status: string };
    };
    return { user, agent, auth, feed, register };
  }

  it('lets the secretariat edit the details per meeting and per session, with the mailing setting', async () => {
    const page = await staff.get(`/meetings/${meetingId}/remote`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="whole_link"');
    expect(page.body).toContain(`name="sessions_${wg5}_passcode"`);
    expect($1(page.body, 'input[name="daysBefore"]').getAttribute('value')).toBe('3');

    const saved = await staff.post(`/meetings/${meetingId}/remote`, {
      daysBefore: '5',
      ...block('whole', WHOLE),
      ...block(`sessions_${wg5}`, WG5),
      ...block(`sessions_${wg6}`, WG6),
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/meetings/${meetingId}/remote?notice=saved`);
    const rows = await h.ctx.db.select().from(remoteAccess).where(eq(remoteAccess.meetingId, meetingId));
    expect(rows).toHaveLength(3);
    expect(opened(rows.find((r) => r.sessionId === null)!).passcode).toBe(WHOLE.passcode);
    expect(opened(rows.find((r) => r.sessionId === wg5)!).notes).toBe(WG5.notes);
    const [m] = await h.ctx.db.select().from(meetings).where(eq(meetings.id, meetingId));
    expect(m!.remoteDetailsDaysBefore).toBe(5);
    // The form shows what is stored, and the meeting page shows it to the secretariat with the edit link.
    expect((await staff.get(`/meetings/${meetingId}/remote`)).body).toContain(WG5.passcode);
    const meetingPage = (await staff.get(`/meetings/${meetingId}`)).body;
    expect(meetingPage).toContain(WHOLE.passcode);
    expect(meetingPage).toContain(`href="/meetings/${meetingId}/remote"`);
  });

  it('refuses an invalid link or setting with 422 and changes nothing', async () => {
    const before = await h.ctx.db.select().from(remoteAccess).where(eq(remoteAccess.meetingId, meetingId));
    for (const [form, field] of [
      [{ daysBefore: '5', ...block('whole', { ...WHOLE, link: 'http://itu.zoom.us/j/1', passcode: 'CHANGED' }) }, 'whole_link'],
      [{ daysBefore: '5', ...block('whole', { ...WHOLE, link: 'javascript:alert(1)', passcode: 'CHANGED' }) }, 'whole_link'],
      [{ daysBefore: '5', ...block('whole', { ...WHOLE, link: '', passcode: 'CHANGED' }) }, 'whole_link'],
      [{ daysBefore: '31', ...block('whole', { ...WHOLE, passcode: 'CHANGED' }) }, 'daysBefore'],
      [{ daysBefore: '', ...block('whole', { ...WHOLE, passcode: 'CHANGED' }) }, 'daysBefore'],
      [{ daysBefore: '5', ...block(`sessions_${wg5}`, { ...WG5, link: 'ftp://x.org/a', passcode: 'CHANGED' }) }, `sessions_${wg5}_link`],
    ] as const) {
      const res = await staff.post(`/meetings/${meetingId}/remote`, form as Record<string, string>);
      expect(res.statusCode, field).toBe(422);
      expect(res.body).toContain(`id="f-${field}"`);
      expect(res.body).toContain('aria-invalid="true"');
    }
    expect(await h.ctx.db.select().from(remoteAccess).where(eq(remoteAccess.meetingId, meetingId))).toEqual(before);
    const [m] = await h.ctx.db.select().from(meetings).where(eq(meetings.id, meetingId));
    expect(m!.remoteDetailsDaysBefore).toBe(5);
  });

  it('keeps the form to the secretariat', async () => {
    const { agent } = await person();
    expect((await agent.get(`/meetings/${meetingId}/remote`)).statusCode).toBe(403);
    expect(
      (await agent.post(`/meetings/${meetingId}/remote`, { daysBefore: '1', ...block('whole', { ...WHOLE, passcode: 'HIJACKED' }) }))
        .statusCode,
    ).toBe(403);
    const anonymous = new Agent(h);
    expect((await anonymous.get(`/meetings/${meetingId}/remote`)).statusCode).toBe(303);
    expect((await anonymous.post(`/meetings/${meetingId}/remote`, { daysBefore: '1' })).statusCode).toBe(401);
    const [whole] = await h.ctx.db
      .select()
      .from(remoteAccess)
      .where(and(eq(remoteAccess.meetingId, meetingId), isNull(remoteAccess.sessionId)));
    expect(opened(whole!).passcode).toBe(WHOLE.passcode);
  });

  it('an unregistered account cannot see remote-participation details anywhere (pages, API, .ics)', async () => {
    const { agent, auth, feed } = await person();
    const page = await agent.get(`/meetings/${meetingId}`);
    expect(page.statusCode).toBe(200);
    expectNoSecret(page.body, 'meeting page');
    expect(page.body).toContain('Remote participation details are sent to registered participants.');
    expect((await agent.get(`/meetings/${meetingId}?lang=zh`)).body).toContain('远程参会信息将发送给已注册的与会者。');

    const api = await h.app.inject({ url: `/api/meetings/${meetingId}/remote-access`, headers: auth });
    expect(api.statusCode).toBe(403);
    expectNoSecret(api.body, 'API 403');
    expect((await agent.get(`/api/meetings/${meetingId}/remote-access`)).statusCode).toBe(403);
    const anonymous = await h.app.inject({ url: `/api/meetings/${meetingId}/remote-access` });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');

    for (const url of [
      `/api/meetings/${meetingId}`,
      '/api/groups/fg-mv/meetings',
      `/meetings/${meetingId}.ics`,
      '/groups/fg-mv/calendar.ics',
      '/groups/fg-mv',
      `/meetings/${meetingId}`,
    ]) {
      const res = await h.app.inject({ url, headers: auth });
      expect(res.statusCode, url).toBe(200);
      expectNoSecret(res.body, url);
      expectNoSecret((await h.app.inject({ url })).body, `${url} (anonymous)`);
    }
    const ics = await h.app.inject({ url: feed });
    expect(ics.statusCode).toBe(200);
    expectNoSecret(ics.body, 'personal feed');
  });

  it('shows them to a remote registrant on the page, in the API and in their own calendar feed, never in public ones', async () => {
    const { agent, auth, feed, register } = await person('non-member');
    await register(meetingId, 'remote');
    const page = (await agent.get(`/meetings/${meetingId}`)).body;
    for (const secret of [WHOLE.passcode, WHOLE.link, WG5.passcode, WG6.passcode]) expect(page).toContain(secret);
    expect(page).not.toContain(`href="/meetings/${meetingId}/remote"`);

    const api = await h.app.inject({ url: `/api/meetings/${meetingId}/remote-access`, headers: auth });
    expect(api.statusCode).toBe(200);
    expect(api.headers['cache-control']).toBe('private, no-store');
    const body = api.json();
    expect(body.whole).toEqual(WHOLE);
    expect(body.sessions.map((s: { subgroup: string }) => s.subgroup).sort()).toEqual(['WG5', 'WG6']);
    expect(body.sessions.find((s: { subgroup: string }) => s.subgroup === 'WG5').details).toEqual(WG5);

    const ics = (await h.app.inject({ url: feed })).body.replace(/\r\n /g, '');
    expect(ics).toContain(`URL:${WG5.link}`);
    expect(ics).toContain(`URL:${WG6.link}`);
    expect(ics).toContain(WHOLE.passcode);
    expect(ics).toContain(WG5.passcode);

    // What an entitled reader saw is never served to anyone else (no shared page fragments).
    for (const url of [
      `/meetings/${meetingId}`,
      '/groups/fg-mv/calendar.ics',
      `/meetings/${meetingId}.ics`,
      `/api/meetings/${meetingId}`,
    ]) {
      expectNoSecret((await h.app.inject({ url })).body, `${url} after an entitled view`);
    }
    const stranger = await person();
    expectNoSecret((await stranger.agent.get(`/meetings/${meetingId}`)).body, 'meeting page of a stranger after an entitled view');
  });

  it('gives a participant the whole-meeting details and only their own sessions’ details', async () => {
    const { agent, auth, feed, register } = await person('non-member');
    await register(meetingId, 'remote', ['WG6']);
    const page = (await agent.get(`/meetings/${meetingId}`)).body;
    expect(page).toContain(WHOLE.passcode);
    expect(page).toContain(WG6.passcode);
    expect(page).not.toContain(WG5.passcode);
    const api = (await h.app.inject({ url: `/api/meetings/${meetingId}/remote-access`, headers: auth })).json();
    expect(api.sessions.map((s: { subgroup: string }) => s.subgroup)).toEqual(['WG6']);
    const ics = (await h.app.inject({ url: feed })).body.replace(/\r\n /g, '');
    expect(ics).not.toContain(WG5.passcode);
    expect(ics).toContain(WG6.passcode);
  });

  it('shows them to an in-person registrant of a hybrid meeting, but not of an in-person meeting', async () => {
    const hybrid = await person();
    await hybrid.register(meetingId, 'in-person');
    expect((await hybrid.agent.get(`/meetings/${meetingId}`)).body).toContain(WHOLE.passcode);
    expect((await h.app.inject({ url: `/api/meetings/${meetingId}/remote-access`, headers: hybrid.auth })).statusCode).toBe(200);

    const inPersonOnly = await createMeeting(h.ctx, secretariat, 'FG-MV', {
      title: { en: 'FG-MV plenary (in person only)' },
      venue: { timeZone: 'Europe/Zurich', city: 'Geneva', country: 'CH' },
      mode: 'in-person',
      sessions: [{ subgroup: 'WG5', startDate: '2023-06-20', endDate: '2023-06-20' }],
    });
    const id = inPersonOnly.detail.meeting.id;
    await saveRemoteAccess(h.ctx, secretariat, id, { daysBefore: 3, whole: { ...WHOLE, passcode: 'INPERSON-PASS-4040' } });
    const attendee = await person();
    await attendee.register(id, 'in-person', ['WG5']);
    const page = (await attendee.agent.get(`/meetings/${id}`)).body;
    expect(page).not.toContain('INPERSON-PASS-4040');
    // Nothing to show at all: no remote participation at an in-person meeting.
    expect(page).not.toContain('Remote participation details are sent to registered participants.');
    expect((await h.app.inject({ url: `/api/meetings/${id}/remote-access`, headers: attendee.auth })).statusCode).toBe(403);
    expect((await h.app.inject({ url: attendee.feed })).body).not.toContain('INPERSON-PASS-4040');
    // The secretariat still sees what it stored, with a note that nobody else does.
    const staffPage = (await staff.get(`/meetings/${id}`)).body;
    expect(staffPage).toContain('INPERSON-PASS-4040');
    expect(staffPage).toContain('This meeting is held in person only');
  });

  it('hides them from waitlisted and cancelled registrations', async () => {
    const limited = await createMeeting(h.ctx, secretariat, 'FG-MV', {
      title: { en: 'FG-MV hybrid workshop with few seats' },
      venue: { timeZone: 'Europe/Zurich', city: 'Geneva', country: 'CH' },
      mode: 'hybrid',
      sessions: [{ subgroup: 'WG5', startDate: '2023-06-27', endDate: '2023-06-27' }],
      inPersonCapacity: 1,
    });
    const id = limited.detail.meeting.id;
    await saveRemoteAccess(h.ctx, secretariat, id, { daysBefore: 3, whole: { ...WHOLE, passcode: 'LIMITED-PASS-2727' } });
    const seated = await person();
    expect((await seated.register(id, 'in-person', ['WG5'])).status).toBe('registered');
    const waiting = await person();
    expect((await waiting.register(id, 'in-person', ['WG5'])).status).toBe('waitlisted');
    expect((await seated.agent.get(`/meetings/${id}`)).body).toContain('LIMITED-PASS-2727');
    expect((await waiting.agent.get(`/meetings/${id}`)).body).not.toContain('LIMITED-PASS-2727');
    expect((await h.app.inject({ url: `/api/meetings/${id}/remote-access`, headers: waiting.auth })).statusCode).toBe(403);
    // The waiting list is in the personal feed (the meeting is), without the details.
    const waitingFeed = (await h.app.inject({ url: waiting.feed })).body;
    expect(waitingFeed).toContain(`meeting-${id}-session-`);
    expect(waitingFeed).not.toContain('LIMITED-PASS-2727');

    const leaving = await person();
    const reg = await leaving.register(id, 'remote', ['WG5']);
    expect((await leaving.agent.get(`/meetings/${id}`)).body).toContain('LIMITED-PASS-2727');
    expect((await h.app.inject({ method: 'DELETE', url: `/api/registrations/${reg.id}`, headers: leaving.auth })).statusCode).toBe(200);
    expect((await leaving.agent.get(`/meetings/${id}`)).body).not.toContain('LIMITED-PASS-2727');
    expect((await h.app.inject({ url: `/api/meetings/${id}/remote-access`, headers: leaving.auth })).statusCode).toBe(403);
    expect((await h.app.inject({ url: leaving.feed })).body).not.toContain('LIMITED-PASS-2727');
  });

  it('shows them to the group’s officers, who chair the sessions', async () => {
    const chair = await person();
    expect((await h.app.inject({ url: `/api/meetings/${meetingId}/remote-access`, headers: chair.auth })).statusCode).toBe(403);
    await saveOfficer(h.ctx, secretariat, 'FG-MV', { role: 'vice-chair', name: 'Test Chair', accountEmail: chair.user.email });
    expect((await h.app.inject({ url: `/api/meetings/${meetingId}/remote-access`, headers: chair.auth })).statusCode).toBe(200);
    expect((await chair.agent.get(`/meetings/${meetingId}`)).body).toContain(WG5.passcode);
  });

  it('empties a block to remove it', async () => {
    const res = await staff.post(`/meetings/${meetingId}/remote`, {
      daysBefore: '5',
      ...block('whole', WHOLE),
      ...block(`sessions_${wg5}`, WG5),
    });
    expect(res.statusCode).toBe(303);
    const rows = await h.ctx.db.select().from(remoteAccess).where(eq(remoteAccess.meetingId, meetingId));
    expect(rows.map((r) => r.sessionId).sort()).toEqual([null, wg5].sort());
  });

  it('lets the secretariat set them over the API, and no one else', async () => {
    const staffAuth = { authorization: `Bearer ${await createApiToken(h.ctx, secretariat)}` };
    const set = await h.app.inject({
      method: 'PUT',
      url: `/api/meetings/${meetingId}/remote-access`,
      headers: staffAuth,
      payload: { daysBefore: 4, whole: WHOLE, sessions: { [wg6]: WG6 } },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ meetingId: 1, daysBefore: 4 });
    const rows = await h.ctx.db.select().from(remoteAccess).where(eq(remoteAccess.meetingId, meetingId));
    expect(rows.map((r) => r.sessionId).sort()).toEqual([null, wg6].sort());
    const insecure = await h.app.inject({
      method: 'PUT',
      url: `/api/meetings/${meetingId}/remote-access`,
      headers: staffAuth,
      payload: { daysBefore: 4, whole: { ...WHOLE, link: 'http://x.example' } },
    });
    expect(insecure.statusCode).toBe(422);
    expect(await h.ctx.db.select().from(remoteAccess).where(eq(remoteAccess.meetingId, meetingId))).toHaveLength(2);
    const { auth } = await person();
    expect(
      (await h.app.inject({ method: 'PUT', url: `/api/meetings/${meetingId}/remote-access`, headers: auth, payload: { daysBefore: 1 } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await h.app.inject({ method: 'PUT', url: `/api/meetings/${meetingId}/remote-access`, payload: { daysBefore: 1 } })).statusCode,
    ).toBe(401);
    expect((await h.ctx.db.select().from(meetings).where(eq(meetings.id, meetingId)))[0]!.remoteDetailsDaysBefore).toBe(4);
  });

  it('keeps the details sealed: no passcode in clear in the table or a dump; seals rows an earlier version left in clear; re-seals under a new key', async () => {
    const staffAuth = { authorization: `Bearer ${await createApiToken(h.ctx, secretariat)}` };
    await saveRemoteAccess(h.ctx, secretariat, meetingId, { daysBefore: 3, whole: WHOLE, sessions: { [wg5]: WG5, [wg6]: WG6 } });
    expectNoSecret(JSON.stringify(await h.ctx.db.select().from(remoteAccess)), 'SELECT * FROM remote_access');
    expect(await dump()).not.toContain(WHOLE.passcode);

    // A row as an earlier version stored it, in clear: still read, then sealed by the worker's one-off job.
    await h.ctx.db.delete(remoteAccess).where(eq(remoteAccess.meetingId, meetingId));
    await h.ctx.db.insert(remoteAccess).values({ meetingId: 1, sessionId: null, ...WHOLE });
    const read = async (ctx = h.ctx) => (await getRemoteAccess(ctx, secretariat, meetingId)).whole;
    expect(await read()).toEqual(WHOLE);
    defineRemoteDetailsJob();
    await runJobsOnce(h.ctx);
    const [row] = await h.ctx.db.select().from(remoteAccess).where(eq(remoteAccess.meetingId, meetingId));
    expect(row).toMatchObject({ link: '', meetingCode: '', passcode: '', dialIn: '', notes: '' });
    expect(opened(row!)).toEqual(WHOLE);
    expectNoSecret(JSON.stringify(await h.ctx.db.select().from(remoteAccess)), 'remote_access after sealing');
    expect((await h.app.inject({ url: `/api/meetings/${meetingId}/remote-access`, headers: staffAuth })).json().whole).toEqual(WHOLE);
    if (kind === 'postgres') expectNoSecret(await dump(), 'pg_dump');
    expect(await sealRemoteAccess(h.ctx)).toBe(0);

    // Under a new data key (convene rotate-data-key): re-sealed, and still read. (Only this row: the
    // harness's key, which sealed the others, cannot be handed to a new keyring.)
    await h.ctx.db.delete(remoteAccess).where(ne(remoteAccess.id, row!.id));
    const oldKey = randomBytes(32);
    await h.ctx.db
      .update(remoteAccess)
      .set({ sealed: makeKeyring(oldKey).seal(h.ctx.keyring.open(row!.sealed!)) })
      .where(eq(remoteAccess.id, row!.id));
    const rotated = { ...h.ctx, keyring: makeKeyring(randomBytes(32), [oldKey]) };
    expect(await sealRemoteAccess(rotated)).toBe(1);
    const [after] = await h.ctx.db.select().from(remoteAccess).where(eq(remoteAccess.id, row!.id));
    expect(rotated.keyring.isCurrent(after!.sealed!)).toBe(true);
    expect(await read(rotated)).toEqual(WHOLE);

    // The mails that carried them are sealed in the outbox: the mail layer re-seals those.
    await h.ctx.db.delete(outbox).where(eq(outbox.textSealed, true));
    const mailId = await queueMail(h.ctx.db, {
      kind: 'remote-details',
      to: 'p@example.org',
      subject: 's',
      text: makeKeyring(oldKey).seal(`Passcode ${WHOLE.passcode}`),
      textSealed: true,
    });
    expect(await resealMailTexts(rotated)).toBe(1);
    const [mail] = await h.ctx.db.select().from(outbox).where(eq(outbox.id, mailId));
    expect(rotated.keyring.isCurrent(mail!.textBody!)).toBe(true);
    expect(mailText(rotated, mail!)).toContain(WHOLE.passcode);
  });
});
