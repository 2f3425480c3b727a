import { eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/modules/accounts/api-tokens.ts';
import { auditEvents } from '../src/modules/accounts/schema.ts';
import { meetings } from '../src/modules/meetings/schema.ts';
import type { ParticipantListVisibility } from '../src/modules/meetings/vocabulary.ts';
import { Agent } from './support/agent.ts';
import { $, $$ } from './support/dom.ts';
import { buildMeeting, secretariatOf, visaRequestFor } from './support/factories.ts';
import { visaJson } from './support/fixtures.ts';
import { databaseKinds, type Harness, type makeUser, startHarness } from './support/harness.ts';
import { signedInPerson } from './support/people.ts';

type Person = Awaited<ReturnType<typeof makeUser>> & { agent: Agent; auth: Record<string, string> };

describe.each(databaseKinds)('registrations console (%s)', (kind) => {
  let h: Harness;
  let meetingId: number;
  let secretariatId: number;
  let secretariat: Agent;
  let secretariatAuth: Record<string, string>;
  let zhang: Person;
  let formula: Person;
  let muller: Person;
  let waiting: Person;
  let gone: Person;
  let outsider: Person;

  const person = async (profile: Parameters<typeof makeUser>[1], registration?: object): Promise<Person> => {
    const { user, agent, auth } = await signedInPerson(h, profile);
    if (registration) {
      const res = await h.app.inject({
        method: 'POST',
        url: `/api/meetings/${meetingId}/registrations`,
        headers: auth,
        payload: registration,
      });
      expect(res.statusCode).toBe(201);
    }
    return { ...user, agent, auth };
  };
  const consoleUrl = (suffix = '', query = '') => `/console/meetings/${meetingId}/registrations${suffix}${query}`;
  const api = (url: string, headers: Record<string, string> = secretariatAuth) => h.app.inject({ url, headers });
  const listed = async (query: string) => {
    const res = await api(`/api/meetings/${meetingId}/registrations${query}`);
    expect(res.statusCode).toBe(200);
    return (res.json() as { familyName: string }[]).map((r) => r.familyName);
  };
  const exportAudits = () => h.ctx.db.select().from(auditEvents).where(eq(auditEvents.action, 'registrations.export'));
  const setVisibility = (participantListVisibility: ParticipantListVisibility) =>
    h.ctx.db.update(meetings).set({ participantListVisibility }).where(eq(meetings.id, meetingId));

  beforeAll(async () => {
    h = await startHarness(kind, '2023-04-06T08:00:00Z');
    // Two in-person places: the third in-person registrant waits.
    const meeting = await buildMeeting(h.ctx, {
      group: { subgroups: ['WG5', 'WG6'] },
      title: { en: 'Meetings of FG-MV Working Group 5 and Working Group 6' },
      capacity: 2,
    });
    meetingId = meeting.id;
    const sec = await secretariatOf(h.ctx);
    secretariatId = sec.id;
    secretariatAuth = { authorization: `Bearer ${await createApiToken(h.ctx, sec)}` };
    secretariat = new Agent(h);
    await secretariat.login(sec.email, sec.password);

    zhang = await person(
      { title: 'Dr', givenName: 'Wei', familyName: 'Zhang', organization: 'China Mobile', country: 'CN', category: 'member-state' },
      { mode: 'in-person', sessions: ['WG5', 'WG6'], visaRequest: visaRequestFor(meeting, '2023-04-06') },
    );
    formula = await person(
      { givenName: '=1+2', familyName: 'Formula', organization: 'Spreadsheet Ltd', country: 'FR', category: 'non-member' },
      { mode: 'remote', sessions: ['WG5'] },
    );
    muller = await person(
      { givenName: 'Anna', familyName: 'Müller', organization: 'ETSI_Lab', country: 'DE', category: 'academia' },
      { mode: 'in-person', sessions: ['WG6'] },
    );
    waiting = await person(
      { givenName: 'Olu', familyName: 'Adeyemi', organization: '100% Telecom', country: 'NG', category: 'sector-member' },
      { mode: 'in-person', sessions: ['WG5'] },
    );
    gone = await person(
      { givenName: 'Carlos', familyName: 'Barros', organization: 'Anatel', country: 'BR', category: 'member-state' },
      { mode: 'remote', sessions: ['WG5'] },
    );
    const mine = (await api('/api/me/registrations', gone.auth)).json()[0];
    await h.app.inject({ method: 'DELETE', url: `/api/registrations/${mine.id}`, headers: gone.auth });
    outsider = await person({ givenName: 'Nora', familyName: 'Outsider', country: 'NO' });
  });
  afterAll(() => h.close());

  it('shows the secretariat every registration, with labelled filters, totals, downloads and charts', async () => {
    const page = await secretariat.get(consoleUrl());
    expect(page.statusCode).toBe(200);
    for (const name of ['Zhang', 'Formula', 'Müller', 'Adeyemi', 'Barros']) expect(page.body).toContain(name);
    expect(page.body).toContain('Dr Wei Zhang');
    expect(page.body).toContain('<caption>Registrations for Meetings of FG-MV Working Group 5 and Working Group 6</caption>');
    expect(page.body).toContain('<th scope="col">Participant</th>');
    expect(page.body).toContain(`href="mailto:${zhang.email}"`);
    expect($(page.body, 'form[method="get"]')?.getAttribute('action')).toBe(`/console/meetings/${meetingId}/registrations`);
    for (const field of ['q', 'mode', 'status', 'country', 'category']) expect(page.body).toContain(`<label for="f-${field}">`);
    expect(page.body).toContain(`href="/console/meetings/${meetingId}/registrations.csv"`);
    expect(page.body).toContain(`href="/console/meetings/${meetingId}/registrations.xlsx"`);
    expect(page.body).toContain('<h2 id="stats-h">Statistics</h2>');
    expect($$(page.body, 'svg[role="img"]')).toHaveLength(3);
    expect(page.body).not.toMatch(/\sstyle=/);
    expect(page.body).toContain('<th scope="row">Nigeria</th>');
    expect(page.body).not.toContain('<th scope="row">Brazil</th>'); // cancelled: not in the statistics

    const filtered = await secretariat.get(consoleUrl('', '?q=zhang&mode=in-person&country=&category='));
    expect(filtered.body).toContain('Registrations shown: 1');
    expect(filtered.body).not.toContain('Formula');
    expect(filtered.body).toContain(`registrations.csv?q=zhang&amp;mode=in-person"`);
    expect($$(filtered.body, 'option[value="in-person"][selected]')).toHaveLength(1);

    const zh = await secretariat.get(consoleUrl(), { 'accept-language': 'zh-CN' });
    expect(zh.body).toContain('<h1>注册</h1>');
    expect(zh.body).toContain('下载 CSV');
    expect(zh.body).toContain('Wei Zhang 博士');
  });

  it('narrows the list by search (case-insensitive, % and _ literal) and by each filter', async () => {
    const ascii = (names: string[]) => names.filter((n) => n !== 'Müller'); // ü sorts by the database's collation
    expect(ascii(await listed(''))).toEqual(['Adeyemi', 'Barros', 'Formula', 'Zhang']);
    expect(await listed('?q=ZHANG')).toEqual(['Zhang']);
    expect(await listed('?q=wei%20zhang')).toEqual(['Zhang']);
    expect(await listed('?q=china%20mob')).toEqual(['Zhang']);
    expect(await listed(`?q=${encodeURIComponent(zhang.email.toUpperCase())}`)).toEqual(['Zhang']);
    expect(await listed('?q=_')).toEqual(['Müller']);
    expect(await listed('?q=%25')).toEqual(['Adeyemi']);
    expect(await listed('?mode=remote')).toEqual(['Barros', 'Formula']);
    expect(await listed('?status=waitlisted')).toEqual(['Adeyemi']);
    expect(await listed('?status=cancelled')).toEqual(['Barros']);
    expect(await listed('?country=de')).toEqual(['Müller']);
    expect(await listed('?category=member-state&status=registered')).toEqual(['Zhang']);
    const number = (await api('/api/me/registrations', zhang.auth)).json()[0].number;
    expect(await listed(`?q=${number}`)).toEqual(['Zhang']);

    const rows = (await api(`/api/meetings/${meetingId}/registrations?q=zhang`)).json();
    expect(rows[0]).toMatchObject({
      number,
      status: 'registered',
      mode: 'in-person',
      sessions: ['WG5', 'WG6'],
      title: 'Dr',
      email: zhang.email,
      visaStatus: 'requested',
    });
    expect((await api(`/api/meetings/${meetingId}/registrations?mode=flying`)).statusCode).toBe(422);
    expect((await api('/api/meetings/999999/registrations')).statusCode).toBe(404);
    expect((await secretariat.get('/console/meetings/999999/registrations')).statusCode).toBe(404);
  });

  it('counts by status, and by mode, country and category without cancellations', async () => {
    const res = await api(`/api/meetings/${meetingId}/registrations/stats`);
    expect(res.statusCode).toBe(200);
    const stats = res.json();
    const asMap = (list: { key: string; count: number }[]) => Object.fromEntries(list.map((x) => [x.key, x.count]));
    expect(stats.active).toBe(4);
    expect(asMap(stats.byStatus)).toEqual({ registered: 3, waitlisted: 1, cancelled: 1 });
    expect(asMap(stats.byMode)).toEqual({ 'in-person': 3, remote: 1 });
    expect(asMap(stats.byCountry)).toEqual({ CN: 1, FR: 1, DE: 1, NG: 1 });
    expect(asMap(stats.byCategory)).toEqual({ 'member-state': 1, 'non-member': 1, academia: 1, 'sector-member': 1 });
    expect(stats.byMode[0]).toEqual({ key: 'in-person', count: 3 });
  });

  it('exports CSV with a BOM, a header and neutralised formulas, and audits each export', async () => {
    const before = (await exportAudits()).length;
    const res = await secretariat.get(consoleUrl('.csv'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain(`attachment; filename="registrations-${meetingId}.csv"`);
    expect(res.headers['cache-control']).toContain('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.body.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'Number,Status,Participation,Sessions,Title,Given name,Family name,Organization,Country,Membership category,E-mail,Registered on,Visa support',
    );
    expect(lines.filter(Boolean)).toHaveLength(6);
    expect(res.body).toContain(",'=1+2,Formula,");
    expect(res.body).not.toMatch(/(^|,)=1\+2/m);
    expect(res.body).toMatch(
      new RegExp(
        `,"WG5, WG6",Dr,Wei,Zhang,China Mobile,China,ITU Member State administration,${zhang.email},\\d{4}-\\d{2}-\\d{2},Requested\r\n`,
      ),
    );

    const filtered = await secretariat.get(consoleUrl('.csv', '?status=waitlisted'));
    expect(filtered.body.split('\r\n').filter(Boolean)).toHaveLength(2);
    expect(filtered.body).toContain('Adeyemi');

    const audits = await exportAudits();
    expect(audits).toHaveLength(before + 2);
    expect(audits.at(-2)).toMatchObject({ actorId: secretariatId, subject: `meeting:${meetingId}`, details: { format: 'csv', count: 5 } });
    expect(audits.at(-1)!.details).toEqual({ format: 'csv', count: 1 });

    const zh = await secretariat.get(consoleUrl('.csv'), { 'accept-language': 'zh' });
    expect(zh.body).toContain('注册号,状态,参会方式');
  });

  it('exports XLSX as a zip holding the names, and audits it', async () => {
    const before = (await exportAudits()).length;
    const res = await secretariat.get(consoleUrl('.xlsx', '?mode=in-person'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain(`attachment; filename="registrations-${meetingId}.xlsx"`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    const sheet = strFromU8(unzipSync(new Uint8Array(res.rawPayload))['xl/worksheets/sheet1.xml']!);
    for (const name of ['Zhang', 'Müller', 'Adeyemi']) expect(sheet).toContain(name);
    expect(sheet).not.toContain('Formula');
    const all = strFromU8(unzipSync(new Uint8Array((await secretariat.get(consoleUrl('.xlsx'))).rawPayload))['xl/worksheets/sheet1.xml']!);
    // Formula-like text keeps its characters (no visible apostrophe) under the quote-prefix style;
    // the registration day is a date cell (serial number, yyyy-mm-dd format), not text.
    expect(all).toMatch(/<c r="F\d+" s="2" t="inlineStr"><is><t xml:space="preserve">=1\+2<\/t>/);
    expect(all).not.toContain("'=1+2");
    expect(all).toMatch(/<c r="L\d+" s="3"><v>\d{5}<\/v><\/c>/);
    const audits = await exportAudits();
    expect(audits).toHaveLength(before + 2);
    expect(audits.at(-2)!.details).toEqual({ format: 'xlsx', count: 3 });
  });

  it('never shows the passport data in any console output', async () => {
    const xlsx = await secretariat.get(consoleUrl('.xlsx'));
    const listings = [
      (await secretariat.get(consoleUrl())).body,
      (await secretariat.get(consoleUrl('.csv'))).body,
      strFromU8(unzipSync(new Uint8Array(xlsx.rawPayload))['xl/worksheets/sheet1.xml']!),
      (await api(`/api/meetings/${meetingId}/registrations`)).body,
    ];
    await setVisibility('public');
    listings.push((await h.app.inject({ url: `/meetings/${meetingId}/participants` })).body);
    await setVisibility('secretariat');
    const stats = (await api(`/api/meetings/${meetingId}/registrations/stats`)).body;
    for (const out of listings) expect(out).toContain('Zhang');
    for (const out of [...listings, stats]) {
      for (const secret of [visaJson.passportNumber, visaJson.nameInPassport, visaJson.placeOfBirth, visaJson.issuingAuthority])
        expect(out).not.toContain(secret);
    }
  });

  it('documents the API routes in OpenAPI and keeps the pages out of it', async () => {
    const doc = (await h.app.inject({ url: '/api/docs/json' })).json();
    const list = doc.paths['/api/meetings/{id}/registrations'].get;
    expect(list).toMatchObject({ tags: ['registrations'], security: [{ bearer: [] }] });
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['id', 'q', 'mode', 'status', 'country', 'category']),
    );
    expect(doc.paths['/api/meetings/{id}/registrations/stats'].get.tags).toEqual(['registrations']);
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/console') || p.endsWith('/participants'))).toEqual([]);
  });

  it('denies participants (403) and sends anonymous visitors to the login form (401 on the API), exporting nothing', async () => {
    const before = (await exportAudits()).length;
    for (const suffix of ['', '.csv', '.xlsx']) {
      expect((await outsider.agent.get(consoleUrl(suffix))).statusCode).toBe(403);
      expect((await zhang.agent.get(consoleUrl(suffix))).statusCode).toBe(403);
      const anonymous = await h.app.inject({ url: consoleUrl(suffix, '?q=x') });
      expect(anonymous.statusCode).toBe(303);
      expect(anonymous.headers.location).toBe(`/login?next=${encodeURIComponent(consoleUrl(suffix, '?q=x'))}`);
    }
    for (const url of [`/api/meetings/${meetingId}/registrations`, `/api/meetings/${meetingId}/registrations/stats`]) {
      expect((await api(url, zhang.auth)).statusCode).toBe(403);
      expect((await api(url, {})).statusCode).toBe(401);
    }
    expect(await exportAudits()).toHaveLength(before);
  });

  it('shows the participant list as the meeting allows: public, to the registered, or to the secretariat only', async () => {
    const url = `/meetings/${meetingId}/participants`;
    const anonymous = () => h.app.inject({ url });
    try {
      await setVisibility('public');
      const open = await anonymous();
      expect(open.statusCode).toBe(200);
      expect(open.body).toContain('<caption>Registered participants of Meetings of FG-MV Working Group 5 and Working Group 6</caption>');
      expect(open.body).toContain('<th scope="col">Organization</th>');
      for (const name of ['Dr Wei Zhang', 'Formula', 'Müller', 'China Mobile', 'Germany']) expect(open.body).toContain(name);
      expect(open.body).not.toContain('Adeyemi'); // waiting list
      expect(open.body).not.toContain('Barros'); // cancelled
      for (const p of [zhang, formula, muller]) expect(open.body).not.toContain(p.email);
      expect(open.body).not.toContain('mailto:');

      await setVisibility('registered');
      expect((await zhang.agent.get(url)).statusCode).toBe(200);
      expect((await waiting.agent.get(url)).statusCode).toBe(200);
      expect((await gone.agent.get(url)).statusCode).toBe(403);
      expect((await outsider.agent.get(url)).statusCode).toBe(403);
      expect((await secretariat.get(url)).statusCode).toBe(200);
      const redirected = await anonymous();
      expect(redirected.statusCode).toBe(303);
      expect(redirected.headers.location).toBe(`/login?next=${encodeURIComponent(url)}`);

      await setVisibility('secretariat');
      expect((await zhang.agent.get(url)).statusCode).toBe(403);
      expect((await secretariat.get(url)).statusCode).toBe(200);
      expect((await anonymous()).statusCode).toBe(303);
    } finally {
      await setVisibility('secretariat');
    }
  });
});
