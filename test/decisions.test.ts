import { and, eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/modules/accounts/api-tokens.ts';
import { publishDraft, saveDraft } from '../src/modules/agendas/service.ts';
import { takesRelated } from '../src/modules/decisions/rules.ts';
import { documentDecisions, itemConclusions } from '../src/modules/decisions/schema.ts';
import { decisionKinds } from '../src/modules/decisions/vocabulary.ts';
import { Agent } from './support/agent.ts';
import { $, $$, $1, formValues, text } from './support/dom.ts';
import {
  type BuiltMeeting,
  buildDocument,
  buildGroup,
  buildMeeting,
  buildPerson,
  type Person,
  secretariatOf,
} from './support/factories.ts';
import { databaseKinds, type Harness, startHarness } from './support/harness.ts';
import { signedInPerson } from './support/people.ts';

describe.each(databaseKinds)('decisions per agenda item (%s)', (kind) => {
  let h: Harness;
  let meeting: BuiltMeeting;
  let session: number;
  let secretariat: Agent;
  let secretariatAuth: Record<string, string>;
  let chair: Agent;
  let delegate: Agent;
  let delegateAuth: Record<string, string>;
  /** The meeting's documents: d1 (a formula-like title), d2, d3 on item 2, d4 on item 3; `foreign` of another meeting. */
  const n: Record<string, string> = {};
  const ids: Record<string, number> = {};
  const formulaTitle = '=HYPERLINK("https://evil.example","click")';

  const editUrl = () => `/meetings/${meeting.id}/sessions/${session}/decisions`;
  const apiUrl = () => `/api/meetings/${meeting.id}/sessions/${session}/decisions`;
  const decisionsOf = async () =>
    Object.fromEntries(
      (await h.ctx.db.select().from(documentDecisions).where(eq(documentDecisions.sessionId, session))).map((r) => [
        r.documentId,
        { decision: r.decision, related: r.relatedDocumentId, note: r.note },
      ]),
    );
  const conclusionsOf = async () =>
    Object.fromEntries(
      (await h.ctx.db.select().from(itemConclusions).where(eq(itemConclusions.sessionId, session))).map((c) => [c.itemNumber, c.text]),
    );
  /** The editing form as the agent's browser would send it, with `changes` typed in. */
  const filledForm = async (agent: Agent, changes: Record<string, string>) => {
    const page = await agent.get(editUrl());
    expect(page.statusCode).toBe(200);
    const values = formValues($1(page, 'form.decisions-editor')) as Record<string, string>;
    return { ...values, ...changes };
  };
  /** The form's row index of a document (rows are numbered in the table's order). */
  const rowOf = async (number: string) => {
    const page = await secretariat.get(editUrl());
    const hidden = $$(page, 'input[type="hidden"][name$="_document"]').find((i) => i.getAttribute('value') === number)!;
    return hidden.getAttribute('name')!.replace(/^r_(\d+)_document$/, '$1');
  };
  const put = (auth: Record<string, string>, body: unknown, lang = 'en') =>
    h.app.inject({ method: 'PUT', url: apiUrl(), headers: { ...auth, 'accept-language': lang }, payload: body as object });

  beforeAll(async () => {
    h = await startHarness(kind, '2023-04-20T08:00:00Z');
    const chairPerson: Person = await buildPerson(h.ctx);
    const group = await buildGroup(h.ctx, {
      subgroups: ['WG1', 'WG2'],
      documentAccess: 'signed-in',
      officers: [{ role: 'chair', accountEmail: chairPerson.email }],
    });
    meeting = await buildMeeting(h.ctx, { group });
    const other = await buildMeeting(h.ctx, { group });
    session = meeting.sessions[0]!.id;
    const docs = {
      d1: await buildDocument(h.ctx, { meeting, title: formulaTitle }),
      d2: await buildDocument(h.ctx, { meeting, title: 'Metaverse use cases' }),
      d3: await buildDocument(h.ctx, { meeting, title: 'Interoperability' }),
      d4: await buildDocument(h.ctx, { meeting, title: 'Metaverse use cases (revised)' }),
      foreign: await buildDocument(h.ctx, { meeting: other, title: 'Elsewhere' }),
    };
    for (const [key, doc] of Object.entries(docs)) {
      n[key] = doc.number;
      ids[key] = doc.id;
    }
    const actor = await secretariatOf(h.ctx);
    await saveDraft(h.ctx, actor, session, {
      items: [
        { title: 'Opening' },
        { title: 'Contributions', documents: [n.d1!, n.d2!, n.d3!] },
        { title: 'Revisions', documents: [n.d4!, n.d2!] },
      ],
    });
    await publishDraft(h.ctx, actor, session);
    secretariat = new Agent(h);
    await secretariat.login(actor.email, actor.password);
    secretariatAuth = { authorization: `Bearer ${await createApiToken(h.ctx, actor)}` };
    chair = new Agent(h);
    await chair.login(chairPerson.email, chairPerson.password);
    ({ agent: delegate, auth: delegateAuth } = await signedInPerson(h));
  }, 60_000);
  afterAll(() => h?.close());

  it("records a session's decisions and conclusions in one save of the table, and saving again changes nothing", async () => {
    const page = await chair.get(editUrl());
    expect(page.statusCode).toBe(200);
    // One row per document, each listed once (d2 is on items 2 and 3: under item 2), every control labelled.
    expect($$(page, 'input[name$="_document"]').map((i) => i.getAttribute('value'))).toEqual([n.d1, n.d2, n.d3, n.d4]);
    for (const control of $$(
      page,
      'form.decisions-editor select, form.decisions-editor input[type="text"], form.decisions-editor textarea',
    ))
      expect($(page, `label[for="${control.getAttribute('id')}"]`), control.getAttribute('name')!).not.toBeNull();
    expect($$(page, 'form.decisions-editor textarea')).toHaveLength(3);

    const form = await filledForm(chair, {
      r_0_decision: 'agreed',
      r_1_decision: 'revised',
      r_1_related: n.d4!.toLowerCase(),
      r_2_decision: 'noted',
      r_2_note: 'With thanks to the contributors',
      c_2_text: 'The meeting agreed to start a draft.',
    });
    const saved = await chair.post(editUrl(), form);
    expect(saved.statusCode, saved.body.slice(0, 500)).toBe(303);
    expect(saved.headers.location).toBe(`/meetings/${meeting.id}/decisions?notice=saved`);
    const expected = {
      [ids.d1!]: { decision: 'agreed', related: null, note: '' },
      [ids.d2!]: { decision: 'revised', related: ids.d4, note: '' },
      [ids.d3!]: { decision: 'noted', related: null, note: 'With thanks to the contributors' },
    };
    expect(await decisionsOf()).toEqual(expected);
    expect(await conclusionsOf()).toEqual({ 2: 'The meeting agreed to start a draft.' });

    // The same form again, and the page sent back unchanged: nothing changes.
    const before = await h.ctx.db.select().from(documentDecisions).where(eq(documentDecisions.sessionId, session));
    expect((await chair.post(editUrl(), form)).statusCode).toBe(303);
    expect((await chair.post(editUrl(), await filledForm(chair, {}))).statusCode).toBe(303);
    expect(await h.ctx.db.select().from(documentDecisions).where(eq(documentDecisions.sessionId, session))).toEqual(before);
    expect(await conclusionsOf()).toEqual({ 2: 'The meeting agreed to start a draft.' });
    // The API, twice with the same body: the same answer, the same rows.
    const body = {
      rows: [{ document: n.d1, decision: 'agreed' }],
      conclusions: [{ item: 2, text: 'The meeting agreed to start a draft.' }],
    };
    const first = await put(secretariatAuth, body);
    expect(first.statusCode, first.body).toBe(200);
    expect((await put(secretariatAuth, body)).json()).toEqual(first.json());
    expect(await decisionsOf()).toEqual(expected);
    expect(first.json().items[1].documents[1]).toMatchObject({ number: n.d2, decision: 'revised', related: { number: n.d4 } });
  });

  it('links a revised document and its revision both ways, on both documents’ pages', async () => {
    const old = await delegate.get(`/documents/${n.d2}`);
    expect(old.statusCode).toBe(200);
    expect(text($1(old, '.decision-links'))).toBe(`Replaced by ${n.d4}`);
    expect($(old, `.decision-links a[href="/documents/${n.d4}"]`)).not.toBeNull();
    const revision = await delegate.get(`/documents/${n.d4}`);
    expect(text($1(revision, '.decision-links'))).toBe(`Revision of ${n.d2}`);
    expect($(await delegate.get(`/documents/${n.d1}`), '.decision-links')).toBeNull();
  });

  it('refuses a merge into a document of another meeting, or into itself, on its field, localized, and writes nothing', async () => {
    const before = await decisionsOf();
    const foreign = await put(secretariatAuth, { rows: [{ document: n.d3, decision: 'merged', related: n.foreign }] }, 'fr');
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json()).toMatchObject({
      code: 'invalid-field',
      errors: [{ field: 'rows.0.related', message: `${n.foreign} n’est pas un document de cette réunion.` }],
    });
    const itself = await put(secretariatAuth, {
      rows: [
        { document: n.d1, decision: 'withdrawn' },
        { document: n.d3, decision: 'merged', related: n.d3 },
      ],
    });
    expect(itself.statusCode).toBe(422);
    expect(itself.json().errors).toEqual([
      { field: 'rows.1.related', message: 'A document cannot be its own revision or be merged into itself.' },
    ]);
    const missing = await put(secretariatAuth, {
      rows: [
        { document: n.d3, decision: 'revised' },
        { document: n.foreign, decision: 'agreed' },
        { document: n.d1, decision: 'noted', related: n.d2 },
      ],
      conclusions: [{ item: 9, text: 'Nowhere' }],
    });
    expect(missing.json().errors).toEqual([
      { field: 'rows.0.related', message: 'Give the number of the revision that replaces it.' },
      { field: 'rows.1.document', message: `${n.foreign} is not allocated to the agenda of this session.` },
      { field: 'rows.2.related', message: 'Only a revised or merged document names another document: leave this empty.' },
      { field: 'conclusions.0.item', message: 'The agenda of this session has no item 9.' },
    ]);
    const long = await put(secretariatAuth, { rows: [{ document: n.d3, decision: 'noted', note: 'x'.repeat(501) }] });
    expect(long.statusCode).toBe(422);
    expect(long.json().errors.map((e: { field: string }) => e.field)).toEqual(['rows.0.note']);
    // The form says it on the row's field and shows what was typed.
    const row = await rowOf(n.d3!);
    const page = await secretariat.post(
      editUrl(),
      await filledForm(secretariat, { [`r_${row}_decision`]: 'merged', [`r_${row}_related`]: n.foreign! }),
    );
    expect(page.statusCode).toBe(422);
    expect(text($1(page, `#f-r_${row}_related-error`))).toBe(`${n.foreign} is not a document of this meeting.`);
    expect($1(page, `#f-r_${row}_related`).getAttribute('value')).toBe(n.foreign);
    expect(await decisionsOf()).toEqual(before);
  });

  it('keeps what two people change on different rows when they save the same table at once', async () => {
    const chairForm = await filledForm(chair, { r_0_decision: 'approved' });
    const row = await rowOf(n.d4!);
    const secretariatForm = await filledForm(secretariat, { [`r_${row}_decision`]: 'postponed', c_3_text: 'To the next meeting.' });
    expect((await chair.post(editUrl(), chairForm)).statusCode).toBe(303);
    expect((await secretariat.post(editUrl(), secretariatForm)).statusCode).toBe(303);
    const now = await decisionsOf();
    expect(now[ids.d1!]!.decision).toBe('approved');
    expect(now[ids.d4!]!.decision).toBe('postponed');
    expect(now[ids.d2!]!.decision).toBe('revised');
    expect(await conclusionsOf()).toEqual({ 2: 'The meeting agreed to start a draft.', 3: 'To the next meeting.' });
    // A decision set back to "not decided" is cleared.
    expect((await chair.post(editUrl(), await filledForm(chair, { [`r_${row}_decision`]: '' }))).statusCode).toBe(303);
    expect((await decisionsOf())[ids.d4!]).toBeUndefined();
  });

  it('refuses a delegate (403) and nobody signed in (401, or the login form), on the page and in the API', async () => {
    const before = await decisionsOf();
    expect((await delegate.get(editUrl())).statusCode).toBe(403);
    expect((await delegate.post(editUrl(), { r_0_document: n.d1!, r_0_decision: 'withdrawn', r_0_was: '' })).statusCode).toBe(403);
    const api = await put(delegateAuth, { rows: [{ document: n.d1, decision: 'withdrawn' }] });
    expect(api.statusCode).toBe(403);
    expect(api.json().code).toBe('forbidden');
    expect((await put({}, { rows: [{ document: n.d1, decision: 'withdrawn' }] })).statusCode).toBe(401);
    const anonymous = await new Agent(h).get(editUrl());
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/login\?next=/);
    expect(await decisionsOf()).toEqual(before);
    // A session of another meeting is not found under this one.
    const elsewhere = await buildMeeting(h.ctx);
    const wrong = await h.app.inject({
      method: 'PUT',
      url: `/api/meetings/${meeting.id}/sessions/${elsewhere.sessions[0]!.id}/decisions`,
      headers: secretariatAuth,
      payload: { rows: [] },
    });
    expect(wrong.statusCode).toBe(404);
  });

  it('shows the agenda with allocation and decisions publicly, without the titles of restricted documents to those not signed in', async () => {
    const anonymous = await h.app.inject({ url: `/meetings/${meeting.id}/decisions` });
    expect(anonymous.statusCode).toBe(200);
    const body = anonymous.body;
    for (const key of ['d1', 'd2', 'd3']) expect(body).toContain(n[key]);
    expect(body).not.toContain('Metaverse use cases');
    expect(body).not.toContain('Interoperability');
    expect(body).not.toContain('Elsewhere');
    expect(text($1(anonymous, `#s${session}-item-2`))).toContain(`Revised Replaced by ${n.d4}`);
    expect(text($1(anonymous, `#s${session}-item-2 .decision-conclusion`))).toContain('The meeting agreed to start a draft.');
    // The meeting's tab leads here; the staff link to the editing page is only the secretariat's.
    expect($(anonymous, `nav.tabs a[href="/meetings/${meeting.id}/decisions"]`)).not.toBeNull();
    expect($(anonymous, `a[href="${editUrl()}"]`)).toBeNull();
    expect($(await secretariat.get(`/meetings/${meeting.id}`), `a[href="${editUrl()}"]`)).not.toBeNull();
    const signedIn = await delegate.get(`/meetings/${meeting.id}/decisions`);
    expect(signedIn.body).toContain('Metaverse use cases');
    expect($(signedIn, `a[href="${editUrl()}"]`)).toBeNull();
    // The chair finds the editing page among their tools.
    const tools = $$(await chair.get(`/meetings/${meeting.id}`), '#officer-tools li').map(text);
    expect(tools).toContain('Record decisions: Working Group 1 · 3 of 4 documents decided');

    const api = (await h.app.inject({ url: `/api/meetings/${meeting.id}/decisions` })).json();
    const item2 = api.sessions[0].items[1];
    expect(item2.documents.map((d: { title: string }) => d.title)).toEqual(['', '', '']);
    expect(item2.documents[1]).toMatchObject({ number: n.d2, decision: 'revised', related: { number: n.d4, title: '' } });
    expect(api.sessions[1]).toMatchObject({ agenda: null, items: [] });
    expect((await h.app.inject({ url: '/api/meetings/999999/decisions' })).statusCode).toBe(404);
  });

  it('exports the table as CSV and XLSX, formula-like text neutralised, titles only for those who may read them', async () => {
    const csv = await delegate.get(`/meetings/${meeting.id}/decisions.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Session,Item,Item title,Document,Title,Decision,Revision / merged into,Note,Conclusion');
    expect(lines[1]).toBe('WG1,1,Opening,,,,,,');
    expect(lines[2]).toBe(
      `WG1,2,Contributions,${n.d1},"'=HYPERLINK(""https://evil.example"",""click"")",Approved,,,The meeting agreed to start a draft.`,
    );
    expect(lines[3]).toBe(`WG1,2,Contributions,${n.d2},Metaverse use cases,Revised,${n.d4},,The meeting agreed to start a draft.`);
    expect(lines).toContain(`WG1,3,Revisions,${n.d4},Metaverse use cases (revised),,,,To the next meeting.`);
    const anonymous = await h.app.inject({ url: `/meetings/${meeting.id}/decisions.csv` });
    expect(anonymous.body).toContain(n.d2);
    expect(anonymous.body).not.toContain('Metaverse use cases');

    const xlsx = await delegate.get(`/meetings/${meeting.id}/decisions.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const files = unzipSync(new Uint8Array(xlsx.rawPayload));
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(strFromU8(files['xl/workbook.xml']!)).toContain('name="Decisions"');
    const cells = [...sheet.matchAll(/<c r="([A-Z]+\d+)"([^>]*)>(?:<is><t[^>]*>([^<]*)<\/t><\/is>|<v>([^<]*)<\/v>)<\/c>/g)].map((m) => ({
      ref: m[1],
      quoted: m[2]!.includes('s="2"'),
      value: m[3] ?? m[4],
    }));
    const at = (ref: string) => cells.find((c) => c.ref === ref);
    expect(at('A1')?.value).toBe('Session');
    expect(at('D3')?.value).toBe(n.d1);
    // Kept as typed, as text that starts like a formula (the quote-prefix style), never a formula.
    expect(at('E3')).toEqual({ ref: 'E3', quoted: true, value: '=HYPERLINK(&quot;https://evil.example&quot;,&quot;click&quot;)' });
    expect(sheet).not.toContain('<f>');
    expect(at('F4')?.value).toBe('Revised');
    expect(at('G4')?.value).toBe(n.d4);
    expect(at('B3')?.value).toBe('2');
  });

  it('has the database refuse a decision outside the vocabulary, and a document related to itself', async () => {
    const other = meeting.sessions[1]!.id;
    const insert = (decision: string, related: number | null) =>
      h.database.exec(
        `INSERT INTO document_decisions (session_id, document_id, decision, related_document_id) VALUES (${other}, ${ids.d1}, '${decision}', ${related ?? 'NULL'})`,
      );
    await expect(insert('rejected', null)).rejects.toThrow(/document_decisions_decision_check/);
    await expect(insert('agreed ', null)).rejects.toThrow(/document_decisions_decision_check/);
    await expect(insert('merged', ids.d1!)).rejects.toThrow(/document_decisions_not_itself_check/);
    for (const decision of decisionKinds) {
      await h.database.exec(`DELETE FROM document_decisions WHERE session_id = ${other}`);
      await insert(decision, takesRelated(decision) ? ids.d2! : null);
    }
    const [row] = await h.ctx.db
      .select()
      .from(documentDecisions)
      .where(and(eq(documentDecisions.sessionId, other), eq(documentDecisions.documentId, ids.d1!)));
    expect(row?.decision).toBe('not-treated');
  });
});
