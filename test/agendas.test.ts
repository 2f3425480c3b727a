import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/modules/accounts/api-tokens.ts';
import { agendas } from '../src/modules/agendas/schema.ts';
import { documents } from '../src/modules/documents/schema.ts';
import { groups, subgroups } from '../src/modules/groups/schema.ts';
import { meetingSessions } from '../src/modules/meetings/schema.ts';
import { Agent, multipartBody } from './support/agent.ts';
import { pdfBytes } from './support/documents.ts';
import { $$, text as textOf } from './support/dom.ts';
import { buildMeeting, secretariatOf } from './support/factories.ts';
import { databaseKinds, type Harness, startHarness } from './support/harness.ts';
import { signedInPerson } from './support/people.ts';

describe.each(databaseKinds)('agendas (%s)', (kind) => {
  let h: Harness;
  let secretariat: Agent;
  let secretariatId: number;
  let secretariatAuth: Record<string, string>;
  /** Sessions of the FG-MV May 2023 meeting ("may") and of a July one made here ("july"), by subgroup. */
  const sessions: Record<string, number> = {};
  let may: number;
  let july: number;
  const docs: Record<string, string> = {};

  const submit = async (auth: Record<string, string>, meetingId: number, title: string, type = 'I') => {
    const form = new FormData();
    for (const [k, v] of Object.entries({
      title,
      sources: 'ETRI',
      workingGroups: 'WG5',
      type,
      contacts: JSON.stringify([{ name: 'Kim Min', email: 'kim@example.org' }]),
    }))
      form.append(k, v);
    form.append('file', new Blob([pdfBytes(title) as BlobPart]), 'c.pdf');
    const { payload, contentType } = await multipartBody(form);
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/meetings/${meetingId}/documents`,
      payload,
      headers: { ...auth, 'content-type': contentType },
    });
    expect(res.statusCode).toBe(201);
    return res.json().number as string;
  };

  const rowsOf = (sessionId: number) =>
    h.ctx.db.select().from(agendas).where(eq(agendas.sessionId, sessionId)).orderBy(asc(agendas.version));
  const page = (url: string, agent?: Agent) => (agent ? agent.get(url) : h.app.inject({ url }));
  /** The text of a page without tags, spaces collapsed, to check what a reader sees. */
  const visible = (html: string) =>
    html
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#x27;|&#39;/g, "'")
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ');

  beforeAll(async () => {
    h = await startHarness(kind, '2023-04-20T08:00:00Z');
    // 9–10 May 2023, WG5 and WG6; contributions due on 2 May.
    may = (
      await buildMeeting(h.ctx, {
        group: { code: 'FG-MV', subgroups: ['WG1', 'WG2', 'WG5', 'WG6'] },
        startsIn: '2023-05-09',
        sessions: ['WG5', 'WG6'],
        deadlines: { contributions: '2023-05-02' },
      })
    ).id;
    const actor = await secretariatOf(h.ctx);
    secretariat = new Agent(h);
    await secretariat.login(actor.email, actor.password);
    secretariatId = actor.id;
    secretariatAuth = { authorization: `Bearer ${await createApiToken(h.ctx, actor)}` };
    // A second meeting, for documents that belong elsewhere and sessions of its own.
    const second = await h.app.inject({
      method: 'POST',
      url: '/api/groups/fg-mv/meetings',
      headers: secretariatAuth,
      payload: {
        title: { en: 'FG-MV WG1 and WG2' },
        venue: { city: 'Geneva', country: 'CH', timeZone: 'Europe/Zurich' },
        mode: 'hybrid',
        sessions: [
          { subgroup: 'WG1', startDate: '2023-07-10', endDate: '2023-07-10' },
          { subgroup: 'WG2', startDate: '2023-07-11', endDate: '2023-07-11' },
        ],
      },
    });
    expect(second.statusCode).toBe(201);
    july = second.json().id;
    expect(july).not.toBe(may);
    const rows = await h.ctx.db
      .select({ id: meetingSessions.id, meetingId: meetingSessions.meetingId, kind: subgroups.kind, number: subgroups.number })
      .from(meetingSessions)
      .innerJoin(subgroups, eq(subgroups.id, meetingSessions.subgroupId));
    const label: Record<number, string> = { [may]: 'may', [july]: 'july' };
    for (const r of rows) sessions[`${label[r.meetingId]}:${r.kind}${r.number ?? ''}`] = r.id;
    expect(sessions['may:WG5']).toBeDefined();
    expect(sessions['may:WG6']).toBeDefined();
    expect(sessions['july:WG1']).toBeDefined();
    const { auth } = await signedInPerson(h);
    docs.i1 = await submit(auth, may, 'Avatar interoperability');
    docs.i2 = await submit(auth, may, 'Haptic feedback');
    docs.td = await submit(secretariatAuth, may, 'Draft agenda of WG5', 'TD');
    docs.elsewhere = await submit(auth, july, 'A contribution to another meeting');
  });
  afterAll(() => h.close());

  it('lets the secretariat prepare a draft only editors see, publish it, and then everyone reads it', async () => {
    const wg5 = sessions['may:WG5']!;
    const path = `/sessions/${wg5}/agenda`;
    const participant = await signedInPerson(h);

    // Nothing published: not found for readers; editors are invited to prepare the draft.
    expect((await page(path)).statusCode).toBe(404);
    expect((await page(`/api${path}`)).statusCode).toBe(404);
    const empty = await page(path, secretariat);
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('There is no agenda yet');
    expect(empty.body).toContain(`href="${path}/edit"`);
    expect((await page(`/meetings/${may}`, secretariat)).body).toContain(`<a href="${path}">Draft agenda</a>`);
    expect((await page(`/meetings/${may}`)).body).not.toContain(`href="${path}"`);

    const form = await page(`${path}/edit`, secretariat);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="_csrf"');
    for (const field of ['items_0_title', 'items_0_description', 'items_0_documents']) expect(form.body).toContain(`name="${field}"`);
    expect(form.body).not.toContain('name="items_1_title"');

    const saved = await secretariat.post(`${path}/edit`, {
      items_0_title: 'Opening of the meeting',
      items_0_description: 'By the chair of WG5.',
      items_0_documents: '',
      items_1_title: 'Adoption of the agenda',
      items_1_description: '',
      items_1_documents: docs.td!.toLowerCase(),
      items_2_title: ' ',
      items_2_description: '',
      items_2_documents: '', // an empty row is left out
      items_3_title: 'Contributions on interoperability',
      items_3_description: 'Presentation and discussion.',
      items_3_documents: `${docs.i1}, ${docs.i2}`,
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${path}?notice=saved`);
    const [draft, ...more] = await rowsOf(wg5);
    expect(more).toEqual([]);
    expect(draft).toMatchObject({ version: 1, status: 'draft', publishedAt: null });
    const ids = Object.fromEntries(
      (await h.ctx.db.select({ id: documents.id, number: documents.number }).from(documents)).map((d) => [d.number, d.id]),
    );
    expect(draft!.items).toEqual([
      { title: 'Opening of the meeting', description: 'By the chair of WG5.', documentIds: [] },
      { title: 'Adoption of the agenda', description: '', documentIds: [ids[docs.td!]] },
      {
        title: 'Contributions on interoperability',
        description: 'Presentation and discussion.',
        documentIds: [ids[docs.i1!], ids[docs.i2!]],
      },
    ]);

    // The draft stays private.
    expect((await page(path)).statusCode).toBe(404);
    expect((await page(path, participant.agent)).statusCode).toBe(404);
    expect((await page(`${path}?version=1`, participant.agent)).statusCode).toBe(404);
    expect((await page(`/api${path}?draft=1`)).statusCode).toBe(401);
    expect((await h.app.inject({ url: `/api${path}?draft=1`, headers: participant.auth })).statusCode).toBe(403);
    expect((await page(`/meetings/${may}`, participant.agent)).body).not.toContain(`href="${path}"`);
    expect((await page(`/documents/${docs.i1}`)).body).not.toContain('Agenda item');
    const preview = await page(path, secretariat);
    expect(preview.body).toContain('Opening of the meeting');
    expect(preview.body).toContain('A draft is in progress');
    expect(preview.body).toContain(`action="${path}/publish"`);

    // Publishing makes it public.
    const published = await secretariat.post(`${path}/publish`, { _confirmed: '1' });
    expect(published.statusCode).toBe(303);
    expect(published.headers.location).toBe(`${path}?notice=published`);
    const [row] = await rowsOf(wg5);
    expect(row).toMatchObject({ version: 1, status: 'published', publishedBy: secretariatId });
    expect(row!.publishedAt?.toISOString()).toBe('2023-04-20T08:00:00.000Z');

    const pub = await page(path);
    expect(pub.statusCode).toBe(200);
    const text = visible(pub.body);
    expect(text).toContain('Agenda of Working Group 5');
    expect(text).not.toContain('Rev.');
    expect(text).toContain('Published 20 April 2023');
    expect(text).toMatch(
      /Opening of the meeting.*By the chair of WG5\..*Adoption of the agenda.*Contributions on interoperability.*Presentation and discussion\./,
    );
    expect(pub.body).toContain('<li id="item-3" value="3">');
    expect(pub.body).toContain(`<a class="doc-number" href="/documents/${docs.i1}">${docs.i1}</a>: <bdi>Avatar interoperability</bdi>`);
    expect(pub.body).not.toContain('Edit draft');
    expect(pub.body).not.toContain(`/publish"`);
    expect((await page(path, participant.agent)).statusCode).toBe(200);

    // The meeting page links it; the document page names the item.
    expect((await page(`/meetings/${may}`)).body).toContain(`<a href="${path}">Agenda</a>`);
    const docPage = await page(`/documents/${docs.i1}`);
    expect(visible(docPage.body)).toContain('Agenda item WG5 – item 3: Contributions on interoperability');
    expect(docPage.body).toContain(`href="${path}#item-3"`);
    expect(visible((await page(`/documents/${docs.td}?lang=zh`)).body)).toContain('WG5 – 第 2 项：Adoption of the agenda');

    const api = (await page(`/api${path}`)).json();
    expect(api).toMatchObject({
      sessionId: wg5,
      meetingId: may,
      group: 'FG-MV',
      subgroup: 'WG5',
      version: 1,
      label: '',
      status: 'published',
      publishedAt: '2023-04-20T08:00:00.000Z',
    });
    expect(api.items.map((i: { number: number; title: string }) => [i.number, i.title])).toEqual([
      [1, 'Opening of the meeting'],
      [2, 'Adoption of the agenda'],
      [3, 'Contributions on interoperability'],
    ]);
    expect(api.items[2].documents).toEqual([
      { number: docs.i1, title: 'Avatar interoperability', withdrawn: false, url: `https://convene.test/documents/${docs.i1}` },
      { number: docs.i2, title: 'Haptic feedback', withdrawn: false, url: `https://convene.test/documents/${docs.i2}` },
    ]);
  });

  it('starts version 2 (Rev.1) from the published items on the next edit, keeping version 1 readable', async () => {
    const wg5 = sessions['may:WG5']!;
    const path = `/sessions/${wg5}/agenda`;
    expect((await page(path, secretariat)).body).toContain('Prepare Rev.1');

    // The form starts from a copy of the published version.
    const form = await page(`${path}/edit`, secretariat);
    expect(form.body).toContain('This draft will be published as Rev.1.');
    expect(form.body).toMatch(/name="items_1_title"[^>]*value="Adoption of the agenda"/);
    expect(form.body).toMatch(new RegExp(`name="items_2_documents"[^>]*value="${docs.i1}, ${docs.i2}"`));
    expect(form.body).toContain('name="items_3_title"'); // one empty row to add an item
    expect(form.body).not.toContain('name="items_4_title"');
    expect((await rowsOf(wg5)).length).toBe(1); // showing the form creates nothing

    const saved = await secretariat.post(`${path}/edit`, {
      // "Adoption of the agenda" removed, an item inserted before the contributions, one added at the end.
      items_0_title: 'Opening of the meeting',
      items_1_title: 'Liaison statements',
      items_2_title: 'Contributions on interoperability',
      items_2_documents: docs.i2!,
      items_3_title: 'Any other business',
    });
    expect(saved.statusCode).toBe(303);
    let rows = await rowsOf(wg5);
    expect(rows.map((r) => [r.version, r.status])).toEqual([
      [1, 'published'],
      [2, 'draft'],
    ]);
    // Until published, readers still see version 1.
    const before = visible((await page(path)).body);
    expect(before).toContain('Adoption of the agenda');
    expect(before).not.toContain('Any other business');

    expect((await secretariat.post(`${path}/publish`, { _confirmed: '1' })).statusCode).toBe(303);
    rows = await rowsOf(wg5);
    expect(rows.map((r) => [r.version, r.status])).toEqual([
      [1, 'published'],
      [2, 'published'],
    ]);
    const latest = await page(path);
    const text = visible(latest.body);
    expect($$(latest.body, 'h1').map(textOf)).toEqual(['Agenda of Working Group 5 Rev.1']);
    expect(text).toMatch(/Opening of the meeting.*Liaison statements.*Contributions on interoperability.*Any other business/);
    expect(text).not.toContain('Adoption of the agenda');
    expect(text).toContain('Rev.1, published 20 April 2023');
    expect(latest.body).toContain(`href="${path}?version=1"`);

    const first = await page(`${path}?version=1`);
    expect(first.statusCode).toBe(200);
    expect(visible(first.body)).toContain('Adoption of the agenda');
    expect(first.body).toContain('This is an earlier version of the agenda.');
    expect($$(first.body, 'h1').map(textOf)).toEqual(['Agenda of Working Group 5']);
    expect((await page(`${path}?version=3`)).statusCode).toBe(404);
    expect((await page(`${path}?version=abc`)).statusCode).toBe(404);
    const v1 = (await page(`/api${path}?version=1`)).json();
    expect(v1).toMatchObject({ version: 1, label: '' });
    expect(v1.versions.map((v: { label: string }) => v.label)).toEqual(['Rev.1', '']);
    expect((await page(`/api${path}`)).json()).toMatchObject({ version: 2, label: 'Rev.1' });

    // Document pages follow the latest version only: the TD left the agenda, FGMV-I items moved.
    expect((await page(`/documents/${docs.td}`)).body).not.toContain('Agenda item');
    expect(visible((await page(`/documents/${docs.i2}`)).body)).toContain('WG5 – item 3: Contributions on interoperability');
    expect((await page(`/documents/${docs.i1}`)).body).not.toContain('Agenda item');

    // Publishing without a draft is a clear error and changes nothing.
    const again = await secretariat.post(`${path}/publish`, {});
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('There is no draft to publish');
    const apiAgain = await h.app.inject({ method: 'POST', url: `/api${path}/publish`, headers: secretariatAuth });
    expect(apiAgain.statusCode).toBe(409);
    expect(apiAgain.json()).toMatchObject({ code: 'agenda-no-draft' });
    expect((await rowsOf(wg5)).map((r) => [r.version, r.status, r.updatedAt.toISOString()])).toEqual(
      rows.map((r) => [r.version, r.status, r.updatedAt.toISOString()]),
    );
  });

  it('refuses unknown document numbers and documents of another meeting, changing nothing', async () => {
    const wg5 = sessions['may:WG5']!;
    const path = `/sessions/${wg5}/agenda`;
    const snapshot = JSON.stringify(await rowsOf(wg5));

    const unknown = await secretariat.post(`${path}/edit`, {
      items_0_title: 'Opening',
      items_1_title: 'Contributions',
      items_1_documents: `${docs.i1} FGMV-I-999`,
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('id="f-items_1_documents-error"');
    expect(unknown.body).toContain('No document has this number: FGMV-I-999.');
    expect(unknown.body).toContain(`value="${docs.i1} FGMV-I-999"`); // the form comes back as sent

    // Empty rows are left out before checking, yet the error lands on the row that holds the number.
    const other = await secretariat.post(`${path}/edit`, {
      items_0_title: '',
      items_1_title: 'Opening',
      items_2_title: 'Elsewhere',
      items_2_documents: docs.elsewhere!,
    });
    expect(other.statusCode).toBe(422);
    expect(other.body).toContain('id="f-items_2_documents-error"');
    expect(other.body).not.toContain('id="f-items_1_documents-error"');
    expect(other.body).toContain(`Not a document of this meeting: ${docs.elsewhere}.`);

    const zh = await secretariat.post(`${path}/edit?lang=zh`, { items_0_title: 'X', items_0_documents: 'FGMV-I-999' });
    expect(zh.statusCode).toBe(422);
    expect(zh.body).toContain('没有此编号的文件：FGMV-I-999。');
    await secretariat.get('/?lang=en'); // ?lang is remembered on the account, which the API follows too

    const noTitle = await h.app.inject({
      method: 'PUT',
      url: `/api${path}/draft`,
      headers: secretariatAuth,
      payload: { items: [{ title: ' ' }] },
    });
    expect(noTitle.statusCode).toBe(422);
    expect(noTitle.json().errors).toEqual([{ field: 'items.0.title', message: 'Please fill in this field.' }]);
    const api = await h.app.inject({
      method: 'PUT',
      url: `/api${path}/draft`,
      headers: secretariatAuth,
      payload: { items: [{ title: 'Opening' }, { title: 'Contributions', documents: ['FGMV-I-999'] }] },
    });
    expect(api.statusCode).toBe(422);
    expect(api.headers['content-type']).toContain('application/problem+json');
    expect(api.json()).toMatchObject({
      code: 'invalid-field',
      errors: [{ field: 'items.1.documents', message: 'No document has this number: FGMV-I-999.' }],
    });

    expect(JSON.stringify(await rowsOf(wg5))).toBe(snapshot);
  });

  it('refuses anonymous callers and plain participants, and lets a current group officer edit', async () => {
    const wg6 = sessions['may:WG6']!;
    const path = `/sessions/${wg6}/agenda`;
    const items = { items_0_title: 'Opening' };

    const anonymous = new Agent(h);
    const form = await anonymous.get(`${path}/edit`);
    expect(form.statusCode).toBe(303);
    expect(form.headers.location).toBe(`/login?next=${encodeURIComponent(`${path}/edit`)}`);
    expect((await anonymous.post(`${path}/edit`, items)).headers.location).toMatch(/^\/login\?next=/);
    expect((await anonymous.post(`${path}/publish`, {})).headers.location).toMatch(/^\/login\?next=/);
    expect((await h.app.inject({ method: 'PUT', url: `/api${path}/draft`, payload: { items: [{ title: 'Opening' }] } })).statusCode).toBe(
      401,
    );
    expect((await h.app.inject({ method: 'POST', url: `/api${path}/publish` })).statusCode).toBe(401);

    const participant = await signedInPerson(h);
    expect((await participant.agent.get(`${path}/edit`)).statusCode).toBe(403);
    expect((await participant.agent.post(`${path}/edit`, items)).statusCode).toBe(403);
    expect((await participant.agent.post(`${path}/publish`, {})).statusCode).toBe(403);
    expect(
      (
        await h.app.inject({
          method: 'PUT',
          url: `/api${path}/draft`,
          headers: participant.auth,
          payload: { items: [{ title: 'Opening' }] },
        })
      ).statusCode,
    ).toBe(403);
    expect((await h.app.inject({ method: 'POST', url: `/api${path}/publish`, headers: participant.auth })).statusCode).toBe(403);
    // A form without its CSRF field is refused, even from the secretariat.
    expect((await secretariat.post(`${path}/edit`, items, { csrf: false })).statusCode).toBe(403);
    expect(await rowsOf(wg6)).toEqual([]);

    // An officer linked to an account manages the group's agendas while the term lasts.
    const officer = await signedInPerson(h);
    const linked = await secretariat.post('/groups/fg-mv/officers', {
      role: 'vice-chair',
      name: 'Agenda Officer',
      accountEmail: officer.user.email,
      fromDate: '2023-01-01',
      untilDate: '2023-12-31',
    });
    expect(linked.statusCode).toBe(303);
    expect((await officer.agent.get(`${path}/edit`)).statusCode).toBe(200);
    expect((await officer.agent.post(`${path}/edit`, items)).statusCode).toBe(303);
    expect((await rowsOf(wg6)).map((r) => [r.version, r.status])).toEqual([[1, 'draft']]);
    expect((await h.app.inject({ url: `/api${path}?draft=1`, headers: officer.auth })).json()).toMatchObject({
      status: 'draft',
      version: 1,
      items: [{ number: 1, title: 'Opening' }],
    });
    h.clock.set('2024-01-05T08:00:00Z');
    try {
      expect((await h.app.inject({ method: 'POST', url: `/api${path}/publish`, headers: officer.auth })).statusCode).toBe(403);
    } finally {
      h.clock.set('2023-04-20T08:00:00Z');
    }
    expect((await rowsOf(wg6)).map((r) => r.status)).toEqual(['draft']);
    expect((await page('/sessions/999999/agenda')).statusCode).toBe(404);
    expect((await page('/sessions/abc/agenda')).statusCode).toBe(404);
    expect(
      (await h.app.inject({ method: 'PUT', url: '/api/sessions/999999/agenda/draft', headers: secretariatAuth, payload: { items: [] } }))
        .statusCode,
    ).toBe(404);
  });

  it('offers the whole flow through the API, documented in OpenAPI', async () => {
    const wg1 = sessions['july:WG1']!;
    const path = `/api/sessions/${wg1}/agenda`;
    const put = await h.app.inject({
      method: 'PUT',
      url: `${path}/draft`,
      headers: secretariatAuth,
      payload: {
        items: [
          { title: 'Opening' },
          { title: 'Contributions', description: 'In order of number.', documents: [docs.elsewhere!.toLowerCase()] },
        ],
      },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({
      sessionId: wg1,
      meetingId: july,
      subgroup: 'WG1',
      version: 1,
      status: 'draft',
      publishedAt: null,
      items: [
        { number: 1, title: 'Opening', description: '', documents: [] },
        {
          number: 2,
          title: 'Contributions',
          description: 'In order of number.',
          documents: [{ number: docs.elsewhere, title: 'A contribution to another meeting' }],
        },
      ],
      versions: [],
    });
    expect((await h.app.inject({ url: `${path}?draft=1`, headers: secretariatAuth })).json()).toMatchObject({
      status: 'draft',
      version: 1,
    });
    expect((await h.app.inject({ url: path })).statusCode).toBe(404);

    const published = await h.app.inject({ method: 'POST', url: `${path}/publish`, headers: secretariatAuth });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({
      status: 'published',
      version: 1,
      label: '',
      publishedAt: '2023-04-20T08:00:00.000Z',
      versions: [{ version: 1, label: '' }],
    });
    expect((await h.app.inject({ url: `${path}?draft=1`, headers: secretariatAuth })).statusCode).toBe(404);

    // An empty draft cannot be published.
    expect(
      (await h.app.inject({ method: 'PUT', url: `${path}/draft`, headers: secretariatAuth, payload: { items: [] } })).json(),
    ).toMatchObject({ version: 2, label: 'Rev.1', status: 'draft', items: [] });
    const empty = await h.app.inject({ method: 'POST', url: `${path}/publish`, headers: secretariatAuth });
    expect(empty.statusCode).toBe(409);
    expect(empty.json()).toMatchObject({ code: 'agenda-empty' });
    expect((await h.app.inject({ url: path })).json()).toMatchObject({ version: 1, status: 'published' });

    // Documents of a group open to signed-in accounts only are listed by number, without titles, to others.
    await h.ctx.db.update(groups).set({ documentAccess: 'signed-in' }).where(eq(groups.code, 'FG-MV'));
    try {
      const anonymous = (await h.app.inject({ url: path })).json();
      expect(anonymous.items[1].documents).toMatchObject([{ number: docs.elsewhere, title: '' }]);
      const page = await h.app.inject({ url: `/sessions/${wg1}/agenda` });
      expect(page.body).toContain(docs.elsewhere);
      expect(page.body).not.toContain('A contribution to another meeting');
      expect((await h.app.inject({ url: path, headers: secretariatAuth })).json().items[1].documents[0].title).toBe(
        'A contribution to another meeting',
      );
    } finally {
      await h.ctx.db.update(groups).set({ documentAccess: 'public' }).where(eq(groups.code, 'FG-MV'));
    }

    const openapi = (await h.app.inject({ url: '/api/docs/json' })).json();
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/api/sessions/{id}/agenda', '/api/sessions/{id}/agenda/draft', '/api/sessions/{id}/agenda/publish']),
    );
    expect(openapi.paths['/api/sessions/{id}/agenda/draft'].put.requestBody).toBeDefined();

    const zh = await h.app.inject({ url: `/sessions/${wg1}/agenda?lang=zh` });
    expect(zh.body).toContain('第1工作组议程');
    expect(zh.body).toContain('发布于');
  });

  it('creates exactly one draft when first edits arrive together', async () => {
    const wg2 = sessions['july:WG2']!;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        h.app.inject({
          method: 'PUT',
          url: `/api/sessions/${wg2}/agenda/draft`,
          headers: secretariatAuth,
          payload: { items: [{ title: `Edit ${i}` }] },
        }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(12).fill(200));
    const rows = await h.ctx.db
      .select()
      .from(agendas)
      .where(and(eq(agendas.sessionId, wg2)));
    expect(rows.map((r) => [r.version, r.status])).toEqual([[1, 'draft']]);
    expect(results.every((r) => r.json().version === 1)).toBe(true);
  });

  it('keeps sessions, and their agendas, when the meeting is edited; removing a subgroup removes its session', async () => {
    const wg1 = sessions['july:WG1']!;
    const wg2 = sessions['july:WG2']!;
    const saved = await h.app.inject({
      method: 'PUT',
      url: `/api/sessions/${wg1}/agenda/draft`,
      headers: secretariatAuth,
      payload: { items: [{ title: 'Opening' }] },
    });
    expect(saved.statusCode).toBe(200);
    expect((await h.app.inject({ method: 'POST', url: `/api/sessions/${wg1}/agenda/publish`, headers: secretariatAuth })).statusCode).toBe(
      200,
    );

    // A new date for WG1, another setting: the session keeps its id and its agenda.
    const moved = await h.app.inject({
      method: 'PATCH',
      url: `/api/meetings/${july}`,
      headers: secretariatAuth,
      payload: {
        lateContributions: 'refuse',
        sessions: [
          { subgroup: 'WG1', startDate: '2023-07-12', endDate: '2023-07-12' },
          { subgroup: 'WG2', startDate: '2023-07-11', endDate: '2023-07-11' },
        ],
      },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const after = (await h.app.inject({ url: `/api/meetings/${july}` })).json().sessions as {
      id: number;
      subgroup: string;
      startDate: string;
    }[];
    expect(after.find((s) => s.subgroup === 'WG1')).toMatchObject({ id: wg1, startDate: '2023-07-12' });
    expect(after.find((s) => s.subgroup === 'WG2')?.id).toBe(wg2);
    expect((await h.app.inject({ url: `/api/sessions/${wg1}/agenda` })).json().items[0].title).toBe('Opening');

    // WG2 no longer meets: its session (and its draft) go; WG1 stays.
    const dropped = await h.app.inject({
      method: 'PATCH',
      url: `/api/meetings/${july}`,
      headers: secretariatAuth,
      payload: { sessions: [{ subgroup: 'WG1', startDate: '2023-07-12', endDate: '2023-07-12' }] },
    });
    expect(dropped.statusCode).toBe(200);
    expect((await h.app.inject({ url: `/api/sessions/${wg2}/agenda` })).statusCode).toBe(404);
    expect(await rowsOf(wg2)).toEqual([]);
    expect((await h.app.inject({ url: `/api/sessions/${wg1}/agenda` })).statusCode).toBe(200);
  });
});
