import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSecretariat } from '../demo/fg-mv.ts';
import { seedDemo } from '../demo/seed.ts';
import { createApiToken } from '../src/modules/accounts/api-tokens.ts';
import { findActorByEmail } from '../src/modules/accounts/queries.ts';
import { Agent } from './support/agent.ts';
import { $$, $1, formValues, text } from './support/dom.ts';
import { databaseKinds, type Harness, startHarness } from './support/harness.ts';

/** Issue 13 §3 and §5: the venue in every language, and sessions with their hours and room. */
describe.each(databaseKinds)('meeting venue and session hours (%s)', (kind) => {
  let h: Harness;
  let secretariat: Agent;
  let auth: Record<string, string>;

  beforeAll(async () => {
    h = await startHarness(kind, '2023-04-06T08:00:00Z');
    await seedDemo(h.ctx);
    secretariat = new Agent(h);
    await secretariat.login(demoSecretariat.email, demoSecretariat.password);
    auth = { authorization: `Bearer ${await createApiToken(h.ctx, (await findActorByEmail(h.ctx, demoSecretariat.email))!)}` };
  });
  afterAll(() => h.close());

  const api = (method: 'POST' | 'PATCH' | 'GET', url: string, payload?: object, lang = 'en') =>
    h.app.inject({ method, url, headers: { ...auth, 'accept-language': lang }, payload });
  const geneva = { en: 'Geneva', fr: 'Genève', es: 'Ginebra', ru: 'Женева', zh: '日内瓦', ar: 'جنيف' };
  const cicg = { en: 'Geneva International Conference Centre', fr: 'Centre international de conférences de Genève' };
  /** A meeting with a summer session (9–10 May 2023) and a winter one (4 December 2023), each 09:30–12:30 in Zurich's zone. */
  const create = (sessions: object[], venue: object = { names: cicg, cities: geneva, country: 'CH', timeZone: 'Europe/Zurich' }) =>
    api('POST', '/api/groups/fg-mv/meetings', { title: { en: 'Hours and rooms' }, venue, mode: 'in-person', sessions });
  const summerAndWinter = [
    {
      subgroup: 'WG5',
      startDate: '2023-05-09',
      endDate: '2023-05-10',
      startTime: '09:30',
      endTime: '12:30',
      rooms: { en: 'Room 2', fr: 'Salle 2' },
    },
    { subgroup: 'WG6', startDate: '2023-12-04', endDate: '2023-12-04', startTime: '09:30', endTime: '12:30', room: 'Room 3' },
    { subgroup: 'WG7', startDate: '2023-12-05', endDate: '2023-12-05' },
  ];

  it('takes the venue and rooms by language and gives them in the reader’s, with every translation beside', async () => {
    const created = await create(summerAndWinter);
    expect(created.statusCode).toBe(201);
    const id = created.json().id as number;
    const fr = (await api('GET', `/api/meetings/${id}`, undefined, 'fr')).json();
    expect(fr.venue).toEqual({ name: cicg.fr, names: cicg, city: 'Genève', cities: geneva, country: 'CH', timeZone: 'Europe/Zurich' });
    expect(fr.sessions.map((s: Record<string, unknown>) => [s.subgroup, s.startTime, s.endTime, s.room, s.rooms])).toEqual([
      ['WG5', '09:30', '12:30', 'Salle 2', { en: 'Room 2', fr: 'Salle 2' }],
      ['WG6', '09:30', '12:30', 'Room 3', { en: 'Room 3' }],
      ['WG7', null, null, '', {}],
    ]);
    // Chinese has no name of the centre: English, not nothing.
    expect((await api('GET', `/api/meetings/${id}`, undefined, 'zh')).json().venue).toMatchObject({ name: cicg.en, city: '日内瓦' });

    // A plain name, as clients wrote before, is English and replaces every translation; the city keeps its own.
    const renamed = await api('PATCH', `/api/meetings/${id}`, { venue: { name: 'CICG' } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().venue).toMatchObject({ name: 'CICG', names: { en: 'CICG' }, cities: geneva });
    const both = await api('PATCH', `/api/meetings/${id}`, { venue: { name: 'CICG', names: { fr: 'CICG' } } }, 'fr');
    expect(both.statusCode).toBe(422);
    expect(both.json().errors).toEqual([
      { field: 'venue.names', message: 'Donnez soit le texte, soit ses traductions, mais pas les deux.' },
    ]);
  });

  it('refuses bad hours with a message naming the field, in the reader’s language, and stores nothing', async () => {
    const wrong = (over: object) => [{ subgroup: 'WG5', startDate: '2023-05-09', endDate: '2023-05-09', ...over }];
    const cases: [object, { field: string; message: string }[]][] = [
      [
        { startTime: '9h30', endTime: '12:30' },
        [{ field: 'sessions.0.startTime', message: 'Saisissez une heure en heures et minutes, par exemple 09:30.' }],
      ],
      [
        { startTime: '09:30', endTime: '24:00' },
        [{ field: 'sessions.0.endTime', message: 'Saisissez une heure en heures et minutes, par exemple 09:30.' }],
      ],
      [
        { startTime: '09:30' },
        [{ field: 'sessions.0.endTime', message: 'Indiquez l’heure de début et l’heure de fin, ou aucune des deux.' }],
      ],
      [
        { endTime: '12:30' },
        [{ field: 'sessions.0.startTime', message: 'Indiquez l’heure de début et l’heure de fin, ou aucune des deux.' }],
      ],
      [
        { startTime: '12:30', endTime: '09:30' },
        [{ field: 'sessions.0.endTime', message: 'L’heure de fin doit être postérieure à l’heure de début.' }],
      ],
      [
        { startTime: '12:30', endTime: '12:30' },
        [{ field: 'sessions.0.endTime', message: 'L’heure de fin doit être postérieure à l’heure de début.' }],
      ],
      [
        { startTime: 930, endTime: '12:30' },
        [{ field: 'sessions.0.startTime', message: 'Saisissez une heure en heures et minutes, par exemple 09:30.' }],
      ],
    ];
    const before = (await api('GET', '/api/groups/fg-mv/meetings')).json().length;
    for (const [over, errors] of cases) {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/groups/fg-mv/meetings',
        headers: { ...auth, 'accept-language': 'fr' },
        payload: { title: { en: 'Bad hours' }, venue: { timeZone: 'UTC' }, mode: 'virtual', sessions: wrong(over) },
      });
      expect(res.statusCode, JSON.stringify(over)).toBe(422);
      expect(res.json().errors, JSON.stringify(over)).toEqual(errors);
    }
    expect((await api('GET', '/api/groups/fg-mv/meetings')).json()).toHaveLength(before);
  });

  it('gives a session with hours one timed event a day, in UTC from the venue’s zone on that day, with room and venue', async () => {
    const id = (await create(summerAndWinter)).json().id as number;
    const ics = (await h.app.inject({ url: `/meetings/${id}.ics?lang=fr` })).body;
    const events = new ICAL.Component(ICAL.parse(ics))
      .getAllSubcomponents('vevent')
      .map((v) => new ICAL.Event(v))
      .filter((e) => e.uid.includes('-session-'))
      .map((e) => ({
        start: e.startDate.isDate ? e.startDate.toString() : e.startDate.toJSDate().toISOString(),
        end: e.endDate.isDate ? e.endDate.toString() : e.endDate.toJSDate().toISOString(),
        location: e.location,
      }));
    const venue = 'Centre international de conférences de Genève, Genève, Suisse';
    expect(events).toEqual([
      // Summer time in Geneva (CEST, UTC+2): 09:30 is 07:30 UTC, each day of the session.
      { start: '2023-05-09T07:30:00.000Z', end: '2023-05-09T10:30:00.000Z', location: `Salle 2, ${venue}` },
      { start: '2023-05-10T07:30:00.000Z', end: '2023-05-10T10:30:00.000Z', location: `Salle 2, ${venue}` },
      // Winter time (CET, UTC+1): 08:30 UTC.
      { start: '2023-12-04T08:30:00.000Z', end: '2023-12-04T11:30:00.000Z', location: `Room 3, ${venue}` },
      // No hours: all day, as before.
      { start: '2023-12-05', end: '2023-12-06', location: venue },
    ]);
  });

  it('lists each session’s hours with the zone’s name and its room, in the reader’s language', async () => {
    const id = (await create(summerAndWinter)).json().id as number;
    const page = await new Agent(h).get(`/meetings/${id}?lang=fr`);
    const rows = $$(page.body, '#sessions-h + table tbody tr').map((tr) => $$(tr.outerHTML, 'td').map(text));
    expect(rows.map((r) => r.slice(2))).toEqual([
      ['09:30 – 12:30 (heure d’Europe centrale)', 'Salle 2'],
      ['09:30 – 12:30 (heure d’Europe centrale)', 'Room 3'],
      ['À préciser', ''],
    ]);
    expect(page.body).toContain('Centre international de conférences de Genève, Genève, Suisse');
  });

  it('edits the venue’s languages and the sessions’ hours and rooms in the form, which comes back as it was saved', async () => {
    const form = await secretariat.get('/groups/fg-mv/meetings/new');
    const headings = $$(form.body, 'form h2').map(text);
    expect(headings).toEqual([
      'The meeting',
      'Venue and time zone',
      'Sessions',
      'Key deadlines',
      'Registration and participants',
      'Practical information',
    ]);
    expect($$(form.body, 'input[name^="venue_names_"]').map((i) => i.getAttribute('name'))).toHaveLength(6);
    expect($1(form.body, 'input[name="sessions_0_startTime"]').getAttribute('type')).toBe('time');

    const created = await secretariat.post('/groups/fg-mv/meetings', {
      title_en: 'Form with hours',
      venue_names_en: 'ITU headquarters',
      venue_names_fr: 'siège de l’UIT',
      venue_cities_en: 'Geneva',
      venue_cities_ru: 'Женева',
      venue_country: 'CH',
      venue_timeZone: 'Europe/Zurich',
      mode: 'in-person',
      languages: 'en',
      sessions_0_subgroup: 'WG5',
      sessions_0_startDate: '2023-09-04',
      sessions_0_endDate: '2023-09-05',
      sessions_0_startTime: '9:30',
      sessions_0_endTime: '12:30',
      sessions_0_rooms_en: 'Popov Room',
      sessions_0_rooms_zh: '波波夫会议室',
      sessions_1_subgroup: '',
      sessions_1_startDate: '',
      sessions_1_endDate: '',
      sessions_1_startTime: '',
      sessions_1_endTime: '',
      sessions_1_rooms_en: '',
    });
    expect(created.statusCode).toBe(303);
    const id = Number(/\/meetings\/(\d+)/.exec(created.headers.location as string)![1]);
    const saved = (await api('GET', `/api/meetings/${id}`, undefined, 'ru')).json();
    expect(saved.venue).toMatchObject({
      name: 'ITU headquarters',
      names: { en: 'ITU headquarters', fr: 'siège de l’UIT' },
      city: 'Женева',
    });
    expect(saved.sessions).toMatchObject([
      { startTime: '09:30', endTime: '12:30', room: 'Popov Room', rooms: { en: 'Popov Room', zh: '波波夫会议室' } },
    ]);

    // Sent back as the edit form shows it, nothing changes.
    const edit = await secretariat.get(`/meetings/${id}/edit`);
    expect($1(edit.body, 'input[name="sessions_0_startTime"]').getAttribute('value')).toBe('09:30');
    expect($1(edit.body, 'details.translations').hasAttribute('open')).toBe(true);
    const resent = await secretariat.post(`/meetings/${id}/edit`, formValues($1(edit.body, 'form.meeting-form')));
    expect(resent.statusCode).toBe(303);
    const again = (await api('GET', `/api/meetings/${id}`, undefined, 'ru')).json();
    expect({ venue: again.venue, sessions: again.sessions }).toEqual({ venue: saved.venue, sessions: saved.sessions });

    // A wrong time comes back on its field, the rest as typed.
    const bad = await secretariat.post(`/meetings/${id}/edit`, {
      ...formValues($1(edit.body, 'form.meeting-form')),
      sessions_0_endTime: '08:00',
    });
    expect(bad.statusCode).toBe(422);
    expect(text($1(bad.body, '#f-sessions_0_endTime-error'))).toBe('The end time must be after the start time.');
    expect($1(bad.body, 'input[name="venue_names_fr"]').getAttribute('value')).toBe('siège de l’UIT');
  });
});
