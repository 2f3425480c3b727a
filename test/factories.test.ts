import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../src/modules/accounts/schema.ts';
import { documents } from '../src/modules/documents/schema.ts';
import { getGroup } from '../src/modules/groups/service.ts';
import { deadlineState } from '../src/modules/meetings/rules.ts';
import { registrationWindow } from '../src/modules/registrations/state.ts';
import { visaRequestsOpen } from '../src/modules/visas/registration-part.ts';
import { checkVisaDates } from '../src/modules/visas/rules.ts';
import { addDays } from '../src/platform/time.ts';
import { $, $$, $1, formValues, text } from './support/dom.ts';
import {
  buildDocument,
  buildGroup,
  buildMeeting,
  buildPerson,
  buildRegistration,
  dayOf,
  defaultMode,
  meetingDates,
  parseSubgroupLabel,
  secretariatOf,
  visaRequestFor,
} from './support/factories.ts';
import { databaseKinds, type Harness, startHarness } from './support/harness.ts';

describe('factory defaults', () => {
  it.each([
    ['2023-04-06', 0, '2023-04-06'],
    ['2023-04-06', 60, '2023-06-05'],
    ['2023-04-06', -6, '2023-03-31'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-12-31', 1, '2024-01-01'],
    ['2023-04-06', '2023-05-09', '2023-05-09'],
  ])('dayOf(%s, %s) is %s', (today, when, expected) => {
    expect(dayOf(today, when)).toBe(expected);
  });

  it.each([
    ['WG5', { kind: 'WG', number: 5 }],
    ['wg12', { kind: 'WG', number: 12 }],
    ['TG', { kind: 'TG', number: null }],
    ['TG3', { kind: 'TG', number: 3 }],
    ['WG', undefined],
    ['WG0', undefined],
    ['SG5', undefined],
    ['WG123', undefined],
  ])('parseSubgroupLabel(%s)', (label, expected) => {
    expect(parseSubgroupLabel(label)).toEqual(expected);
  });

  it.each([
    [
      'default: a session per subgroup, starting in 60 days, two days long',
      {},
      ['WG1', 'WG2'],
      [
        { subgroup: 'WG1', startDate: '2023-06-05', endDate: '2023-06-06' },
        { subgroup: 'WG2', startDate: '2023-06-05', endDate: '2023-06-06' },
      ],
    ],
    ['startsIn and days', { startsIn: 10, days: 1 }, ['WG1'], [{ subgroup: 'WG1', startDate: '2023-04-16', endDate: '2023-04-16' }]],
    ['a date for startsIn', { startsIn: '2023-05-09' }, ['TG'], [{ subgroup: 'TG', startDate: '2023-05-09', endDate: '2023-05-10' }]],
    [
      'sessions as labels, lower case',
      { sessions: ['wg6'] },
      ['WG5', 'WG6'],
      [{ subgroup: 'WG6', startDate: '2023-06-05', endDate: '2023-06-06' }],
    ],
    [
      'sessions with their own dates and lengths',
      {
        sessions: [
          { subgroup: 'WG5', startDate: 3, days: 3 },
          { subgroup: 'WG6', startDate: '2023-05-09', endDate: 40 },
        ],
      },
      [],
      [
        { subgroup: 'WG5', startDate: '2023-04-09', endDate: '2023-04-11' },
        { subgroup: 'WG6', startDate: '2023-05-09', endDate: '2023-05-16' },
      ],
    ],
  ] as const)('meetingDates: %s', (_what, options, labels, sessions) => {
    expect(meetingDates('2023-04-06', labels, options as Parameters<typeof meetingDates>[2]).sessions).toEqual(sessions);
  });

  it.each([
    [{}, {}],
    [{ registration: -1 }, { registration: '2023-04-05' }],
    [
      { visaSupport: 5, contributions: '2023-05-02' },
      { visaSupport: '2023-04-11', contributions: '2023-05-02' },
    ],
    [{ registration: undefined }, {}],
  ])('meetingDates deadlines %j → %j (the rest left to the group’s rules)', (deadlines, expected) => {
    expect(meetingDates('2023-04-06', ['WG1'], { deadlines }).deadlines).toEqual(expected);
  });

  it('meetingDates refuses a meeting without sessions and a session without days', () => {
    expect(() => meetingDates('2023-04-06', [])).toThrow(/at least one session/);
    expect(() => meetingDates('2023-04-06', ['WG1'], { days: 0 })).toThrow(/at least one day/);
  });

  it.each([
    ['hybrid', false, 'remote'],
    ['virtual', false, 'remote'],
    ['in-person', false, 'in-person'],
    ['hybrid', true, 'in-person'],
    ['in-person', true, 'in-person'],
  ] as const)('defaultMode(%s, visa %s) is %s', (mode, visa, expected) => {
    expect(defaultMode(mode, visa)).toBe(expected);
  });

  it.each([
    ['a meeting in two months', '2023-04-06', '2023-06-05', '2023-06-06'],
    ['a meeting tomorrow', '2023-04-06', '2023-04-07', '2023-04-07'],
    ['across the new year', '2023-12-01', '2023-12-31', '2024-01-02'],
    ['over a leap day', '2024-01-10', '2024-02-28', '2024-03-01'],
  ])('visaRequestFor: %s is coherent by the visa rules', (_what, today, firstDay, lastDay) => {
    const request = visaRequestFor({ firstDay, lastDay }, today);
    expect(checkVisaDates(request, { firstDay, lastDay }, today)).toEqual([]);
    expect(request.arrivalDate).toBe(addDays(firstDay, -1));
    expect(request.departureDate).toBe(addDays(lastDay, 1));
    expect(visaRequestFor({ firstDay, lastDay }, today, { passportNumber: 'X1234567' }).passportNumber).toBe('X1234567');
  });
});

describe('dom helpers', () => {
  const page = `<!doctype html><html><body><main><h1>Agenda of <b>Working Group&nbsp;5</b></h1>
    <ul><li>one</li><li>two &amp; three</li></ul>
    <form method="post" action="/x">
      <input type="hidden" name="_csrf" value="tok">
      <input name="title" value="A &quot;title&quot;">
      <input name="empty">
      <input type="checkbox" name="sessions" value="WG5" checked>
      <input type="checkbox" name="sessions" value="WG6">
      <input type="checkbox" name="sessions" value="WG7" checked>
      <input type="checkbox" name="consent" checked>
      <input type="radio" name="mode" value="remote">
      <input type="radio" name="mode" value="in-person" checked>
      <input name="off" value="x" disabled>
      <fieldset disabled><input name="alsoOff" value="y"></fieldset>
      <select name="country"><option value="">—</option><option value="CH" selected>Switzerland</option></select>
      <select name="lang"><option>en</option><option>fr</option></select>
      <select name="many" multiple><option value="a">A</option></select>
      <textarea name="notes">
line one
line two</textarea>
      <input type="file" name="file"><button name="go" value="1">Go</button>
    </form></main></body></html>`;

  it('finds elements and reads their text as shown', () => {
    expect(text($(page, 'h1'))).toBe('Agenda of Working Group 5');
    expect($$(page, 'li').map(text)).toEqual(['one', 'two & three']);
    expect($(page, 'h2')).toBeNull();
    expect(text($(page, 'h2'))).toBe('');
    expect(() => $1(page, 'h2')).toThrow('no element matches h2');
    expect($1({ body: page }, 'form').getAttribute('action')).toBe('/x');
    expect($$($1(page, 'ul'), 'li')).toHaveLength(2);
  });

  it('formValues sends what a browser would', () => {
    expect(formValues($1(page, 'form'))).toEqual({
      _csrf: 'tok',
      title: 'A "title"',
      empty: '',
      sessions: ['WG5', 'WG7'],
      consent: 'on',
      mode: 'in-person',
      country: 'CH',
      lang: 'en',
      notes: 'line one\nline two',
    });
  });
});

describe.each(databaseKinds)('factories (%s)', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, '2023-04-06T08:00:00Z');
  });
  afterAll(() => h.close());

  it('builds groups with unique codes and the subgroups asked for', async () => {
    const a = await buildGroup(h.ctx);
    const b = await buildGroup(h.ctx, { subgroups: ['TG', 'WG5'], bureau: 'TSB', documentPrefix: 'XB' });
    expect(a.code).not.toBe(b.code);
    expect((await getGroup(h.ctx, a.code)).subgroups.map((s) => `${s.kind}${s.number ?? ''}`).sort()).toEqual(['WG1', 'WG2']);
    expect(b.subgroupLabels).toEqual(['TG', 'WG5']);
    expect(b.documentPrefix).toBe('XB');
    expect(b.bureauId).not.toBeNull();
    // The bureau is reused, not made twice.
    expect((await buildGroup(h.ctx, { bureau: 'TSB' })).bureauId).toBe(b.bureauId);
    const chair = await buildPerson(h.ctx);
    const led = await buildGroup(h.ctx, {
      officers: [
        { role: 'chair', accountEmail: chair.email },
        { role: 'vice-chair', name: 'Ana Vice' },
      ],
    });
    const { officers } = await getGroup(h.ctx, led.code);
    expect(officers.map((o) => [o.role, o.name, o.accountId])).toEqual([
      ['chair', 'Officer 1', chair.id],
      ['vice-chair', 'Ana Vice', null],
    ]);
  });

  it('builds a meeting whose deadlines are all still open by the clock, and one whose registration has closed', async () => {
    const open = await buildMeeting(h.ctx);
    expect(open.firstDay).toBe('2023-06-05');
    expect(open.sessions.map((s) => s.subgroup)).toEqual(['WG1', 'WG2']);
    for (const date of Object.values(open.deadlines)) expect(deadlineState(date, 'Europe/Zurich', h.clock.now()).state).toBe('open');
    expect(registrationWindow(open, null, h.clock.now())).toMatchObject({ open: true });
    expect(visaRequestsOpen(open, h.clock.now())).toBe(true);

    const closed = await buildMeeting(h.ctx, { group: open.group.code, deadlines: { registration: -1 }, mode: 'virtual', capacity: 3 });
    expect(closed.group.id).toBe(open.group.id);
    expect(closed.deadlines.registration).toBe('2023-04-05');
    expect(closed.meeting).toMatchObject({ mode: 'virtual', inPersonCapacity: 3 });
    expect(registrationWindow(closed, null, h.clock.now()).open).toBe(false);
  });

  it('follows the clock: a meeting built later starts later', async () => {
    h.clock.set('2024-02-20T08:00:00Z');
    try {
      expect((await buildMeeting(h.ctx, { startsIn: 1 })).firstDay).toBe('2024-02-21');
    } finally {
      h.clock.set('2023-04-06T08:00:00Z');
    }
  });

  it('builds people, registrations (with a visa request that passes the rules) and documents', async () => {
    const secretariat = await secretariatOf(h.ctx);
    expect(secretariat.role).toBe('secretariat');
    expect(await secretariatOf(h.ctx)).toBe(secretariat);
    const academic = await buildPerson(h.ctx, { category: 'academia' });
    const delegate = await buildPerson(h.ctx);
    expect(academic.email).not.toBe(delegate.email);
    expect(delegate.role).toBe('participant');
    const categoryOf = async (id: number) => (await h.ctx.db.select().from(accounts).where(eq(accounts.id, id)))[0]!.category;
    expect([await categoryOf(delegate.id), await categoryOf(academic.id)]).toEqual(['member-state', 'academia']);

    const meeting = await buildMeeting(h.ctx, { capacity: 1 });
    const remote = await buildRegistration(h.ctx, { meeting, person: academic });
    expect(remote).toMatchObject({ mode: 'remote', status: 'registered', sessions: ['WG1', 'WG2'], accountId: academic.id });
    const withVisa = await buildRegistration(h.ctx, { meeting, person: delegate, visaRequest: true });
    expect(withVisa).toMatchObject({ mode: 'in-person', status: 'registered', parts: { visa: { status: 'requested' } } });
    const waiting = await buildRegistration(h.ctx, { meeting, mode: 'in-person', sessions: ['WG2'] });
    expect(waiting).toMatchObject({ status: 'waitlisted', waitlistPosition: 1, sessions: ['WG2'] });

    const doc = await buildDocument(h.ctx, { meeting, author: delegate });
    expect(doc).toMatchObject({ type: 'I', ownerId: delegate.id, workingGroups: ['WG1'], late: false });
    const td = await buildDocument(h.ctx, { meeting, type: 'TD', title: 'Draft report', workingGroups: ['WG2'] });
    expect(td).toMatchObject({ type: 'TD', ownerId: secretariat.id, title: 'Draft report', number: expect.stringMatching(/-TD-001$/) });
    const [stored] = await h.ctx.db.select().from(documents).where(eq(documents.id, doc.id));
    expect(stored!.number).toBe(doc.number);
    expect((await h.app.inject({ url: `/documents/${doc.number}/file` })).statusCode).toBe(200);
  });
});
