import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/modules/accounts/api-tokens.ts';
import { documentRevisions, documents } from '../src/modules/documents/schema.ts';
import { displayFileName } from '../src/platform/files/sniff.ts';
import { Agent, multipartBody } from './support/agent.ts';
import { contributionFields, pdfBytes } from './support/documents.ts';
import { buildMeeting, buildPerson } from './support/factories.ts';
import { databaseKinds, type Harness, startHarness } from './support/harness.ts';

// Every bidi control a file name could use to disguise itself: marks, embeddings, overrides, isolates.
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
// Shows as "contributionfdp.docx" — it is a PDF.
const DISGUISED = 'contribution\u202Excod.pdf';

describe.each(databaseKinds)('file names with bidi controls (%s)', (kind) => {
  let h: Harness;
  let meetingId: number;

  beforeAll(async () => {
    h = await startHarness(kind, '2023-04-20T08:00:00Z');
    meetingId = (await buildMeeting(h.ctx, { group: { subgroups: ['WG5'] } })).id;
  });
  afterAll(() => h.close());

  const submit = async (filename: string, title: string) => {
    const user = await buildPerson(h.ctx, { category: 'member-state' });
    const form = new FormData();
    for (const [k, v] of Object.entries({ title, sources: 'ETRI', workingGroups: 'WG5', contacts: '[]' })) form.append(k, v);
    form.append('file', new Blob([pdfBytes(title) as BlobPart]), filename);
    const { payload, contentType } = await multipartBody(form);
    const auth = { authorization: `Bearer ${await createApiToken(h.ctx, user)}` };
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/meetings/${meetingId}/documents`,
      payload,
      headers: { ...auth, 'content-type': contentType },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().number as string;
  };

  it.each([
    ['U+202E (right-to-left override)', DISGUISED, 'contributionxcod.pdf'],
    ['every other bidi control', 'a\u202Ab\u202Bc\u202Cd\u202De\u2066f\u2067g\u2068h\u2069i\u200Ej\u200Fk\u061Cl.pdf', 'abcdefghijkl.pdf'],
    ['a decomposed accent (kept, as NFC)', 'Re\u0301sume\u0301.pdf', 'Résumé.pdf'],
  ])('keeps a name with %s without the controls, on the page, in the API and in the download', async (_what, filename, kept) => {
    const number = await submit(filename, `Bidi ${kept}`);
    const [doc] = await h.ctx.db.select().from(documents).where(eq(documents.number, number));
    const [revision] = await h.ctx.db.select().from(documentRevisions).where(eq(documentRevisions.documentId, doc!.id));
    expect(revision!.filename).toBe(kept);

    const page = await h.app.inject({ url: `/documents/${number}` });
    expect(page.body).not.toMatch(BIDI);
    expect(page.body).toContain(`<bdi>${kept}</bdi>`);
    const api = await h.app.inject({ url: `/api/documents/${number}` });
    expect(api.json().revisions[0].filename).toBe(kept);
    const download = await h.app.inject({ url: `/documents/${number}/file` });
    expect(decodeURIComponent(download.headers['content-disposition'] as string)).not.toMatch(BIDI);
  });

  it('shows a name stored with an override by an earlier version without it, isolated', async () => {
    const number = await submit('plain.pdf', 'Stored before');
    const [doc] = await h.ctx.db.select().from(documents).where(eq(documents.number, number));
    await h.ctx.db.update(documentRevisions).set({ filename: DISGUISED }).where(eq(documentRevisions.documentId, doc!.id));
    const page = await h.app.inject({ url: `/documents/${number}` });
    expect(page.body).not.toMatch(BIDI);
    expect(page.body).toContain('<bdi>contributionxcod.pdf</bdi>');
    expect((await h.app.inject({ url: `/api/documents/${number}` })).json().revisions[0].filename).toBe('contributionxcod.pdf');
    const disposition = (await h.app.inject({ url: `/documents/${number}/file` })).headers['content-disposition'] as string;
    expect(disposition).toBe(`attachment; filename="contributionxcod.pdf"; filename*=UTF-8''contributionxcod.pdf`);
  });

  it('refuses a name that is nothing but controls, and stores nothing', async () => {
    const user = await buildPerson(h.ctx, { category: 'member-state' });
    const agent = new Agent(h);
    await agent.login(user.email, user.password);
    const before = (await h.ctx.db.select({ id: documents.id }).from(documents)).length;
    const res = await agent.upload(`/meetings/${meetingId}/documents`, contributionFields('Only controls'), {
      name: '\u202E\u2066',
      content: pdfBytes('controls'),
    });
    expect(res.statusCode).toBe(422);
    expect((await h.ctx.db.select({ id: documents.id }).from(documents)).length).toBe(before);
  });

  it('strips bidi controls for display and nothing else', () => {
    expect(displayFileName('تقرير\u200F.pdf')).toBe('تقرير.pdf');
    expect(displayFileName('会议 notes (v2).docx')).toBe('会议 notes (v2).docx');
  });
});
