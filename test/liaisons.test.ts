import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/modules/accounts/api-tokens.ts';
import { accounts } from '../src/modules/accounts/schema.ts';
import { documents } from '../src/modules/documents/schema.ts';
import { liaisons } from '../src/modules/liaisons/schema.ts';
import { createLiaison, updateLiaison } from '../src/modules/liaisons/service.ts';
import { mailTimeBefore } from '../src/modules/meetings/reminders.ts';
import { planJobs, runDueJobs } from '../src/platform/jobs/runner.ts';
import { outbox } from '../src/platform/mail/schema.ts';
import { defineJobs } from '../src/worker.ts';
import { Agent } from './support/agent.ts';
import { pdfBytes } from './support/documents.ts';
import {
  type BuiltGroup,
  type BuiltMeeting,
  buildDocument,
  buildGroup,
  buildMeeting,
  buildPerson,
  type Person,
  secretariatOf,
} from './support/factories.ts';
import { databaseKinds, type Harness, startHarness } from './support/harness.ts';

const incomingFields = (title: string, extra: Record<string, string> = {}) => ({
  direction: 'incoming',
  title,
  fromBody: 'ITU-T SG16',
  toBody: 'FG',
  purpose: 'action',
  replyDeadline: '2023-05-30',
  contactName: 'Rapporteur Q8/16',
  contactEmail: 'q8@example.org',
  ...extra,
});

