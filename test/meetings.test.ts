import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSecretariat } from '../demo/fg-mv.ts';
import { seedDemo } from '../demo/seed.ts';
import { createApiToken } from '../src/modules/accounts/api-tokens.ts';
import { findActorByEmail } from '../src/modules/accounts/queries.ts';
import { meetingSessions, meetings } from '../src/modules/meetings/schema.ts';
import { Agent } from './support/agent.ts';
import { $$, $1 } from './support/dom.ts';
import { databaseKinds, type Harness, makeUser, startHarness } from './support/harness.ts';

describe.each(databaseKinds)('meetings (%s)', (kind) => {
  let h: Harness;
  let secretariat: Agent;
  let auth: Record<string, string>;
  let participantAuth: Record<string, string>;

  beforeAll(async () => {
    // 6 April 2023, the date of TSB Circular 90.
    h = await startHarness(kind, '2023-04-06T08:00:00Z');
    await seedDemo(h.ctx);
    secretariat = new Agent(h);
    await secretariat.login(demoSecretariat.email, demoSecretariat.password);
    auth = { authorization: `Bearer ${await createApiToken(h.ctx, (await findActorByEmail(h.ctx, demoSecretariat.email))!)}` };
    participantAuth = { authorization: `Bearer ${await createApiToken(h.ctx, await makeUser(h.ctx))}` };
  });
  afterAll(() => h.close());

  const meetingCount = async () => (await h.ctx.db.select({ n: sql<number>`count(*)::int` }).from(meetings))[0]!.n;
  const fgmvMeetingId = async () => (await h.app.inject({ url: '/api/groups/fg-mv/meetings' })).json()[0].id as number;

  it('serves the WG5/WG6 meeting with its deadlines and their closing instants', async () => {
    const res = await h.app.inject({ url: `/api/meetings/${await fgmvMeetingId()}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      groupCode: 'FG-MV',
      venue: { name: 'ITU headquarters', city: 'Geneva', country: 'CH', timeZone: 'Europe/Zurich' },
      mode: 'hybrid',
      sessions: [
        { subgroup: 'WG5', startDate: '2023-05-09', endDate: '2023-05-10' },
        { subgroup: 'WG6', startDate: '2023-05-09', endDate: '2023-05-09' },
      ],
      deadlines: { visaSupport: '2023-04-14', registration: '2023-04-21', contributions: '2023-05-02' },
      // End of day in Geneva (CEST, UTC+2).
      deadlineInstants: {
        visaSupport: '2023-04-14T22:00:00.000Z',
        registration: '2023-04-21T22:00:00.000Z',
        contributions: '2023-05-02T22:00:00.000Z',
      },
    });
    expect((await h.app.inject({ url: '/api/meetings/99999' })).statusCode).toBe(404);
    expect((await h.app.inject({ url: '/api/meetings/abc' })).statusCode).toBe(422);
  });

  it('shows the deadline table as the clock moves, in English and Chinese', async () => {
    const id = await fgmvMeetingId();
    h.clock.set('2023-04-06T08:00:00Z');
    const en = await new Agent(h).get(`/meetings/${id}`);
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain('14 April 2023');
    expect(en.body).toContain('Closes in 8 days'); // visa, 14 April
    expect(en.body).toContain('Closes in 15 days'); // registration, 21 April
    expect(en.body.indexOf('14 April 2023')).toBeLessThan(en.body.indexOf('21 April 2023')); // sorted by date

    const zh = await new Agent(h).get(`/meetings/${id}?lang=zh`);
    for (const d of ['2023年4月14日', '2023年4月21日', '2023年5月2日', '2023年5月9日至10日']) expect(zh.body).toContain(d);
    expect(zh.body).toContain('提交签证协办函申请');

    h.clock.set('2023-04-21T21:59:59Z'); // 23:59:59 in Geneva on 21 April
    const lastDay = await new Agent(h).get(`/meetings/${id}`);
    expect(lastDay.body).toMatch(/data-deadline="registration".*?Closes today/s);
    expect(lastDay.body).toMatch(/data-deadline="visaSupport".*?Closed/s);
    h.clock.set('2023-04-21T22:00:00Z');
    expect((await new Agent(h).get(`/meetings/${id}`)).body).toMatch(/data-deadline="registration".*?>Closed</s);
    h.clock.set('2023-04-06T08:00:00Z');
  });

  it('exports sessions and deadlines as iCalendar', async () => {
    const id = await fgmvMeetingId();
    const res = await h.app.inject({ url: `/meetings/${id}.ics?lang=zh` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    const ics = res.body;
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    // WG5 meets 09:30–12:30 on 9 and 10 May, Geneva summer time (UTC+2); WG6 14:30–17:30 on 9 May.
    for (const at of ['DTSTART:20230509T073000Z', 'DTEND:20230510T103000Z', 'DTSTART:20230509T123000Z']) expect(ics).toContain(at);
    expect(ics).toContain('DTSTART;VALUE=DATE:20230421');
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(6);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(ics).toContain('@convene.test');
  });

  it('creates a meeting with deadlines from the group’s rules and warns about odd dates', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/groups/FG-MV/meetings',
      headers: auth,
      payload: {
        title: { en: 'WG3 e-meeting', zh: '第3工作组电子会议' },
        venue: { timeZone: 'America/New_York' },
        mode: 'virtual',
        sessions: [{ subgroup: 'wg3', startDate: '2023-11-20', endDate: '2023-11-20' }],
        deadlines: { visaSupport: '2023-11-10' },
      },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.deadlines).toEqual({ visaSupport: '2023-11-10', registration: '2023-11-02', contributions: '2023-11-13' });
    expect(body.deadlineInstants.registration).toBe('2023-11-03T04:00:00.000Z'); // EDT, UTC−4
    expect(body.deadlineInstants.contributions).toBe('2023-11-14T05:00:00.000Z'); // EST after the switch
    expect(body.warnings).toEqual([
      { code: 'visa-after-registration', message: 'The visa support deadline is after the registration deadline.' },
    ]);

    const page = await secretariat.get(`/meetings/${body.id}`);
    expect(page.body).toContain('The visa support deadline is after the registration deadline.');
    // The public does not see secretariat warnings.
    expect((await new Agent(h).get(`/meetings/${body.id}`)).body).not.toContain('visa support deadline is after');
  });

  it('creates and edits a meeting through the secretariat forms', async () => {
    const form = await secretariat.get('/groups/fg-mv/meetings/new');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Default: 25 days before the first day.');
    const created = await secretariat.post('/groups/fg-mv/meetings', {
      title_en: 'WG7 and WG8 meetings',
      venue_name: 'CICG',
      venue_city: 'Geneva',
      venue_country: 'CH',
      venue_timeZone: 'Europe/Zurich',
      mode: 'in-person',
      languages: ['en', 'fr'],
      sessions_0_subgroup: 'WG7',
      sessions_0_startDate: '2023-09-04',
      sessions_0_endDate: '2023-09-05',
      sessions_1_subgroup: 'WG8',
      sessions_1_startDate: '2023-09-06',
      sessions_1_endDate: '2023-09-06',
      sessions_2_subgroup: '',
      sessions_2_startDate: '',
      sessions_2_endDate: '',
      deadlines_visaSupport: '',
      deadlines_registration: '',
      deadlines_contributions: '',
    });
    expect(created.statusCode).toBe(303);
    const id = Number(/\/meetings\/(\d+)/.exec(created.headers.location as string)![1]);
    const api = (await h.app.inject({ url: `/api/meetings/${id}` })).json();
    expect(api.deadlines).toEqual({ visaSupport: '2023-08-10', registration: '2023-08-17', contributions: '2023-08-28' });
    expect(api.languages).toEqual(['en', 'fr']);

    const edit = await secretariat.get(`/meetings/${id}/edit`);
    expect(edit.body).toContain('value="2023-08-17"');
    // The time zone is chosen from a list named the way people say them, with the stored one selected.
    const zone = $1(edit.body, 'select[name="venue_timeZone"]');
    expect($$(edit.body, 'select[name="venue_timeZone"] option[selected]').map((o) => o.getAttribute('value'))).toEqual(['Europe/Zurich']);
    expect(zone.textContent).toContain('Europe/Zurich — Central European Time');
    expect($$(form.body, 'select[name="venue_timeZone"] option[selected]').map((o) => o.getAttribute('value'))).toEqual(['']);
    const shown = await new Agent(h).get(`/meetings/${id}?lang=fr`);
    expect(shown.body).toContain('heure d’Europe centrale');
    const saved = await secretariat.post(`/meetings/${id}/edit`, {
      title_en: 'WG7 and WG8 meetings',
      venue_timeZone: 'Europe/Zurich',
      mode: 'hybrid',
      languages: 'en',
      sessions_0_subgroup: 'WG7',
      sessions_0_startDate: '2023-09-04',
      sessions_0_endDate: '2023-09-05',
      deadlines_registration: '2023-08-25',
      inPersonCapacity: '40',
      participantListVisibility: 'registered',
    });
    expect(saved.statusCode).toBe(303);
    const badCapacity = await secretariat.post(`/meetings/${id}/edit`, {
      title_en: 'WG7 and WG8 meetings',
      venue_timeZone: 'Europe/Zurich',
      mode: 'hybrid',
      languages: 'en',
      sessions_0_subgroup: 'WG7',
      sessions_0_startDate: '2023-09-04',
      sessions_0_endDate: '2023-09-05',
      inPersonCapacity: '-1',
      participantListVisibility: 'everyone-on-earth',
    });
    expect(badCapacity.statusCode).toBe(422);
    const after = (await h.app.inject({ url: `/api/meetings/${id}` })).json();
    expect(after.mode).toBe('hybrid');
    expect(after.sessions).toHaveLength(1);
    expect(after.deadlines.registration).toBe('2023-08-25');
    expect(after.settings).toEqual({
      inPersonCapacity: 40,
      participantListVisibility: 'registered',
      lateContributions: 'flag',
      registrationApproval: null,
      effectiveRegistrationApproval: 'none',
    });
    // The secretariat may see the list: the meeting page links it by its name, every placeholder filled.
    const page = (await secretariat.get(`/meetings/${id}?lang=en`)).body;
    expect(page).toContain(`href="/meetings/${id}/participants">Participants</a>`);
    expect(page).not.toMatch(/\{[a-zA-Z]+\}/);
  });

  it('rejects bad meeting input with clear errors and stores nothing', async () => {
    const before = await meetingCount();
    const sessionsBefore = (await h.ctx.db.select({ n: sql<number>`count(*)::int` }).from(meetingSessions))[0]!.n;
    const res = await secretariat.post('/groups/fg-mv/meetings', {
      title_en: '',
      venue_timeZone: 'Mars/Olympus_Mons',
      mode: 'telepathy',
      sessions_0_subgroup: 'WG9',
      sessions_0_startDate: '2023-09-10',
      sessions_0_endDate: '2023-09-01',
      deadlines_registration: '2023-02-30',
    });
    expect(res.statusCode).toBe(422);
    for (const msg of [
      'Please fill in this field',
      'IANA time zone',
      'Please choose one of the options',
      'The last day must not be before the first day',
      'Please enter a real date',
    ]) {
      expect(res.body).toContain(msg);
    }
    expect(res.body).toContain('value="Mars/Olympus_Mons"');
    const noSessions = await secretariat.post('/groups/fg-mv/meetings', {
      title_en: 'Empty',
      venue_timeZone: 'UTC',
      mode: 'virtual',
      languages: 'en',
    });
    expect(noSessions.body).toContain('Add at least one session');
    const unknownSubgroup = await h.app.inject({
      method: 'POST',
      url: '/api/groups/fg-mv/meetings',
      headers: auth,
      payload: {
        title: { en: 'X' },
        venue: { timeZone: 'UTC' },
        mode: 'virtual',
        sessions: [{ subgroup: 'WG9', startDate: '2023-09-01', endDate: '2023-09-01' }],
      },
    });
    expect(unknownSubgroup.statusCode).toBe(422);
    expect(unknownSubgroup.json().errors).toEqual([{ field: 'sessions.0.subgroup', message: 'Choose a subgroup of this group.' }]);
    expect(await meetingCount()).toBe(before);
    expect((await h.ctx.db.select({ n: sql<number>`count(*)::int` }).from(meetingSessions))[0]!.n).toBe(sessionsBefore);
  });

  it('denies meeting writes to participants and anonymous users', async () => {
    const id = await fgmvMeetingId();
    const user = await makeUser(h.ctx);
    const agent = new Agent(h);
    await agent.login(user.email, user.password);
    expect((await agent.get(`/meetings/${id}/edit`)).statusCode).toBe(403);
    expect((await agent.post(`/meetings/${id}/edit`, { title_en: 'Hijacked', venue_timeZone: 'UTC', mode: 'virtual' })).statusCode).toBe(
      403,
    );
    expect((await agent.post('/groups/fg-mv/meetings', { title_en: 'Hijacked' })).statusCode).toBe(403);
    const patch = await h.app.inject({
      method: 'PATCH',
      url: `/api/meetings/${id}`,
      headers: participantAuth,
      payload: { mode: 'virtual' },
    });
    expect(patch.statusCode).toBe(403);
    const anon = await h.app.inject({ method: 'PATCH', url: `/api/meetings/${id}`, payload: { mode: 'virtual' } });
    expect(anon.statusCode).toBe(401);
    const [row] = await h.ctx.db.select().from(meetings).where(eq(meetings.id, id));
    expect(row!.mode).toBe('hybrid');
  });

  it('lets the secretariat PATCH a meeting; unchanged fields keep their values', async () => {
    const id = await fgmvMeetingId();
    const res = await h.app.inject({
      method: 'PATCH',
      url: `/api/meetings/${id}`,
      headers: auth,
      payload: { deadlines: { registration: '2023-04-28' } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().deadlines).toEqual({ visaSupport: '2023-04-14', registration: '2023-04-28', contributions: '2023-05-02' });
    expect(res.json().sessions).toHaveLength(2);
    const restore = await h.app.inject({
      method: 'PATCH',
      url: `/api/meetings/${id}`,
      headers: auth,
      payload: { deadlines: { registration: '2023-04-21' } },
    });
    expect(restore.json().deadlines.registration).toBe('2023-04-21');
  });
});
