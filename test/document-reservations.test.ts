import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/modules/accounts/api-tokens.ts';
import { meetingDocumentFigures } from '../src/modules/documents/queries.ts';
import { Agent, multipartBody } from './support/agent.ts';
import { contributionFields, docxWith } from './support/documents.ts';
import { $, $$, $1, text } from './support/dom.ts';
import { buildMeeting, buildPerson, secretariatOf } from './support/factories.ts';
import { databaseKinds, type Harness, startHarness } from './support/harness.ts';
import { signedInPerson } from './support/people.ts';

describe.each(databaseKinds)('document reservations (%s)', (kind) => {
  let h: Harness;
  let meetingId: number;
  let otherMeetingId: number;
  let staffAuth: Record<string, string>;

  beforeAll(async () => {
    h = await startHarness(kind, '2023-04-20T08:00:00Z');
    // Contributions due on 2 May (Geneva): the deadline ends at 2023-05-02T22:00Z; late ones are refused.
    const meeting = await buildMeeting(h.ctx, {
      group: { code: 'FG-RS', subgroups: ['WG1', 'WG2'] },
      startsIn: '2023-05-09',
      deadlines: { contributions: '2023-05-02' },
      lateContributions: 'refuse',
    });
    meetingId = meeting.id;
    otherMeetingId = (await buildMeeting(h.ctx, { group: 'FG-RS', startsIn: '2023-09-04' })).id;
    staffAuth = { authorization: `Bearer ${await createApiToken(h.ctx, await secretariatOf(h.ctx))}` };
  });
  afterAll(() => h.close());

  const reserve = (auth: Record<string, string>, body: Record<string, unknown>, id = meetingId) =>
    h.app.inject({ method: 'POST', url: `/api/meetings/${id}/document-reservations`, payload: body, headers: auth });
  const reservation = { title: 'Avatar identity', sources: ['ETRI'], workingGroups: ['WG1'] };
  const upload = async (auth: Record<string, string>, fields: Record<string, string>, id = meetingId) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob([(await docxWith(['Body'])) as BlobPart]), 'contribution.docx');
    const { payload, contentType } = await multipartBody(form);
    return h.app.inject({
      method: 'POST',
      url: `/api/meetings/${id}/documents`,
      payload,
      headers: { ...auth, 'content-type': contentType },
    });
  };
  const contacts = JSON.stringify([{ name: 'Kim Min', organization: 'ETRI', email: 'kim@example.org' }]);
  const seqOf = (number: string) => Number(number.split('-').pop());

  it('reserves the next number at once, for whoever may submit, and lists it as reserved without a file', async () => {
    const { auth } = await signedInPerson(h);
    const res = await reserve(auth, reservation);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.number).toMatch(/^FGRS-I-\d{3}$/);
    expect(body).toMatchObject({ type: 'I', title: 'Avatar identity', sources: ['ETRI'], workingGroups: ['WG1'], status: 'reserved' });
    expect(body.templateUrl).toContain(`/meetings/${meetingId}/template.docx?number=${body.number}`);
    expect(body.uploadUrl).toContain(`/meetings/${meetingId}/documents/new?reservation=${body.number}`);

    const mine = await h.app.inject({ url: `/api/meetings/${meetingId}/document-reservations`, headers: auth });
    expect(mine.json().map((r: { number: string }) => r.number)).toEqual([body.number]);

    const listed = (await h.app.inject({ url: `/api/meetings/${meetingId}/documents` })).json();
    expect(listed.find((d: { number: string }) => d.number === body.number)).toMatchObject({ status: 'reserved', fileUrl: null });
    // Nothing to download, and no "download all" entry or search hit that breaks on it.
    expect((await h.app.inject({ url: `/documents/${body.number}/file` })).statusCode).toBe(404);
    expect((await h.app.inject({ url: `/documents/${body.number}/rev/0/file` })).statusCode).toBe(404);
    expect((await h.app.inject({ url: `/meetings/${meetingId}/documents.zip` })).statusCode).toBe(200);
    expect((await h.app.inject({ url: `/api/search?q=${encodeURIComponent('Avatar identity')}` })).statusCode).toBe(200);
    expect((await h.app.inject({ url: `/search?q=${encodeURIComponent('Avatar identity')}` })).statusCode).toBe(200);
    expect((await meetingDocumentFigures(h.ctx, meetingId)).received).toBe(0);

    const doc = await h.app.inject({ url: `/api/documents/${body.number}` });
    expect(doc.json()).toMatchObject({ status: 'reserved', fileUrl: null, revisions: [] });
    const page = await h.app.inject({ url: `/documents/${body.number}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Reserved');
    expect($(page.body, 'a[download]')).toBeNull();
    const meetingPage = await h.app.inject({ url: `/meetings/${meetingId}` });
    const row = meetingPage.body.slice(meetingPage.body.indexOf(`>${body.number}</a>`));
    expect(row.slice(0, row.indexOf('</tr>'))).toContain('Reserved');
  });

  it('refuses whoever may not reserve: nobody signed in, a type only staff give, a wrong meeting or field', async () => {
    const { auth } = await signedInPerson(h);
    expect((await reserve({}, reservation)).statusCode).toBe(401);
    expect((await reserve(auth, { ...reservation, type: 'TD' })).statusCode).toBe(403);
    expect((await reserve(auth, reservation, 99999)).statusCode).toBe(404);
    const untitled = await reserve(auth, { ...reservation, title: '' });
    expect(untitled.statusCode).toBe(422);
    expect(untitled.json().errors.map((e: { field: string }) => e.field)).toEqual(['title']);
    const unsourced = await reserve(auth, { ...reservation, sources: [' '] });
    expect(unsourced.statusCode).toBe(422);
    expect(unsourced.json().errors.map((e: { field: string }) => e.field)).toEqual(['sources']);
    const wrongGroup = await reserve(auth, { ...reservation, workingGroups: ['WG9'] });
    expect(wrongGroup.statusCode).toBe(422);
    expect((await h.app.inject({ url: `/api/meetings/${meetingId}/document-reservations` })).statusCode).toBe(401);
    expect((await reserve(staffAuth, { ...reservation, type: 'TD' })).statusCode).toBe(201);
  });

  it('gives reservations and uploads made at once different, consecutive numbers from the one counter', async () => {
    const { auth } = await signedInPerson(h);
    const answers = await Promise.all([
      ...Array.from({ length: 4 }, (_, i) => reserve(auth, { ...reservation, title: `Parallel ${i}` })),
      ...Array.from({ length: 3 }, (_, i) => upload(auth, { title: `Uploaded ${i}`, sources: 'ETRI', contacts })),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 201, 201, 201, 201, 201, 201]);
    const seqs = answers.map((a) => seqOf(a.json().number)).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(7);
    expect(seqs.at(-1)! - seqs[0]!).toBe(6);
    // The next number follows them all, with no gap.
    const next = await reserve(auth, reservation);
    expect(seqOf(next.json().number)).toBe(seqs.at(-1)! + 1);
  });

  it('fills a reservation with the same number, once, by the person who reserved it or the secretariat', async () => {
    const owner = await signedInPerson(h);
    const other = await signedInPerson(h);
    const { number } = (await reserve(owner.auth, { ...reservation, title: 'To be filled' })).json();

    expect((await upload(other.auth, { reservation: number, contacts })).statusCode).toBe(403);
    const unknown = await upload(owner.auth, { reservation: 'FGRS-I-999', contacts });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors.map((e: { field: string }) => e.field)).toEqual(['reservation']);
    const { number: elsewhere } = (await reserve(owner.auth, reservation, otherMeetingId)).json();
    expect((await upload(owner.auth, { reservation: elsewhere, contacts })).statusCode).toBe(422);
    expect((await upload(staffAuth, { reservation: number, contacts, type: 'TD' })).statusCode).toBe(422);

    // Only the file and the contacts: the reservation's type, title, source and working groups stand.
    const filled = await upload(owner.auth, { reservation: number.toLowerCase(), contacts });
    expect(filled.statusCode).toBe(201);
    expect(filled.json().number).toBe(number);
    const doc = (await h.app.inject({ url: `/api/documents/${number}` })).json();
    expect(doc).toMatchObject({ status: 'submitted', title: 'To be filled', sources: ['ETRI'], workingGroups: ['WG1'] });
    expect(doc.revisions).toHaveLength(1);
    expect((await h.app.inject({ url: `/documents/${number}/file` })).statusCode).toBe(200);

    const twice = await upload(owner.auth, { reservation: number, contacts });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().type).toMatch(/reservation-filled$/);
    // A number that was never reserved is no reservation.
    const plain = (await upload(owner.auth, { title: 'Plain', sources: 'ETRI', contacts })).json().number;
    // Filling took no number of the counter (one per group and type, across its meetings): no gap.
    expect(seqOf(plain)).toBe(seqOf(elsewhere) + 1);
    expect((await upload(owner.auth, { reservation: plain, contacts })).statusCode).toBe(422);
    // The secretariat fills someone's reservation.
    const { number: forStaff } = (await reserve(owner.auth, reservation)).json();
    expect((await upload(staffAuth, { reservation: forStaff, contacts })).statusCode).toBe(201);
  });

  it('reserves from the meeting page without JavaScript, says the number, the template and how to upload it later', async () => {
    const anonymous = new Agent(h);
    expect((await anonymous.get(`/meetings/${meetingId}/documents/reserve`)).headers.location).toMatch(/^\/login\?next=/);
    const { agent } = await signedInPerson(h);
    expect((await agent.get(`/meetings/${meetingId}`)).body).toContain(`/meetings/${meetingId}/documents/reserve`);
    const form = await agent.get(`/meetings/${meetingId}/documents/reserve?lang=fr`);
    expect(form.statusCode).toBe(200);
    expect(text($1(form.body, 'h1'))).toBe('Réserver un numéro');

    const empty = await agent.post(`/meetings/${meetingId}/documents/reserve`, { title: '', sources: '' });
    expect(empty.statusCode).toBe(422);
    expect($$(empty.body, '.error-summary li')).toHaveLength(2);
    const refused = await agent.post(`/meetings/${meetingId}/documents/reserve`, { title: '', sources: 'ETRI' });
    expect(refused.statusCode).toBe(422);
    expect($(refused.body, '.error-summary')).not.toBeNull();
    expect($(refused.body, 'input[name="sources"]')?.getAttribute('value')).toBe('ETRI');

    const done = await agent.post(`/meetings/${meetingId}/documents/reserve`, {
      title: 'Reserved on the web',
      sources: 'KT',
      workingGroups: 'WG2',
    });
    expect(done.statusCode).toBe(303);
    const number = done.headers.location!.match(/\/documents\/([^?]+)\?done=reserved/)![1]!;
    const outcome = await agent.get(done.headers.location!);
    expect(text($1(outcome.body, '.outcome h2'))).toContain(number);
    const templateHref = `/meetings/${meetingId}/template.docx?number=${number}`;
    const uploadHref = `/meetings/${meetingId}/documents/new?reservation=${number}`;
    expect($(outcome.body, `.outcome a[href="${templateHref}"]`)).not.toBeNull();
    expect($(outcome.body, `.outcome a[href="${uploadHref}"]`)).not.toBeNull();

    // The template carries the number; a number not of this meeting is refused.
    const docx = await h.app.inject({ url: templateHref });
    expect(docx.statusCode).toBe(200);
    const xml = new TextDecoder().decode(unzipSync(new Uint8Array(docx.rawPayload))['word/document.xml']!);
    expect(xml).toContain(number);
    expect(xml).not.toContain('FGRS-I-xxx');
    expect((await h.app.inject({ url: `/meetings/${otherMeetingId}/template.docx?number=${number}` })).statusCode).toBe(404);

    // The link preselects the reservation and fills in what it says.
    const submitForm = await agent.get(uploadHref);
    expect($(submitForm.body, `select[name="reservation"] option[value="${number}"]`)?.hasAttribute('selected')).toBe(true);
    expect($(submitForm.body, 'input[name="title"]')?.getAttribute('value')).toBe('Reserved on the web');
    expect($(submitForm.body, 'input[name="workingGroups"][value="WG2"]')?.hasAttribute('checked')).toBe(true);
    // The secretariat may fill it too, so the link chooses it for them; for anyone else it chooses nothing.
    const staff = await secretariatOf(h.ctx);
    const secretariat = new Agent(h);
    await secretariat.login(staff.email, staff.password);
    const staffForm = await secretariat.get(uploadHref);
    expect($(staffForm.body, `select[name="reservation"] option[value="${number}"]`)?.hasAttribute('selected')).toBe(true);
    const stranger = (await signedInPerson(h)).agent;
    expect($((await stranger.get(uploadHref)).body, `option[value="${number}"]`)).toBeNull();
    // No revision of a number without its original.
    expect((await agent.get(`/documents/${number}/revise`)).statusCode).toBe(409);

    const uploaded = await agent.upload(
      `/meetings/${meetingId}/documents`,
      contributionFields('Reserved on the web', { reservation: number, sources: 'KT', workingGroups: ['WG2'] }),
      { name: 'web.docx', content: await docxWith(['Filled on the web']) },
    );
    expect(uploaded.statusCode).toBe(303);
    expect(uploaded.headers.location).toBe(`/documents/${number}?done=submitted`);
    const again = await agent.upload(`/meetings/${meetingId}/documents`, contributionFields('Again', { reservation: number }), {
      name: 'again.docx',
      content: await docxWith(['Again']),
    });
    expect(again.statusCode).toBe(409);
    expect($(again.body, '.error-summary')).not.toBeNull();
  });

  it('lets the agenda allocate a reserved number of the meeting', async () => {
    const { auth } = await signedInPerson(h);
    const { number } = (await reserve(auth, { ...reservation, title: 'On the agenda' })).json();
    const session = (await h.app.inject({ url: `/api/meetings/${meetingId}` })).json().sessions[0].id;
    const saved = await h.app.inject({
      method: 'PUT',
      url: `/api/sessions/${session}/agenda/draft`,
      headers: staffAuth,
      payload: { items: [{ title: 'Contributions', documents: [number] }] },
    });
    expect(saved.statusCode).toBe(200);
    expect(JSON.stringify(saved.json())).toContain(number);
  });

  it('writes the reserved number into the group’s own template where it says {{number}}', async () => {
    const staff = new Agent(h);
    const person = await buildPerson(h.ctx, { role: 'secretariat' });
    await staff.login(person.email, person.password);
    const own = await docxWith(['Our template', 'Document {{number}}']);
    expect((await staff.upload('/groups/fg-rs/template', {}, { name: 'RS template.docx', content: own })).statusCode).toBe(303);
    try {
      const { auth } = await signedInPerson(h);
      const { number } = (await reserve(auth, { ...reservation, title: 'In our template' })).json();
      const docx = await h.app.inject({ url: `/meetings/${meetingId}/template.docx?number=${number}` });
      expect(docx.statusCode).toBe(200);
      expect(docx.headers['content-disposition']).toContain(`${number}.docx`);
      const xml = new TextDecoder().decode(unzipSync(new Uint8Array(docx.rawPayload))['word/document.xml']!);
      expect(xml).toContain(`Document ${number}`);
      expect(xml).not.toContain('{{number}}');
      // Without a number it is the group's file as uploaded.
      expect((await h.app.inject({ url: `/meetings/${meetingId}/template.docx` })).rawPayload.equals(own)).toBe(true);
    } finally {
      expect((await staff.post('/groups/fg-rs/template/reset', {})).statusCode).toBe(303);
    }
  });

  it('shows a reservation not filled by the deadline as not submitted, keeps its number taken, and refuses new ones', async () => {
    const { auth } = await signedInPerson(h);
    const { number } = (await reserve(auth, { ...reservation, title: 'Never uploaded' })).json();
    h.clock.set('2023-05-02T21:59:00Z');
    expect((await h.app.inject({ url: `/api/documents/${number}` })).json().status).toBe('reserved');
    h.clock.set('2023-05-02T22:00:00Z');
    try {
      expect((await h.app.inject({ url: `/api/documents/${number}` })).json().status).toBe('not-submitted');
      const page = await h.app.inject({ url: `/documents/${number}` });
      expect(page.body).toContain('Not submitted');
      const meetingPage = await h.app.inject({ url: `/meetings/${meetingId}` });
      const row = meetingPage.body.slice(meetingPage.body.indexOf(`>${number}</a>`));
      expect(row.slice(0, row.indexOf('</tr>'))).toContain('Not submitted');
      // The group's list across its meetings says so too, by each reservation's own meeting.
      const groupPage = await h.app.inject({ url: '/groups/fg-rs' });
      const groupRow = groupPage.body.slice(groupPage.body.indexOf(`>${number}</a>`));
      expect(groupRow.slice(0, groupRow.indexOf('</tr>'))).toContain('Not submitted');
      const listed = (await h.app.inject({ url: `/api/meetings/${meetingId}/documents` })).json();
      expect(listed.find((d: { number: string }) => d.number === number).status).toBe('not-submitted');

      const late = await reserve(auth, reservation);
      expect(late.statusCode).toBe(409);
      expect(late.json().type).toMatch(/contribution-deadline-passed$/);
      // The secretariat may still submit late: the number after the lapsed one, never the lapsed one again.
      const staffDoc = await upload(staffAuth, { title: 'Late by staff', sources: 'TSB', contacts });
      expect(staffDoc.statusCode).toBe(201);
      expect(seqOf(staffDoc.json().number)).toBeGreaterThan(seqOf(number));
    } finally {
      h.clock.set('2023-04-20T08:00:00Z');
    }
  });
});
