import { count, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/modules/accounts/api-tokens.ts';
import { receiveContribution } from '../src/modules/documents/inbound/receiving.ts';
import { documentCounters, documentRevisions, documents } from '../src/modules/documents/schema.ts';
import { groups } from '../src/modules/groups/schema.ts';
import { getMeeting, meetingAsInput, updateMeeting } from '../src/modules/meetings/service.ts';
import { mailText } from '../src/platform/mail/outbox.ts';
import { outbox } from '../src/platform/mail/schema.ts';
import { Agent, multipartBody } from './support/agent.ts';
import { docxWith, pdfBytes } from './support/documents.ts';
import { $, $$, text } from './support/dom.ts';
import { type BuiltMeeting, buildCircular, buildDocument, buildGroup, buildMeeting, secretariatOf } from './support/factories.ts';
import { databaseKinds, type Harness, makeUser, startHarness } from './support/harness.ts';
import { signedInPerson } from './support/people.ts';

/**
 * ITU-like rules for a group meeting on Monday 22 April 2024 in Geneva: contributions needing translation 45 days
 * before (8 March, end of day 23:00 UTC in winter time), the normal deadline 12 days before (10 April, 22:00 UTC
 * in summer time), late ones accepted until the day before the meeting (21 April), then held over.
 */
const rules = {
  visaSupportDays: 30,
  registrationDays: 14,
  contributionsDays: 12,
  translationDays: 45,
  lateUntilDays: 1,
  tooLateContributions: 'hold-over' as const,
};

describe.each(databaseKinds)('deadline classes of contributions (%s)', (kind) => {
  let h: Harness;
  let april: BuiltMeeting;
  let july: BuiltMeeting;
  let lonely: BuiltMeeting;
  let auth: Record<string, string>;
  let staffAuth: Record<string, string>;

  beforeAll(async () => {
    h = await startHarness(kind, '2024-03-01T08:00:00Z');
    const group = await buildGroup(h.ctx, { code: 'FG-DC', bureau: 'TSB', deadlineRules: rules });
    april = await buildMeeting(h.ctx, { group, startsIn: '2024-04-22' });
    july = await buildMeeting(h.ctx, { group, startsIn: '2024-07-01' });
    // A group whose only meeting holds too-late contributions over, with nothing to hold them over to.
    lonely = await buildMeeting(h.ctx, {
      group: { code: 'FG-ONE', deadlineRules: rules },
      startsIn: '2024-04-22',
      lateContributions: 'refuse',
    });
    auth = (await signedInPerson(h)).auth;
    staffAuth = { authorization: `Bearer ${await createApiToken(h.ctx, await secretariatOf(h.ctx))}` };
  });
  afterAll(() => h.close());

  const at = (instant: string) => h.clock.set(new Date(instant));
  const submit = async (meetingId: number, who = auth, title = 'Avatar interoperability') => {
    const form = new FormData();
    form.append('title', title);
    form.append('sources', 'ETRI');
    form.append('contacts', JSON.stringify([{ name: 'Kim Min', organization: 'ETRI', email: 'kim@example.org' }]));
    form.append('file', new Blob([(await docxWith(['Body'])) as BlobPart]), 'contribution.docx');
    const { payload, contentType } = await multipartBody(form);
    return h.app.inject({
      method: 'POST',
      url: `/api/meetings/${meetingId}/documents`,
      payload,
      headers: { ...who, 'content-type': contentType },
    });
  };
  const rowCount = async () => ({
    documents: (await h.ctx.db.select({ n: count() }).from(documents))[0]!.n,
    revisions: (await h.ctx.db.select({ n: count() }).from(documentRevisions))[0]!.n,
    counters: await h.ctx.db.select().from(documentCounters).orderBy(documentCounters.groupId, documentCounters.type),
  });

  it('takes the class dates from the group’s rules, and the API and the key-deadline table show those the meeting uses', async () => {
    await at('2024-03-01T08:00:00Z');
    expect(april.contributionDeadlines).toEqual({
      translation: '2024-03-08',
      normal: '2024-04-10',
      late: 'flag',
      lateUntil: '2024-04-21',
      tooLate: 'hold-over',
    });
    const api = (await h.app.inject({ url: `/api/meetings/${april.id}` })).json();
    expect(api.contributionClasses).toEqual({
      inUse: ['translation', 'normal', 'late', 'too-late'],
      translation: '2024-03-08',
      normal: '2024-04-10',
      late: 'flag',
      lateUntil: '2024-04-21',
      tooLate: 'hold-over',
    });
    expect(api.deadlines.contributions).toBe('2024-04-10');
    const lonelyApi = (await h.app.inject({ url: `/api/meetings/${lonely.id}` })).json();
    expect(lonelyApi.contributionClasses).toMatchObject({ inUse: ['translation', 'normal', 'too-late'], late: 'refuse', lateUntil: null });

    const page = (await h.app.inject({ url: `/meetings/${april.id}` })).body;
    const rows = $$(page, 'table.deadlines tr[data-deadline]').map((r) => r.getAttribute('data-deadline'));
    expect(rows).toEqual(['translation', 'visaSupport', 'registration', 'contributions', 'lateUntil']);
    expect(text($(page, '#contribution-classes')!)).toContain('held over to the group’s next meeting');
    const fr = (await h.app.inject({ url: `/meetings/${april.id}?lang=fr` })).body;
    expect(text($(fr, '#contribution-classes')!)).toContain('reportées à la réunion suivante du groupe');
    expect(text($(fr, 'tr[data-deadline="translation"]')!)).toContain('8 mars 2024');

    // A meeting without translation rule nor late window shows neither.
    const plain = await buildMeeting(h.ctx, { startsIn: '2024-05-20', lateContributions: 'refuse' });
    const plainPage = (await h.app.inject({ url: `/meetings/${plain.id}` })).body;
    expect($$(plainPage, 'table.deadlines tr[data-deadline]').map((r) => r.getAttribute('data-deadline'))).toEqual([
      'visaSupport',
      'registration',
      'contributions',
    ]);
    expect(text($(plainPage, '#contribution-classes')!)).toContain('received after the contribution deadline are refused');
  });

  it.each([
    ['2024-03-08T22:59:59Z', 'translation', false],
    ['2024-03-08T23:00:00Z', 'normal', false],
    ['2024-04-10T21:59:59Z', 'normal', false],
    ['2024-04-10T22:00:00Z', 'late', true],
    ['2024-04-21T21:59:59Z', 'late', true],
  ] as const)('a contribution at %s is of the %s class', async (instant, expected, late) => {
    await at(instant);
    const res = await submit(april.id);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ deadlineClass: expected, late, meetingId: april.id, heldOverFrom: null });
    const doc = (await h.app.inject({ url: `/api/documents/${res.json().number}` })).json();
    expect(doc).toMatchObject({ deadlineClass: expected, late, meetingId: april.id });
  });

  it('holds a too-late contribution over to the group’s next meeting, numbered there, and says so', async () => {
    await at('2024-04-21T22:00:00Z');
    const { auth: mine, agent } = await signedInPerson(h);
    const res = await submit(april.id, mine, 'Too late for April');
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ deadlineClass: 'too-late', late: false, meetingId: july.id, heldOverFrom: april.id });
    const [row] = await h.ctx.db.select().from(documents).where(eq(documents.number, body.number));
    expect(row).toMatchObject({ meetingId: july.id, heldOverFrom: april.id, deadlineClass: 'too-late' });
    // Listed with the July meeting, not the April one.
    const julyList = (await h.app.inject({ url: `/api/meetings/${july.id}/documents` })).json();
    expect(julyList.map((d: { number: string }) => d.number)).toContain(body.number);
    const aprilList = (await h.app.inject({ url: `/api/meetings/${april.id}/documents` })).json();
    expect(aprilList.map((d: { number: string }) => d.number)).not.toContain(body.number);
    // The submission's outcome page (where the form's redirect leads) tells the submitter where it went.
    const outcome = await agent.get(`/documents/${body.number}?done=submitted`);
    expect(text($(outcome.body, 'main')!)).toContain(`It was too late for Test meeting`);
    expect(text($(outcome.body, 'main')!)).toContain(`held over to ${july.meeting.title.en}`);
    // The acknowledgement says it too.
    const [mail] = await h.ctx.db.select().from(outbox).where(eq(outbox.kind, 'document-received')).orderBy(desc(outbox.id)).limit(1);
    expect(mailText(h.ctx, mail!)).toContain(`held over to ${july.meeting.title.en}`);
  });

  it('numbers a mailed contribution too late for the meeting for the next one, and the reply names it', async () => {
    await at('2024-04-21T22:00:00Z');
    await h.ctx.db.update(groups).set({ contributionEmail: 'contrib@fgdc.example' }).where(eq(groups.id, april.group.id));
    const sender = await makeUser(h.ctx);
    const outcome = await receiveContribution(h.ctx, {
      from: sender.email,
      to: ['contrib@fgdc.example'],
      subject: 'Mailed too late',
      senderCheck: 'aligned',
      attachments: [{ filename: 'late.pdf', content: pdfBytes('mailed too late') }],
    });
    expect(outcome).toMatchObject({ kind: 'numbered' });
    const [row] = await h.ctx.db.select().from(documents).where(eq(documents.title, 'Mailed too late'));
    expect(row).toMatchObject({ meetingId: july.id, heldOverFrom: april.id, deadlineClass: 'too-late', submittedVia: 'email' });
    const [reply] = await h.ctx.db.select().from(outbox).where(eq(outbox.toAddress, sender.email));
    expect(mailText(h.ctx, reply!)).toContain(july.meeting.title.en!);
  });

  it('lets the secretariat still submit to the meeting itself, flagged late', async () => {
    await at('2024-04-21T22:00:00Z');
    const res = await submit(april.id, staffAuth, 'Secretariat note');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ deadlineClass: 'late', late: true, meetingId: april.id, heldOverFrom: null });
  });

  it('refuses a too-late contribution when the group has no later meeting, writing nothing', async () => {
    await at('2024-04-10T22:00:00Z');
    const before = await rowCount();
    const res = await submit(lonely.id);
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().type).toMatch(/\/no-next-meeting$/);
    const fr = await submit(lonely.id, { ...auth, 'accept-language': 'fr' });
    expect(fr.json().title).toContain('pas de réunion ultérieure');
    const reserve = await h.app.inject({
      method: 'POST',
      url: `/api/meetings/${lonely.id}/document-reservations`,
      payload: { title: 'Reserved too late', sources: ['ETRI'] },
      headers: auth,
    });
    expect(reserve.statusCode).toBe(409);
    expect(await rowCount()).toEqual(before);
  });

  it('reserves a too-late number for the next meeting', async () => {
    await at('2024-04-21T22:00:00Z');
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/meetings/${april.id}/document-reservations`,
      payload: { title: 'Reserved after the window', sources: ['ETRI'] },
      headers: auth,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().uploadUrl).toContain(`/meetings/${july.id}/documents/new`);
  });

  it('lists late contributions apart on the meeting page, and marks those to translate', async () => {
    await at('2024-04-15T08:00:00Z');
    const late = await buildDocument(h.ctx, { meeting: april, title: 'Listed apart' });
    expect(late.deadlineClass).toBe('late');
    const page = (await h.app.inject({ url: `/meetings/${april.id}` })).body;
    const section = $(page, 'section.late-documents')!;
    expect(text($(section, 'h3')!)).toBe('Late contributions');
    expect(text(section)).toContain(late.number);
    const onTime = $$(page, '#documents table.documents').filter((t) => !t.closest('section.late-documents'));
    expect(onTime).toHaveLength(1);
    expect(text(onTime[0]!)).not.toContain(late.number);
    const translated = $$(onTime[0]!, 'tr[data-class="translation"]');
    expect(translated.length).toBeGreaterThan(0);
    expect(text(translated[0]!)).toContain('For translation');
    const zh = (await h.app.inject({ url: `/meetings/${april.id}?lang=zh` })).body;
    expect(text($(zh, 'section.late-documents h3')!)).toBe('逾期文稿');
  });

  it('shows the classes in the circular and its key-deadline table, in six languages, and the PDF renders', async () => {
    await at('2024-03-01T08:00:00Z');
    await buildCircular(h.ctx, { meeting: april });
    const en = (await h.app.inject({ url: `/meetings/${april.id}/circular?lang=en` })).body;
    const letter = text($(en, 'article.circular')!);
    expect(letter).toContain('Contributions that need translation into the meeting’s languages must be received by 8 March 2024.');
    expect(letter).toContain('until 21 April 2024 are accepted, marked late and listed separately');
    expect(letter).toContain('will be held over to the next meeting of the group');
    const dates = $$(en, '.key-deadlines time[datetime]').map((t) => t.getAttribute('datetime'));
    expect(dates).toEqual(['2024-03-08', '2024-03-23', '2024-04-08', '2024-04-10', '2024-04-21']);
    expect(text($(en, '.key-deadlines')!)).toContain('Submit contributions needing translation');
    for (const [lang, words] of [
      ['fr', 'reportées à la réunion suivante du groupe'],
      ['es', 'se aplazarán a la siguiente reunión del grupo'],
      ['ru', 'будут перенесены на следующее собрание группы'],
      ['zh', '顺延至该组的下一次会议'],
      ['ar', 'إلى الاجتماع التالي للفريق'],
    ] as const) {
      const page = (await h.app.inject({ url: `/meetings/${april.id}/circular?lang=${lang}` })).body;
      expect(text($(page, 'article.circular')!), lang).toContain(words);
      expect($$(page, '.key-deadlines time[datetime]'), lang).toHaveLength(5);
    }
    const pdf = await h.app.inject({ url: `/meetings/${april.id}/circular.pdf?lang=en` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    // Nothing changed: no corrigendum. The late window moved: the corrigendum says so.
    await expect(buildCircular(h.ctx, { meeting: april })).rejects.toMatchObject({ type: 'circular-unchanged' });
    const staff = await secretariatOf(h.ctx);
    const current = await getMeeting(h.ctx, april.id);
    await updateMeeting(h.ctx, staff, april.id, {
      ...meetingAsInput(current),
      deadlines: { ...meetingAsInput(current).deadlines, lateUntil: '2024-04-19' },
    });
    await buildCircular(h.ctx, { meeting: april });
    const corrected = text($((await h.app.inject({ url: `/meetings/${april.id}/circular?lang=en` })).body, 'article.circular')!);
    expect(corrected).toContain('Deadline classes of contributions');
    expect(corrected).toContain('until 19 April 2024 are accepted');
  });

  it('offers the class rules on the group form and the class dates on the meeting form', async () => {
    await at('2024-03-01T08:00:00Z');
    const staff = await secretariatOf(h.ctx);
    const agent = new Agent(h);
    await agent.login(staff.email, staff.password);
    const groupForm = (await agent.get('/groups/fg-dc/edit')).body;
    expect($(groupForm, 'input[name="deadlineRules_translationDays"]')?.getAttribute('value')).toBe('45');
    expect($(groupForm, 'select[name="deadlineRules_tooLateContributions"] option[selected]')?.getAttribute('value')).toBe('hold-over');
    const meetingForm = (await agent.get(`/meetings/${april.id}/edit`)).body;
    expect($(meetingForm, 'input[name="deadlines_translation"]')?.getAttribute('value')).toBe('2024-03-08');
    expect($(meetingForm, 'input[name="deadlines_lateUntil"]')?.getAttribute('value')).toBe('2024-04-19');
    expect($(meetingForm, 'select[name="tooLateContributions"]')).not.toBeNull();
  });

  it('lets the secretariat set a meeting’s own class dates and policies through the API', async () => {
    await at('2024-03-01T08:00:00Z');
    const res = await h.app.inject({
      method: 'PATCH',
      url: `/api/meetings/${july.id}`,
      payload: { deadlines: { translation: '2024-05-10', lateUntil: '2024-06-28' }, tooLateContributions: 'refuse' },
      headers: staffAuth,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().contributionClasses).toMatchObject({ translation: '2024-05-10', lateUntil: '2024-06-28', tooLate: 'refuse' });
    const bad = await h.app.inject({
      method: 'PATCH',
      url: `/api/meetings/${july.id}`,
      payload: { tooLateContributions: 'later' },
      headers: staffAuth,
    });
    expect(bad.statusCode).toBe(422);
  });
});