describe.each(databaseKinds)('liaison statements (%s)', (kind) => {
  let h: Harness;
  let group: BuiltGroup;
  let closed: BuiltGroup;
  let meeting: BuiltMeeting;
  let secretariat: Person;
  let officer: Person;
  let delegate: Person;
  const agents = {} as Record<'officer' | 'delegate' | 'anonymous' | 'secretariat', Agent>;
  const tokens = {} as Record<'secretariat' | 'delegate', string>;
  const countLiaisons = async () => (await h.ctx.db.select({ n: count() }).from(liaisons))[0]!.n;
  const countDocuments = async () => (await h.ctx.db.select({ n: count() }).from(documents))[0]!.n;
  const api = (as: 'secretariat' | 'delegate' | 'anonymous', method: 'GET' | 'POST' | 'PATCH', url: string, json?: unknown, lang = 'en') =>
    h.app.inject({
      method,
      url,
      headers: {
        'accept-language': lang,
        ...(as === 'anonymous' ? {} : { authorization: `Bearer ${tokens[as]}` }),
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(json === undefined ? {} : { payload: JSON.stringify(json) }),
    });

  beforeAll(async () => {
    h = await startHarness(kind, '2023-04-06T08:00:00Z');
    defineJobs();
    secretariat = await secretariatOf(h.ctx);
    officer = await buildPerson(h.ctx);
    await h.ctx.db.update(accounts).set({ preferredLanguage: 'fr' }).where(eq(accounts.id, officer.id));
    delegate = await buildPerson(h.ctx);
    group = await buildGroup(h.ctx, {
      documentPrefix: 'LSX',
      officers: [{ role: 'chair', accountEmail: officer.email }, { role: 'vice-chair' }],
    });
    closed = await buildGroup(h.ctx, { documentAccess: 'signed-in' });
    meeting = await buildMeeting(h.ctx, { group });
    for (const [who, person] of [
      ['officer', officer],
      ['delegate', delegate],
      ['secretariat', secretariat],
    ] as const) {
      agents[who] = new Agent(h);
      await agents[who].login(person.email, person.password);
    }
    agents.anonymous = new Agent(h);
    tokens.secretariat = await createApiToken(h.ctx, secretariat);
    tokens.delegate = await createApiToken(h.ctx, delegate);
  }, 60_000);
  afterAll(() => h?.close());

  const slug = () => group.code.toLowerCase();

  it('registers an incoming statement with its file: the file becomes a numbered document of type LS', async () => {
    const res = await agents.officer.upload(
      `/groups/${slug()}/liaisons/new`,
      incomingFields('LS on avatar codecs', { meetingId: String(meeting.id) }),
      { name: 'ls-sg16.pdf', content: pdfBytes('LS from SG16') },
    );
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    const id = Number(res.headers.location!.match(/\/liaisons\/(\d+)/)![1]);
    const [row] = await h.ctx.db.select().from(liaisons).where(eq(liaisons.id, id));
    const [doc] = await h.ctx.db.select().from(documents).where(eq(documents.id, row!.documentId!));
    expect(doc).toMatchObject({ type: 'LS', number: 'LSX-LS-001', title: 'LS on avatar codecs', meetingId: meeting.id });

    const page = await agents.anonymous.get(`/liaisons/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('LSX-LS-001');
    expect(page.body).toContain('ITU-T SG16');
    const register = await agents.anonymous.get(`/groups/${slug()}/liaisons`);
    expect(register.statusCode).toBe(200);
    expect(register.body).toContain('LS on avatar codecs');
    expect(register.body).toContain('Reply due');
    // The group's page links to its register.
    expect((await agents.anonymous.get(`/groups/${slug()}`)).body).toContain(`/groups/${slug()}/liaisons`);
  });

  it('produces an outgoing reply from an output document, linked both ways', async () => {
    const output = await buildDocument(h.ctx, { meeting, type: 'O', title: 'Reply on avatar codecs' });
    const [incoming] = await h.ctx.db.select().from(liaisons).where(eq(liaisons.title, 'LS on avatar codecs'));
    const form = await agents.officer.get(
      `/groups/${slug()}/liaisons/new?direction=outgoing&from=${output.number}&replyTo=${incoming!.id}`,
    );
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Reply on avatar codecs"');
    expect(form.body).toContain(`value="${output.number}"`);

    const res = await agents.officer.upload(
      `/groups/${slug()}/liaisons/new`,
      {
        direction: 'outgoing',
        title: 'Reply on avatar codecs',
        fromBody: group.code,
        toBody: 'ITU-T SG16',
        purpose: 'information',
        documentNumber: output.number,
        replyTo: String(incoming!.id),
      },
      null,
    );
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    const replyId = Number(res.headers.location!.match(/\/liaisons\/(\d+)/)![1]);
    const [reply] = await h.ctx.db.select().from(liaisons).where(eq(liaisons.id, replyId));
    expect(reply).toMatchObject({ documentId: output.id, replyToId: incoming!.id, direction: 'outgoing' });

    const original = (await api('secretariat', 'GET', `/api/liaisons/${incoming!.id}`)).json();
    expect(original).toMatchObject({ status: 'replied', replies: [replyId], document: 'LSX-LS-001' });
    const answer = (await api('secretariat', 'GET', `/api/liaisons/${replyId}`)).json();
    expect(answer).toMatchObject({ replyTo: incoming!.id, document: output.number, status: 'no-reply-needed' });
    const page = await agents.anonymous.get(`/liaisons/${incoming!.id}`);
    expect(page.body).toContain(`/liaisons/${replyId}`);
    expect((await agents.anonymous.get(`/liaisons/${replyId}`)).body).toContain(`/liaisons/${incoming!.id}`);
    // The same document cannot be the text of a second statement.
    const again = await api('secretariat', 'POST', `/api/groups/${slug()}/liaisons`, {
      direction: 'outgoing',
      fromBody: group.code,
      toBody: 'ISO/IEC JTC 1/SC 24',
      title: 'Copy',
      purpose: 'information',
      documentNumber: output.number,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('liaison-document-taken');
    // Two at once naming the same new document: one is registered, the other told.
    const spare = await buildDocument(h.ctx, { meeting, type: 'O', title: 'Spare output' });
    const both = await Promise.all(
      ['First', 'Second'].map((title) =>
        api('secretariat', 'POST', `/api/groups/${slug()}/liaisons`, {
          direction: 'outgoing',
          fromBody: group.code,
          toBody: 'ITU-T SG20',
          title,
          purpose: 'information',
          documentNumber: spare.number,
        }),
      ),
    );
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });

  it('registers, reads and changes statements through the API', async () => {
    const created = await api('secretariat', 'POST', `/api/groups/${slug()}/liaisons`, {
      direction: 'incoming',
      fromBody: 'ISO/IEC JTC 1/SC 24',
      toBody: group.code,
      title: 'LS on mixed reality terms',
      purpose: 'information',
    });
    expect(created.statusCode, created.body).toBe(201);
    const ls = created.json();
    expect(ls).toMatchObject({ status: 'no-reply-needed', replyDeadline: null, document: null });
    const list = await api('anonymous', 'GET', `/api/groups/${slug()}/liaisons`);
    expect(list.statusCode).toBe(200);
    expect(list.json().liaisons.map((l: { id: number }) => l.id)).toContain(ls.id);
    const patched = await api('secretariat', 'PATCH', `/api/liaisons/${ls.id}`, { purpose: 'action', replyDeadline: '2023-06-01' });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({
      purpose: 'action',
      replyDeadline: '2023-06-01',
      status: 'open',
      title: 'LS on mixed reality terms',
    });
    expect((await api('anonymous', 'GET', '/api/liaisons/999999')).statusCode).toBe(404);
  });

  it('refuses bad input with a localized problem, writing nothing', async () => {
    const before = [await countLiaisons(), await countDocuments()];
    const res = await api(
      'secretariat',
      'POST',
      `/api/groups/${slug()}/liaisons`,
      { direction: 'incoming', fromBody: 'ITU-T SG16', toBody: group.code, title: 'No deadline', purpose: 'action' },
      'fr',
    );
    expect(res.statusCode).toBe(422);
    const problem = res.json();
    expect(problem.code).toBe('invalid-field');
    expect(problem.errors).toContainEqual(
      expect.objectContaining({
        field: 'replyDeadline',
        message: 'Une déclaration pour suite à donner demande une date limite de réponse.',
      }),
    );
    // The form says it too, and keeps the file out of the store: no document is submitted.
    const form = await agents.officer.upload(
      `/groups/${slug()}/liaisons/new`,
      incomingFields('Bad', { replyDeadline: '', meetingId: String(meeting.id) }),
      { name: 'bad.pdf', content: pdfBytes('bad') },
    );
    expect(form.statusCode).toBe(422);
    // In the officer's language (French).
    expect(form.body).toContain('Une déclaration pour suite à donner demande une date limite de réponse.');
    const noMeeting = await agents.officer.upload(`/groups/${slug()}/liaisons/new`, incomingFields('No meeting'), {
      name: 'nm.pdf',
      content: pdfBytes('nm'),
    });
    expect(noMeeting.statusCode).toBe(422);
    const foreign = await api('secretariat', 'PATCH', `/api/liaisons/${(await h.ctx.db.select().from(liaisons))[0]!.id}`, {
      replyTo: 999999,
    });
    expect(foreign.statusCode).toBe(422);
    expect([await countLiaisons(), await countDocuments()]).toEqual(before);
  });

  it('lets neither a delegate nor anyone anonymous register or change statements', async () => {
    const before = await countLiaisons();
    expect((await agents.delegate.get(`/groups/${slug()}/liaisons/new`)).statusCode).toBe(403);
    const upload = await agents.delegate.upload(`/groups/${slug()}/liaisons/new`, incomingFields('Intruder'), null);
    expect(upload.statusCode).toBe(403);
    const anonymousForm = await agents.anonymous.get(`/groups/${slug()}/liaisons/new`);
    expect(anonymousForm.statusCode).toBe(303);
    expect(anonymousForm.headers.location).toMatch(/^\/login\?next=/);
    const body = { direction: 'incoming', fromBody: 'X', toBody: 'Y', title: 'Z', purpose: 'information' };
    expect((await api('anonymous', 'POST', `/api/groups/${slug()}/liaisons`, body)).statusCode).toBe(401);
    expect((await api('delegate', 'POST', `/api/groups/${slug()}/liaisons`, body)).statusCode).toBe(403);
    const [first] = await h.ctx.db.select().from(liaisons);
    expect((await api('anonymous', 'PATCH', `/api/liaisons/${first!.id}`, { title: 'Taken' })).statusCode).toBe(401);
    expect((await api('delegate', 'PATCH', `/api/liaisons/${first!.id}`, { title: 'Taken' })).statusCode).toBe(403);
    expect((await agents.delegate.get(`/liaisons/${first!.id}/edit`)).statusCode).toBe(403);
    expect(await countLiaisons()).toBe(before);
    expect((await h.ctx.db.select().from(liaisons).where(eq(liaisons.id, first!.id)))[0]!.title).not.toBe('Taken');
  });

  it('holds direction and purpose to their vocabularies in the database too', async () => {
    const row = { groupId: group.id, fromBody: 'A', toBody: 'B', title: 'C' };
    await expect(h.ctx.db.insert(liaisons).values({ ...row, direction: 'sideways' as 'incoming', purpose: 'action' })).rejects.toThrow();
    await expect(h.ctx.db.insert(liaisons).values({ ...row, direction: 'incoming', purpose: 'gossip' as 'action' })).rejects.toThrow();
  });

  it('keeps the register of a group whose documents are for signed-in accounts from anonymous readers', async () => {
    const row = await createLiaison(h.ctx, secretariat, closed.code, {
      direction: 'incoming',
      fromBody: 'ITU-T SG20',
      toBody: closed.code,
      title: 'Restricted LS',
      purpose: 'information',
    });
    const code = closed.code.toLowerCase();
    // Asked to sign in, as on the group's documents.
    const anonymous = await agents.anonymous.get(`/groups/${code}/liaisons`);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.body).not.toContain('Restricted LS');
    expect((await agents.anonymous.get(`/liaisons/${row.id}`)).statusCode).toBe(401);
    expect((await api('anonymous', 'GET', `/api/groups/${code}/liaisons`)).statusCode).toBe(401);
    expect((await api('anonymous', 'GET', `/api/liaisons/${row.id}`)).statusCode).toBe(401);
    const signedIn = await agents.delegate.get(`/groups/${code}/liaisons`);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.body).toContain('Restricted LS');
  });

  it('reminds the group’s officers before the reply deadline, once each time, and not once replied', async () => {
    const due = await createLiaison(h.ctx, secretariat, group.code, {
      direction: 'incoming',
      fromBody: 'ITU-T SG16',
      toBody: group.code,
      title: 'LS awaiting a reply',
      purpose: 'action',
      replyDeadline: '2023-04-20',
    });
    const answered = await createLiaison(h.ctx, secretariat, group.code, {
      direction: 'incoming',
      fromBody: 'ITU-T SG16',
      toBody: group.code,
      title: 'LS answered in time',
      purpose: 'action',
      replyDeadline: '2023-04-20',
    });
    const mailsAbout = async (title: string) =>
      (await h.ctx.db.select().from(outbox).where(eq(outbox.kind, 'liaison-reply-reminder'))).filter((m) => m.subject?.includes(title));
    await planJobs(h.ctx);
    h.clock.set(mailTimeBefore('2023-04-20', 'UTC', 7));
    await createLiaison(h.ctx, secretariat, group.code, {
      direction: 'outgoing',
      fromBody: group.code,
      toBody: 'ITU-T SG16',
      title: 'Our answer',
      purpose: 'information',
      replyTo: answered.id,
    });
    await runDueJobs(h.ctx);
    await runDueJobs(h.ctx);
    const first = await mailsAbout('LS awaiting a reply');
    expect(first.map((m) => m.toAddress)).toEqual([officer.email]);
    // In the officer's language.
    expect(first[0]!.subject).toContain('réponse');
    expect(await mailsAbout('LS answered in time')).toEqual([]);

    await planJobs(h.ctx);
    h.clock.set(mailTimeBefore('2023-04-20', 'UTC', 0));
    await runDueJobs(h.ctx);
    await planJobs(h.ctx);
    await runDueJobs(h.ctx);
    expect((await mailsAbout('LS awaiting a reply')).length).toBe(2);
    expect(await mailsAbout('LS answered in time')).toEqual([]);

    // A deadline moved: the earlier reminders do not count for the new date, which is reminded in turn.
    await updateLiaison(h.ctx, secretariat, due.id, { replyDeadline: '2023-04-28' });
    await planJobs(h.ctx);
    h.clock.set(mailTimeBefore('2023-04-28', 'UTC', 0));
    await runDueJobs(h.ctx);
    // The day's reminder only: the one of a week before, overtaken, is not sent on the day.
    expect((await mailsAbout('LS awaiting a reply')).length).toBe(3);
    const keyed = await h.ctx.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.kind, 'liaison-reply-reminder'), eq(outbox.toAddress, delegate.email)));
    expect(keyed).toEqual([]);
  });
});
