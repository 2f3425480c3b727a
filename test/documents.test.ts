import { eq } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/modules/accounts/api-tokens.ts';
import { documentCounters, documents } from '../src/modules/documents/schema.ts';
import { groups } from '../src/modules/groups/schema.ts';
import { meetings } from '../src/modules/meetings/schema.ts';
import { Agent, multipartBody } from './support/agent.ts';
import { contributionFields, docxWith, pdfBytes, plainZip } from './support/documents.ts';
import { $$, $1, text } from './support/dom.ts';
import { buildMeeting, secretariatOf } from './support/factories.ts';
import { databaseKinds, type Harness, startHarness } from './support/harness.ts';
import { signedInPerson } from './support/people.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe.each(databaseKinds)('documents (%s)', (kind) => {
  let h: Harness;
  let meetingId: number;
  let secretariat: Agent;
  let secretariatAuth: Record<string, string>;

  beforeAll(async () => {
    h = await startHarness(kind, '2023-04-20T08:00:00Z');
    // FG-MV (documents FGMV-…) meeting on 9–10 May 2023, contributions due on 2 May.
    meetingId = (
      await buildMeeting(h.ctx, {
        group: { code: 'FG-MV', subgroups: ['WG5', 'WG6', 'WG8'] },
        startsIn: '2023-05-09',
        deadlines: { contributions: '2023-05-02' },
      })
    ).id;
    const staff = await secretariatOf(h.ctx);
    secretariat = new Agent(h);
    await secretariat.login(staff.email, staff.password);
    secretariatAuth = { authorization: `Bearer ${await createApiToken(h.ctx, staff)}` };
  });
  afterAll(() => h.close());

  const apiSubmit = async (auth: Record<string, string>, fields: Record<string, string>, file: { name: string; content: Uint8Array }) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob([file.content as BlobPart]), file.name);
    const { payload, contentType } = await multipartBody(form);
    return h.app.inject({
      method: 'POST',
      url: `/api/meetings/${meetingId}/documents`,
      payload,
      headers: { ...auth, 'content-type': contentType },
    });
  };
  const apiFields = (title: string) => ({
    title,
    sources: 'ETRI',
    workingGroups: 'WG5,WG6',
    contacts: JSON.stringify([{ name: 'Kim Min', organization: 'ETRI', email: 'kim@example.org' }]),
  });
  const countDocs = async () => (await h.ctx.db.select({ id: documents.id }).from(documents)).length;

  it('takes a contribution from the web form, numbers it, lists it on the meeting page and serves the file safely', async () => {
    const { agent } = await signedInPerson(h);
    const file = await docxWith(['Interoperability of avatars across platforms.', '数字孪生和元宇宙的互操作性']);
    const res = await agent.upload(`/meetings/${meetingId}/documents`, contributionFields('Avatar interoperability'), {
      name: 'avatar interop.docx',
      content: file,
    });
    expect(res.statusCode).toBe(303);
    const number = res.headers.location!.match(/\/documents\/([^?]+)/)![1]!;
    expect(number).toMatch(/^FGMV-I-\d{3}$/);

    const page = await agent.get(`/documents/${number}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Avatar interoperability');
    expect(page.body).toContain('China Mobile; Huawei');
    expect(page.body).toContain('avatar interop.docx');

    const meetingPage = await h.app.inject({ url: `/meetings/${meetingId}` });
    expect(meetingPage.body).toContain(number);
    expect(meetingPage.body).toContain('Avatar interoperability');
    // Every column sorts; the active one says how (aria-sort) and shows ▲ or ▼, the others a neutral ↕, none read out.
    const headers = (html: string) =>
      $$(html, 'table.documents thead th').map((th) => [
        th.getAttribute('aria-sort') ?? '',
        text(th.querySelector('[aria-hidden="true"]')),
      ]);
    expect(headers(meetingPage.body)).toEqual([['ascending', '▲'], ...Array(4).fill(['', '↕'])]);
    const byDate = await h.app.inject({ url: `/meetings/${meetingId}?sort=date&desc=1` });
    expect(headers(byDate.body)).toEqual([...Array(4).fill(['', '↕']), ['descending', '▼']]);
    expect($1(byDate.body, 'table.documents th[aria-sort] a').getAttribute('href')).toBe(`/meetings/${meetingId}?sort=date#documents`);

    const download = await h.app.inject({ url: `/documents/${number}/file` });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe(DOCX);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="avatar interop.docx"; filename*=UTF-8''avatar%20interop.docx`,
    );
    expect(download.rawPayload.equals(file)).toBe(true);
  });

  it('splits lists typed with Arabic or full-width separators', async () => {
    const { agent } = await signedInPerson(h);
    const fields = { ...contributionFields('Separators'), sources: 'China Mobile، Huawei؛ ETRI', keywords: '元宇宙，数字孪生、触觉' };
    const res = await agent.upload(`/meetings/${meetingId}/documents`, fields, { name: 'sep.pdf', content: pdfBytes() });
    expect(res.statusCode).toBe(303);
    const number = res.headers.location!.match(/\/documents\/([^?]+)/)![1]!;
    const doc = (await h.app.inject({ url: `/api/documents/${number}` })).json();
    expect(doc.sources).toEqual(['China Mobile', 'Huawei', 'ETRI']);
    expect(doc.keywords).toEqual(['元宇宙', '数字孪生', '触觉']);
  });

  it('refuses a form without its CSRF field and stores nothing', async () => {
    const { agent } = await signedInPerson(h);
    const before = await countDocs();
    const res = await agent.upload(
      `/meetings/${meetingId}/documents`,
      contributionFields('Forged'),
      { name: 'x.pdf', content: pdfBytes() },
      { csrf: false },
    );
    expect(res.statusCode).toBe(403);
    expect(await countDocs()).toBe(before);
  });

  it('refuses forbidden types, content that does not match the extension, missing fields and oversize files, changing nothing', async () => {
    const { agent, auth } = await signedInPerson(h);
    const before = await countDocs();
    const [counter] = await h.ctx.db.select().from(documentCounters);
    const exe = await agent.upload(`/meetings/${meetingId}/documents`, contributionFields('Exe'), {
      name: 'setup.exe',
      content: Buffer.from('MZ\x90\x00'),
    });
    expect(exe.statusCode).toBe(422);
    expect(exe.body).toContain('This type of file is not accepted');
    const fake = await apiSubmit(auth, apiFields('Fake docx'), { name: 'report.docx', content: pdfBytes() });
    expect(fake.statusCode).toBe(422);
    expect(fake.json()).toMatchObject({ code: 'invalid-field', errors: [{ field: 'file' }] });
    const zipAsDocx = await apiSubmit(auth, apiFields('Zip as docx'), { name: 'report.docx', content: plainZip() });
    expect(zipAsDocx.statusCode).toBe(422);
    const noTitle = await apiSubmit(auth, { ...apiFields(''), title: '' }, { name: 'a.pdf', content: pdfBytes('no title') });
    expect(noTitle.statusCode).toBe(422);
    expect(noTitle.json().errors.map((e: { field: string }) => e.field)).toContain('title');
    const badWg = await apiSubmit(auth, { ...apiFields('Bad WG'), workingGroups: 'WG42' }, { name: 'a.pdf', content: pdfBytes('bad wg') });
    expect(badWg.statusCode).toBe(422);
    const big = new Uint8Array(50 * 1024 * 1024 + 10);
    big.set(Buffer.from('%PDF-1.4'));
    const oversize = await apiSubmit(auth, apiFields('Huge'), { name: 'huge.pdf', content: big });
    expect(oversize.statusCode).toBe(413);
    expect(oversize.json()).toMatchObject({ code: 'file-too-large' });
    expect(await countDocs()).toBe(before);
    // Refused submissions take no number.
    const [after] = await h.ctx.db.select().from(documentCounters);
    expect(after?.last).toBe(counter?.last);
  });

  it('numbers 50 concurrent submissions without gaps or duplicates, per type', async () => {
    const people = await Promise.all(Array.from({ length: 10 }, () => signedInPerson(h)));
    const before = (await h.ctx.db.select().from(documentCounters).where(eq(documentCounters.type, 'I')))[0]?.last ?? 0;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        apiSubmit(people[i % 10]!.auth, apiFields(`Concurrent ${i}`), { name: `c${i}.pdf`, content: pdfBytes(`concurrent ${i}`) }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(50).fill(201));
    const numbers = results.map((r) => r.json().number as string).sort();
    const expected = Array.from({ length: 50 }, (_, i) => `FGMV-I-${String(before + i + 1).padStart(3, '0')}`);
    expect(numbers).toEqual(expected);
    // A temporary document starts its own sequence.
    const td = await apiSubmit(
      secretariatAuth,
      { ...apiFields('Draft agenda'), type: 'TD' },
      { name: 'agenda.pdf', content: pdfBytes('agenda') },
    );
    expect(td.statusCode).toBe(201);
    expect(td.json().number).toBe('FGMV-TD-001');
    // Participants submit contributions only.
    const { auth } = await signedInPerson(h);
    expect((await apiSubmit(auth, { ...apiFields('Output?'), type: 'O' }, { name: 'o.pdf', content: pdfBytes('o') })).statusCode).toBe(403);
  });

  it('keeps every revision under the same number, lets only the owner or staff change a document, and marks it withdrawn', async () => {
    const owner = await signedInPerson(h);
    const other = await signedInPerson(h);
    const created = await apiSubmit(owner.auth, apiFields('Revisable'), { name: 'v0.pdf', content: pdfBytes('first') });
    const number = created.json().number as string;
    const rev = await owner.agent.upload(`/documents/${number}/revise`, {}, { name: 'v1.pdf', content: pdfBytes('second') });
    expect(rev.statusCode).toBe(303);
    const api = (await h.app.inject({ url: `/api/documents/${number}` })).json();
    expect(api.revision).toBe(1);
    expect(api.revisions.map((r: { revision: number; filename: string }) => [r.revision, r.filename])).toEqual([
      [1, 'v1.pdf'],
      [0, 'v0.pdf'],
    ]);
    expect((await h.app.inject({ url: `/documents/${number}/rev/0/file` })).rawPayload.toString()).toContain('first');
    expect((await h.app.inject({ url: `/documents/${number}/file` })).rawPayload.toString()).toContain('second');
    expect((await h.app.inject({ url: `/documents/${number}/rev/7/file` })).statusCode).toBe(404);

    // Another participant may not revise, edit or withdraw it.
    expect((await other.agent.upload(`/documents/${number}/revise`, {}, { name: 'evil.pdf', content: pdfBytes('evil') })).statusCode).toBe(
      403,
    );
    expect((await other.agent.post(`/documents/${number}/edit`, contributionFields('Hijacked'))).statusCode).toBe(403);
    expect((await other.agent.post(`/documents/${number}/withdraw`, {})).statusCode).toBe(403);
    const [row] = await h.ctx.db.select().from(documents).where(eq(documents.number, number));
    expect(row).toMatchObject({ title: 'Revisable', latestRevision: 1, withdrawnAt: null });

    // The owner edits the details (the number stays), then withdraws it: still listed, marked.
    expect((await owner.agent.post(`/documents/${number}/edit`, contributionFields('Revisable, clarified'))).statusCode).toBe(303);
    expect((await owner.agent.post(`/documents/${number}/withdraw`, { _confirmed: '1' })).statusCode).toBe(303);
    const listed = (await h.app.inject({ url: `/api/meetings/${meetingId}/documents` })).json() as {
      number: string;
      title: string;
      withdrawn: boolean;
    }[];
    expect(listed.find((d) => d.number === number)).toMatchObject({ title: 'Revisable, clarified', withdrawn: true });
    const page = await h.app.inject({ url: `/meetings/${meetingId}` });
    expect(page.body).toMatch(new RegExp(`${number}[\\s\\S]*?Withdrawn`));
  });

  it('flags late contributions or refuses them per meeting setting; staff may still submit', async () => {
    const { auth } = await signedInPerson(h);
    h.clock.set('2023-05-02T22:00:00Z'); // midnight in Geneva after 2 May
    try {
      const late = await apiSubmit(auth, apiFields('Late one'), { name: 'late.pdf', content: pdfBytes('late') });
      expect(late.statusCode).toBe(201);
      expect(late.json().late).toBe(true);
      // The secretariat changes the meeting's setting (a participant may not).
      const { auth: participant } = await signedInPerson(h);
      expect(
        (
          await h.app.inject({
            method: 'PATCH',
            url: `/api/meetings/${meetingId}`,
            headers: participant,
            payload: { lateContributions: 'refuse' },
          })
        ).statusCode,
      ).toBe(403);
      const patched = await h.app.inject({
        method: 'PATCH',
        url: `/api/meetings/${meetingId}`,
        headers: secretariatAuth,
        payload: { lateContributions: 'refuse' },
      });
      expect(patched.statusCode).toBe(200);
      expect(patched.json().settings.lateContributions).toBe('refuse');
      const refused = await apiSubmit(auth, apiFields('Too late'), { name: 'late2.pdf', content: pdfBytes('late 2') });
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({ code: 'contribution-deadline-passed' });
      const staff = await apiSubmit(secretariatAuth, apiFields('Staff late'), { name: 'late3.pdf', content: pdfBytes('late 3') });
      expect(staff.statusCode).toBe(201);
      expect(staff.json().late).toBe(true);
    } finally {
      await h.ctx.db.update(meetings).set({ lateContributions: 'flag' }).where(eq(meetings.id, meetingId));
      h.clock.set('2023-04-20T08:00:00Z');
    }
  });

  it('enforces signed-in-only access on every download and listing, not only on links', async () => {
    const { auth } = await signedInPerson(h);
    const number = (await apiSubmit(auth, apiFields('Members only'), { name: 'm.pdf', content: pdfBytes('members') })).json()
      .number as string;
    const patched = await h.app.inject({
      method: 'PATCH',
      url: '/api/groups/fg-mv',
      headers: secretariatAuth,
      payload: { documentAccess: 'signed-in' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ documentAccess: 'signed-in', code: 'FG-MV' });
    try {
      expect((await h.app.inject({ url: `/documents/${number}/file` })).statusCode).toBe(401);
      expect((await h.app.inject({ url: `/documents/${number}/rev/0/file` })).statusCode).toBe(401);
      expect((await h.app.inject({ url: `/api/documents/${number}` })).statusCode).toBe(401);
      expect((await h.app.inject({ url: `/api/meetings/${meetingId}/documents` })).statusCode).toBe(401);
      expect((await h.app.inject({ url: `/meetings/${meetingId}/documents.zip` })).statusCode).toBe(401);
      expect((await h.app.inject({ url: `/api/search?q=members` })).json().hits).toEqual([]);
      const page = await h.app.inject({ url: `/meetings/${meetingId}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain(number);
      expect(page.body).toContain('available to signed-in participants');
      const signedIn = await h.app.inject({ url: `/documents/${number}/file`, headers: auth });
      expect(signedIn.statusCode).toBe(200);
      expect(signedIn.headers['cache-control']).toBe('private, no-store');
    } finally {
      await h.ctx.db.update(groups).set({ documentAccess: 'public' }).where(eq(groups.code, 'FG-MV'));
    }
  });

  it('finds documents by words inside the file, in English and Chinese, ranked and highlighted, with filters', async () => {
    const { auth } = await signedInPerson(h);
    const file = await docxWith([
      'Haptic feedback for remote surgery in immersive environments.',
      '本文讨论沉浸式环境中的触觉反馈与远程手术。',
    ]);
    const number = (await apiSubmit(auth, apiFields('Haptics'), { name: 'haptics.docx', content: file })).json().number as string;
    const english = (await h.app.inject({ url: '/api/search?q=surgery' })).json();
    expect(english.hits.map((hit: { number: string }) => hit.number)).toContain(number);
    expect(english.hits.find((hit: { number: string }) => hit.number === number).snippet).toContain('remote surgery');
    const chinese = (await h.app.inject({ url: `/api/search?q=${encodeURIComponent('触觉反馈')}` })).json();
    expect(chinese.hits.map((hit: { number: string }) => hit.number)).toEqual([number]);
    const none = (await h.app.inject({ url: `/api/search?q=${encodeURIComponent('反触')}` })).json();
    expect(none.hits).toEqual([]);
    expect((await h.app.inject({ url: '/api/search?q=surgery&type=TD' })).json().hits).toEqual([]);
    expect(
      (await h.app.inject({ url: `/api/search?q=surgery&meeting=${meetingId}` })).json().hits.map((hit: { number: string }) => hit.number),
    ).toContain(number);
    expect((await h.app.inject({ url: `/api/search?q=surgery&meeting=${meetingId + 1}` })).json().hits).toEqual([]);
    expect((await h.app.inject({ url: '/api/search?q=surgery&group=fg-mv' })).json().hits.length).toBeGreaterThan(0);
    const page = await h.app.inject({ url: `/search?q=${encodeURIComponent('触觉')}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<mark>触觉</mark>`);
    expect(page.body).toContain(number);
    // Title matches rank above matches in the text.
    const titled = (await apiSubmit(auth, apiFields('Surgery in the metaverse'), { name: 's.pdf', content: pdfBytes('s') })).json()
      .number as string;
    const ranked = (await h.app.inject({ url: '/api/search?q=surgery' })).json().hits.map((hit: { number: string }) => hit.number);
    expect(ranked.indexOf(titled)).toBeLessThan(ranked.indexOf(number));
  });

  it('offers a generated contribution template, or the one the secretariat uploaded', async () => {
    const group = await h.app.inject({ url: '/groups/fg-mv/template.docx' });
    expect(group.statusCode).toBe(200);
    expect(group.headers['content-type']).toBe(DOCX);
    const xml = new TextDecoder().decode(unzipSync(new Uint8Array(group.rawPayload))['word/document.xml']!);
    expect(xml).toContain('FGMV-I-');
    expect(xml).toContain('WG8');
    const meeting = await h.app.inject({ url: `/meetings/${meetingId}/template.docx?lang=zh` });
    const zhXml = new TextDecoder().decode(unzipSync(new Uint8Array(meeting.rawPayload))['word/document.xml']!);
    expect(zhXml).toContain('摘要');
    expect(zhXml).not.toContain('<w:bidi/>');
    // The language of the request makes the template right to left, and only the Arabic one.
    const arabic = unzipSync(new Uint8Array((await h.app.inject({ url: `/meetings/${meetingId}/template.docx?lang=ar` })).rawPayload));
    const arXml = new TextDecoder().decode(arabic['word/document.xml']!);
    expect(arXml).toContain('الملخص');
    expect(arXml).toMatch(/<w:bidi\/><w:docGrid /);
    expect(new TextDecoder().decode(arabic['word/settings.xml']!)).toContain('w:bidi="ar-SA"');
    const again = unzipSync(new Uint8Array((await h.app.inject({ url: `/meetings/${meetingId}/template.docx?lang=en` })).rawPayload));
    expect(new TextDecoder().decode(again['word/document.xml']!)).not.toContain('<w:rtl/>');
    expect((await h.app.inject({ url: '/groups/fg-mv' })).body).toContain('/groups/fg-mv/template.docx');

    const own = await docxWith(['Our own template']);
    const { agent } = await signedInPerson(h);
    expect((await agent.upload('/groups/fg-mv/template', {}, { name: 'FGMV template.docx', content: own })).statusCode).toBe(403);
    expect((await secretariat.upload('/groups/fg-mv/template', {}, { name: 'FGMV template.docx', content: pdfBytes() })).statusCode).toBe(
      422,
    );
    expect((await secretariat.upload('/groups/fg-mv/template', {}, { name: 'FGMV template.docx', content: own })).statusCode).toBe(303);
    const served = await h.app.inject({ url: '/groups/fg-mv/template.docx' });
    expect(served.rawPayload.equals(own)).toBe(true);
    expect(served.headers['content-disposition']).toContain('FGMV template.docx');
    expect((await secretariat.post('/groups/fg-mv/template/reset', {})).statusCode).toBe(303);
    expect((await h.app.inject({ url: '/groups/fg-mv/template.docx' })).rawPayload.equals(own)).toBe(false);
  });

  it('refuses anonymous callers and bad input on every document route, changing nothing', async () => {
    const owner = await signedInPerson(h);
    const number = (await apiSubmit(owner.auth, apiFields('Guarded'), { name: 'g.pdf', content: pdfBytes('guarded') })).json()
      .number as string;
    const before = await countDocs();
    // Nobody signed in.
    const anonymous = new Agent(h);
    expect((await apiSubmit({}, apiFields('Anonymous'), { name: 'a.pdf', content: pdfBytes('anonymous') })).statusCode).toBe(401);
    const form = await anonymous.get(`/meetings/${meetingId}/documents/new`);
    expect(form.statusCode).toBe(303);
    expect(form.headers.location).toBe(`/login?next=${encodeURIComponent(`/meetings/${meetingId}/documents/new`)}`);
    expect(
      (
        await anonymous.upload(`/meetings/${meetingId}/documents`, contributionFields('Anonymous'), {
          name: 'a.pdf',
          content: pdfBytes('anon web'),
        })
      ).headers.location,
    ).toMatch(/^\/login\?next=/);
    expect((await anonymous.post(`/documents/${number}/withdraw`, {})).headers.location).toMatch(/^\/login\?next=/);
    expect((await anonymous.get(`/documents/${number}/edit`)).headers.location).toMatch(/^\/login\?next=/);
    expect((await anonymous.get('/groups/fg-mv/template')).headers.location).toMatch(/^\/login\?next=/);
    expect(await countDocs()).toBe(before);

    // A participant may not change the group's template.
    expect((await owner.agent.post('/groups/fg-mv/template/reset', {})).statusCode).toBe(403);
    expect((await owner.agent.get('/groups/fg-mv/template')).statusCode).toBe(403);

    // Bad details or a bad file keep the document as it was.
    const emptyTitle = await owner.agent.post(`/documents/${number}/edit`, contributionFields(''));
    expect(emptyTitle.statusCode).toBe(422);
    expect(emptyTitle.body).toContain('f-title-error');
    const badContact = await owner.agent.post(
      `/documents/${number}/edit`,
      contributionFields('Guarded', { contacts_0_email: 'not-an-address' }),
    );
    expect(badContact.statusCode).toBe(422);
    const badRevision = await owner.agent.upload(`/documents/${number}/revise`, {}, { name: 'v1.docx', content: pdfBytes('not a docx') });
    expect(badRevision.statusCode).toBe(422);
    const noFile = await owner.agent.upload(`/documents/${number}/revise`, {}, null);
    expect(noFile.statusCode).toBe(422);
    const [row] = await h.ctx.db.select().from(documents).where(eq(documents.number, number));
    expect(row).toMatchObject({ title: 'Guarded', latestRevision: 0 });
    expect((await h.app.inject({ url: '/documents/FGMV-I-999999' })).statusCode).toBe(404);

    // Settings accept only their values.
    expect(
      (await h.app.inject({ method: 'PATCH', url: '/api/groups/fg-mv', headers: secretariatAuth, payload: { documentAccess: 'members' } }))
        .statusCode,
    ).toBe(422);
    expect(
      (
        await h.app.inject({
          method: 'PATCH',
          url: '/api/groups/fg-mv',
          headers: secretariatAuth,
          payload: { contributionEmail: 'not an address' },
        })
      ).statusCode,
    ).toBe(422);
    expect(
      (await h.app.inject({ method: 'PATCH', url: '/api/groups/fg-mv', headers: owner.auth, payload: { documentAccess: 'signed-in' } }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await h.app.inject({
          method: 'PATCH',
          url: `/api/meetings/${meetingId}`,
          headers: secretariatAuth,
          payload: { lateContributions: 'sometimes' },
        })
      ).statusCode,
    ).toBe(422);
    expect((await h.app.inject({ url: '/api/groups/fg-mv' })).json()).toMatchObject({ documentAccess: 'public' });

    // Search: nothing searchable is an empty answer, an over-long query a clear error.
    const punctuation = await h.app.inject({ url: `/api/search?q=${encodeURIComponent("'); --")}` });
    expect(punctuation.statusCode).toBe(200);
    expect(punctuation.json()).toMatchObject({ total: 0, hits: [] });
    expect((await h.app.inject({ url: `/api/search?q=${'x'.repeat(201)}` })).statusCode).toBe(422);
    expect((await h.app.inject({ url: `/search?q=${encodeURIComponent('%_\\')}` })).statusCode).toBe(200);
  });

  it("streams all of a meeting's documents as one ZIP", async () => {
    const res = await h.app.inject({ url: `/meetings/${meetingId}/documents.zip` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const entries = unzipSync(new Uint8Array(res.rawPayload));
    const names = Object.keys(entries);
    const listed = (await h.app.inject({ url: `/api/meetings/${meetingId}/documents` })).json() as { number: string }[];
    expect(names.length).toBe(listed.length);
    expect(names.some((n) => /^FGMV-I-\d{3}-Rev1-v1\.pdf$/.test(n))).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });
});
