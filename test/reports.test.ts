import { eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/modules/accounts/api-tokens.ts';
import { publishDraft, saveDraft } from '../src/modules/agendas/service.ts';
import { saveSessionDecisions } from '../src/modules/decisions/service.ts';
import { composeReport } from '../src/modules/reports/compose.ts';
import { renderReportDocx } from '../src/modules/reports/docx.ts';
import { renderReportPdf } from '../src/modules/reports/pdf.ts';
import { meetingReports } from '../src/modules/reports/schema.ts';
import { draftReport } from '../src/modules/reports/service.ts';
import { translator } from '../src/platform/i18n/index.ts';
import { Agent } from './support/agent.ts';
import { $$, $1, text } from './support/dom.ts';
import {
  type BuiltMeeting,
  buildDocument,
  buildGroup,
  buildMeeting,
  buildPerson,
  buildRegistration,
  type Person,
  secretariatOf,
} from './support/factories.ts';
import { databaseKinds, type Harness, startHarness } from './support/harness.ts';
import { inspectPdf } from './support/pdf.ts';
import { signedInPerson } from './support/people.ts';

describe.each(databaseKinds)('the meeting report (%s)', (kind) => {
  let h: Harness;
  let meeting: BuiltMeeting;
  let next: BuiltMeeting;
  let session: number;
  let secretariat: Agent;
  let secretariatAuth: Record<string, string>;
  let delegate: Agent;
  let delegateAuth: Record<string, string>;
  let chairPerson: Person;
  const n: Record<string, string> = {};
  const title = 'Report test meeting';

  const api = (path: string, auth: Record<string, string>, method: 'GET' | 'PUT' | 'POST' = 'GET', payload?: object) =>
    h.app.inject({ method, url: `/api/meetings/${meeting.id}${path}`, headers: auth, payload });
  const decide = (decision: 'agreed' | 'noted') =>
    secretariatOf(h.ctx).then((actor) =>
      saveSessionDecisions(h.ctx, actor, meeting.id, session, { rows: [{ document: n.d1!, decision }] }),
    );

  beforeAll(async () => {
    h = await startHarness(kind, '2023-04-20T08:00:00Z');
    chairPerson = await buildPerson(h.ctx);
    const group = await buildGroup(h.ctx, {
      subgroups: ['WG1'],
      officers: [
        { role: 'chair', name: 'Ada Lovelace', affiliation: 'Analytical Engines', country: 'GB', accountEmail: chairPerson.email },
        { role: 'vice-chair', name: 'Old Chair', untilDate: '2020-01-01' },
      ],
    });
    meeting = await buildMeeting(h.ctx, { group, title: { en: title, fr: 'Réunion du rapport' }, languages: ['en', 'fr'] });
    next = await buildMeeting(h.ctx, { group, startsIn: 200, title: { en: 'The next one' } });
    session = meeting.sessions[0]!.id;
    for (const [country, mode] of [
      ['CH', 'in-person'],
      ['CH', 'remote'],
      ['FR', 'in-person'],
    ] as const)
      await buildRegistration(h.ctx, { meeting, person: await buildPerson(h.ctx, { country }), mode });
    const docs = {
      d1: await buildDocument(h.ctx, { meeting, title: 'Use cases of the metaverse' }),
      d2: await buildDocument(h.ctx, { meeting, title: 'Interoperability' }),
      o1: await buildDocument(h.ctx, { meeting, type: 'O', title: 'Draft technical report' }),
    };
    for (const [key, doc] of Object.entries(docs)) n[key] = doc.number;
    const actor = await secretariatOf(h.ctx);
    await saveDraft(h.ctx, actor, session, { items: [{ title: 'Opening' }, { title: 'Contributions', documents: [n.d1!, n.d2!] }] });
    await publishDraft(h.ctx, actor, session);
    await saveSessionDecisions(h.ctx, actor, meeting.id, session, {
      rows: [{ document: n.d1!, decision: 'agreed' }],
      conclusions: [{ item: 2, text: 'Work starts on a draft.' }],
    });
    secretariat = new Agent(h);
    await secretariat.login(actor.email, actor.password);
    secretariatAuth = { authorization: `Bearer ${await createApiToken(h.ctx, actor)}` };
    ({ agent: delegate, auth: delegateAuth } = await signedInPerson(h));
  }, 60_000);
  afterAll(() => h?.close());

  it('gathers the facts: registered attendance by mode and country, chairs in office, decisions per item, outputs, the next meeting', async () => {
    const { facts } = await draftReport(h.ctx, await secretariatOf(h.ctx), meeting.id);
    expect(facts.attendance).toEqual({
      total: 3,
      byMode: [
        { key: 'in-person', count: 2 },
        { key: 'remote', count: 1 },
      ],
      byCountry: [
        { key: 'CH', count: 2 },
        { key: 'FR', count: 1 },
      ],
      waitlisted: 0,
    });
    expect(facts.chairs).toEqual([{ role: 'chair', name: 'Ada Lovelace', affiliation: 'Analytical Engines', country: 'GB' }]);
    expect(facts.documents.total).toBe(3);
    expect(facts.documents.byType).toEqual([
      { key: 'I', count: 2 },
      { key: 'O', count: 1 },
    ]);
    expect(facts.documents.contributions.map((c) => c.number)).toEqual([n.d1, n.d2]);
    const item = facts.sessions[0]!.items[1]!;
    expect(item.conclusion).toBe('Work starts on a draft.');
    expect(item.documents.map((d) => [d.number, d.decision])).toEqual([
      [n.d1, 'agreed'],
      [n.d2, null],
    ]);
    expect(facts.outputs).toEqual([{ number: n.o1, title: 'Draft technical report' }]);
    expect(facts.next?.title).toEqual(next.meeting.title);
    expect(facts.next?.firstDay).toBe(next.firstDay);
  });

  it('keeps the draft for the secretariat: a delegate is refused, nobody signed in must sign in', async () => {
    expect((await api('/report', delegateAuth)).statusCode).toBe(403);
    expect((await api('/report', {})).statusCode).toBe(401);
    expect((await api('/report', delegateAuth, 'PUT', { opening: { en: 'No.' } })).statusCode).toBe(403);
    expect((await api('/report/issue', {}, 'POST')).statusCode).toBe(401);
    expect((await api('/report/issue', delegateAuth, 'POST')).statusCode).toBe(403);
    for (const url of ['', '/draft.pdf', '/draft.docx']) {
      expect((await delegate.get(`/meetings/${meeting.id}/report${url}`)).statusCode, url).toBe(403);
      const anonymous = await new Agent(h).get(`/meetings/${meeting.id}/report${url}`);
      expect(anonymous.statusCode, url).toBe(303);
      expect(anonymous.headers.location).toMatch(/^\/login/);
    }
    const page = await delegate.post(`/meetings/${meeting.id}/report`, { lang: 'en', text_opening: 'Mine' });
    expect(page.statusCode).toBe(403);
    // The group's chair reads the issued versions, not the draft.
    const chair = new Agent(h);
    await chair.login(chairPerson.email, chairPerson.password);
    expect((await chair.get(`/meetings/${meeting.id}/report`)).statusCode).toBe(403);
    expect((await chair.get(`/meetings/${meeting.id}`)).body).not.toContain(`/meetings/${meeting.id}/report"`);
    expect((await api('/report', secretariatAuth)).statusCode).toBe(200);
  });

  it('shows the draft with texts written per language on its page (no script), French labels with ?lang=fr', async () => {
    const saved = await secretariat.post(`/meetings/${meeting.id}/report?lang=fr`, {
      lang: 'fr',
      text_opening: 'La réunion est ouverte par la présidente.',
      text_summary: '',
      text_aob: 'Aucune.',
    });
    expect(saved.statusCode, saved.body.slice(0, 300)).toBe(303);
    expect(saved.headers.location).toBe(`/meetings/${meeting.id}/report?lang=fr&notice=saved`);
    const fr = await secretariat.get(`/meetings/${meeting.id}/report?lang=fr`);
    expect(fr.statusCode).toBe(200);
    // The preview sits under the page's own headings: one h1, the report's title an h3.
    expect($$(fr, 'h1')).toHaveLength(1);
    expect($1(fr, 'article.meeting-report > h3').textContent).toContain('Rapport de la réunion');
    const article = $1(fr, 'article.meeting-report');
    expect(article.getAttribute('lang')).toBe('fr');
    const body = text(article);
    expect(body).toContain('Rapport de la réunion Réunion du rapport');
    expect(body).toContain('Documents reçus');
    expect(body).toContain('3 participants se sont inscrits à la réunion.');
    expect(body).toContain('La réunion est ouverte par la présidente.');
    expect(body).toContain('Accepté');
    expect(body).toContain('Prochaine réunion');
    // English keeps its own (empty) texts: the placeholder.
    const en = (await api('/report?lang=en', secretariatAuth)).json();
    expect(en.lang).toBe('en');
    expect(en.texts.opening).toEqual({ fr: 'La réunion est ouverte par la présidente.' });
    expect(en.blocks.some((b: { text?: string }) => b.text === '(To be written by the secretariat.)')).toBe(true);
    // A language the meeting does not work in falls back to one it does.
    expect((await api('/report?lang=zh', secretariatAuth)).json().lang).toBe('en');
    // Through the API: a language replaced, the others kept.
    const put = await api('/report', secretariatAuth, 'PUT', { summary: { en: 'A good meeting.' } });
    expect(put.statusCode).toBe(200);
    expect(put.json().texts).toEqual({
      opening: { fr: 'La réunion est ouverte par la présidente.' },
      summary: { en: 'A good meeting.' },
      aob: { fr: 'Aucune.' },
    });
    const tooLong = await api('/report', secretariatAuth, 'PUT', { summary: { en: 'x'.repeat(20_001) } });
    expect(tooLong.statusCode).toBe(422);
    // On the page: the form again, with the error on the field and what was typed.
    const refused = await secretariat.post(`/meetings/${meeting.id}/report?lang=en`, { lang: 'en', text_summary: 'y'.repeat(20_001) });
    expect(refused.statusCode).toBe(422);
    expect($1(refused, '.field.has-error textarea').getAttribute('name')).toBe('text_summary');
    expect(text($1(refused, 'textarea[name="text_summary"]'))).toHaveLength(20_001);
    expect((await api('/report', secretariatAuth)).json().texts.summary).toEqual({ en: 'A good meeting.' });
  });

  it('issues version 1, then 2; an issued version stays as it was when later decisions change', async () => {
    expect((await api('/reports', {})).json()).toEqual({ versions: [] });
    // On the page: a confirmation first.
    const ask = await secretariat.post(`/meetings/${meeting.id}/report/issue`, {});
    expect(ask.statusCode).toBe(200);
    // (In the language last asked for with ?lang: the secretariat's pages follow it.)
    expect(ask.body).toContain('name="_confirmed"');
    const issued = await secretariat.post(`/meetings/${meeting.id}/report/issue`, { _confirmed: '1' });
    expect(issued.statusCode).toBe(303);
    await decide('noted');
    const second = await api('/report/issue', secretariatAuth, 'POST');
    expect(second.statusCode).toBe(201);
    expect(second.json().version).toBe(2);
    const list = (await api('/reports', {})).json();
    expect(list.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(Object.keys(list.versions[0].pdf)).toEqual(['en', 'fr']);

    const v1 = await new Agent(h).get(`/meetings/${meeting.id}/reports/1`);
    expect(v1.statusCode).toBe(200);
    const v1Text = text($1(v1, 'article.meeting-report'));
    expect(v1Text).toContain('Agreed');
    expect(v1Text).not.toContain('Noted');
    expect(v1.body).toContain('A later version of this report has been issued.');
    const v2Text = text($1(await new Agent(h).get(`/meetings/${meeting.id}/reports/2`), 'article.meeting-report'));
    expect(v2Text).toContain('Noted');
    expect(v2Text).toContain('A good meeting.');
    expect((await new Agent(h).get(`/meetings/${meeting.id}/reports/3`)).statusCode).toBe(404);
    // The meeting page links to the latest.
    const page = await new Agent(h).get(`/meetings/${meeting.id}`);
    expect(page.body).toContain(`/meetings/${meeting.id}/reports/2`);
    await decide('agreed');
  });

  it('renders an issued version as a PDF with its text and as a .docx with the meeting’s title', async () => {
    const pdf = await new Agent(h).get(`/meetings/${meeting.id}/reports/1/report.pdf?lang=fr`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const facts = await inspectPdf(pdf.rawPayload);
    expect(facts.lang).toBe('fr');
    const all = facts.text.join('\n').replace(/\s+/g, ' ');
    expect(all).toContain('Réunion du rapport');
    expect(all).toContain('Documents reçus');
    expect(all).toContain(n.d1);
    expect(facts.fonts.every((f) => f.embedded)).toBe(true);

    // Rendered once and kept in the file store: the same bytes again.
    const again = await new Agent(h).get(`/meetings/${meeting.id}/reports/1/report.pdf?lang=fr`);
    expect(again.rawPayload.equals(pdf.rawPayload)).toBe(true);
    const [kept] = await h.ctx.db.select({ files: meetingReports.files }).from(meetingReports).where(eq(meetingReports.version, 1));
    expect(Object.keys(kept!.files)).toEqual(['pdf:fr']);
    const docx = await new Agent(h).get(`/meetings/${meeting.id}/reports/2/report.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const files = unzipSync(new Uint8Array(docx.rawPayload));
    const xml = strFromU8(files['word/document.xml']!);
    expect(xml).toContain(title);
    expect(xml).toContain(n.o1);
    expect(xml).toContain('A good meeting.');

    const draft = await secretariat.get(`/meetings/${meeting.id}/report/draft.docx?lang=fr`);
    expect(draft.statusCode).toBe(200);
    expect(strFromU8(unzipSync(new Uint8Array(draft.rawPayload))['word/document.xml']!)).toContain('Projet à compléter');
  }, 60_000);

  it('typesets the report in Arabic (right to left) and Chinese', async () => {
    const { facts, texts } = await draftReport(h.ctx, await secretariatOf(h.ctx), meeting.id);
    for (const locale of ['ar', 'zh'] as const) {
      const report = composeReport(facts, texts, { draft: true }, locale, translator(locale));
      const pdf = await inspectPdf(await renderReportPdf(report));
      expect(pdf.lang, locale).toMatch(new RegExp(`^${locale}`));
      expect(pdf.fonts.every((f) => f.embedded)).toBe(true);
      if (locale === 'zh') expect(pdf.text.join('').replace(/\s+/g, '')).toContain('收到的文件');
      const docx = strFromU8(unzipSync(new Uint8Array(await renderReportDocx(report)))['word/document.xml']!);
      expect(docx).toContain(report.title);
      if (locale === 'ar') expect(docx).toContain('<w:bidi/>');
    }
  }, 60_000);

  it('answers 404 for a meeting that does not exist', async () => {
    expect((await h.app.inject({ url: '/api/meetings/999999/report', headers: secretariatAuth })).statusCode).toBe(404);
    expect((await h.app.inject({ url: '/api/meetings/999999/reports' })).statusCode).toBe(404);
  });
});

describe.each(databaseKinds)('issued reports of a group whose documents are for members (%s)', (kind) => {
  let h: Harness;
  afterAll(() => h?.close());

  it('are read only by those signed in, as the group’s documents are', async () => {
    h = await startHarness(kind, '2023-04-20T08:00:00Z');
    const meeting = await buildMeeting(h.ctx, { group: { documentAccess: 'signed-in' } });
    const actor = await secretariatOf(h.ctx);
    const token = { authorization: `Bearer ${await createApiToken(h.ctx, actor)}` };
    expect((await h.app.inject({ method: 'POST', url: `/api/meetings/${meeting.id}/report/issue`, headers: token })).statusCode).toBe(201);
    expect((await h.app.inject({ url: `/api/meetings/${meeting.id}/reports` })).statusCode).toBe(401);
    const anonymous = await new Agent(h).get(`/meetings/${meeting.id}/reports/1`);
    expect(anonymous.statusCode).toBe(401);
    expect((await new Agent(h).get(`/meetings/${meeting.id}`)).body).not.toContain(`/meetings/${meeting.id}/reports/1`);
    const { agent, auth } = await signedInPerson(h);
    expect((await h.app.inject({ url: `/api/meetings/${meeting.id}/reports`, headers: auth })).statusCode).toBe(200);
    expect((await agent.get(`/meetings/${meeting.id}/reports/1`)).statusCode).toBe(200);
  }, 60_000);
});
