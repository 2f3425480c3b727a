import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSecretariat } from '../demo/fg-mv.ts';
import { seedDemo } from '../demo/seed.ts';
import { createApiToken } from '../src/modules/accounts/api-tokens.ts';
import { findActorByEmail } from '../src/modules/accounts/queries.ts';
import { createMeeting, getMeeting, meetingAsInput, updateMeeting } from '../src/modules/meetings/service.ts';
import { locales } from '../src/platform/i18n/index.ts';
import { Agent } from './support/agent.ts';
import { contributionFields } from './support/documents.ts';
import { $$, $1, text as shown } from './support/dom.ts';
import { databaseKinds, type Harness, makeUser, startHarness } from './support/harness.ts';
import { inspectPdf } from './support/pdf.ts';

const run = promisify(execFile);
const installed = (tool: string) => !spawnSync(tool, ['-v']).error;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-circular-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The page's text without tags, so assertions read what a person reads. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe.each(databaseKinds)('invitation circular (%s)', (kind) => {
  let h: Harness;
  let secretariat: Agent;
  let secretariatToken: string;
  beforeAll(async () => {
    h = await startHarness(kind, '2023-04-06T08:00:00Z');
    await seedDemo(h.ctx);
    secretariat = new Agent(h);
    await secretariat.login(demoSecretariat.email, demoSecretariat.password);
    secretariatToken = await createApiToken(h.ctx, (await findActorByEmail(h.ctx, demoSecretariat.email))!);
  });
  afterAll(() => h.close());

  it('has, in every language, exactly the links of the English letter, each pointing where its text says', async () => {
    const linksOf = async (lang: string) => {
      const res = await h.app.inject({ url: `/meetings/1/circular?lang=${lang}` });
      return $$(res.body, 'article.circular a').map((a) => ({ href: a.getAttribute('href') ?? '', text: shown(a) }));
    };
    const english = await linksOf('en');
    expect(english.length).toBeGreaterThanOrEqual(5);
    const expected = [...new Set(english.map((l) => l.href))].sort();
    for (const lang of locales) {
      const links = await linksOf(lang);
      // Nothing of the sentence round an address (a language without spaces) is taken into it.
      for (const link of links) {
        expect(link.text, `${lang}: ${link.text}`).toMatch(/^[\x21-\x7e]+$/);
        expect(link.href, lang).toBe(link.text.includes('@') && !link.text.startsWith('http') ? `mailto:${link.text}` : link.text);
      }
      expect([...new Set(links.map((l) => l.href))].sort(), lang).toEqual(expected);
    }
  });

  it('reads, in Chinese, as TSB Circular 90 did: reference, date, the eight working groups and the deadline table', async () => {
    const res = await h.app.inject({ url: '/meetings/1/circular?lang=zh' });
    expect(res.statusCode).toBe(200);
    const text = textOf(res.body);
    for (const fact of [
      '电信标准化局第90号通函',
      'FG-MV/CB',
      '2023年4月6日，日内瓦',
      '国际电联各成员国主管部门',
      '无线电通信局主任',
      '+41 22 730 6301',
      '+41 22 730 5853',
      'tsbfgmv@itu.int',
      '2023年5月9日至10日在瑞士日内瓦召开',
      'Shin-Gak Kang先生',
    ]) {
      expect(text).toContain(fact);
    }
    for (let wg = 1; wg <= 8; wg++) expect(text).toContain(`第${wg}工作组`);
    expect(text).toContain('任务组 – 协作');
    // The key-deadline table, earliest first.
    const dates = $$(res.body, '.key-deadlines time[datetime]').map(shown);
    expect(dates).toEqual(['2023年4月14日', '2023年4月21日', '2023年5月2日']);
    const article = $1(res.body, 'article.circular');
    expect([article.getAttribute('lang'), article.getAttribute('dir')]).toEqual(['zh-Hans', 'ltr']);
  });

  it('is issued in all six languages, Arabic right to left, and the Chinese PDF carries the same facts with its fonts embedded', async () => {
    for (const lang of locales) {
      const page = await h.app.inject({ url: `/meetings/1/circular?lang=${lang}` });
      expect(page.statusCode, lang).toBe(200);
      expect(page.body).toContain(`dir="${lang === 'ar' ? 'rtl' : 'ltr'}"`);
      const pdf = await h.app.inject({ url: `/meetings/1/circular.pdf?lang=${lang}` });
      expect(pdf.statusCode, lang).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['x-content-type-options']).toBe('nosniff');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      fs.writeFileSync(path.join(tmp, `${kind}-${lang}.pdf`), pdf.rawPayload);
    }
    expect(textOf((await h.app.inject({ url: '/meetings/1/circular?lang=fr' })).body)).toContain('Circulaire TSB 90');
    expect(textOf((await h.app.inject({ url: '/meetings/1/circular?lang=en' })).body)).toContain('TSB Circular 90');
    // Read with pdf.js (no poppler needed): the facts through the fonts' ToUnicode maps, the fonts embedded.
    const zh = await inspectPdf(fs.readFileSync(path.join(tmp, `${kind}-zh.pdf`)));
    const ar = await inspectPdf(fs.readFileSync(path.join(tmp, `${kind}-ar.pdf`)));
    const flat = zh.text.join('').replace(/\s+/g, '');
    for (const s of ['2023年4月14日', '2023年4月21日', '2023年5月2日', '电信标准化局第90号通函', '第8工作组']) expect(flat).toContain(s);
    expect(zh.fonts.map((f) => f.name)).toContain('NotoSansHans-Regular');
    expect(ar.fonts.map((f) => f.name)).toContain('NotoNaskhArabic');
    expect([zh.lang, ar.lang, zh.tagged, ar.tagged]).toEqual(['zh-CN', 'ar', true, true]);
    for (const { fonts } of [zh, ar]) {
      expect(fonts.length).toBeGreaterThan(0);
      expect(fonts.filter((f) => !f.embedded)).toEqual([]);
    }
    if (installed('pdftotext')) {
      const { stdout } = await run('pdftotext', [path.join(tmp, `${kind}-zh.pdf`), '-']);
      const flat = stdout.replace(/\s+/g, '');
      for (const s of ['2023年4月14日', '2023年4月21日', '2023年5月2日', '电信标准化局第90号通函', '第8工作组']) expect(flat).toContain(s);
    }
    if (installed('pdffonts')) {
      const { stdout: zhFonts } = await run('pdffonts', [path.join(tmp, `${kind}-zh.pdf`)]);
      expect(zhFonts).toContain('NotoSansHans');
      const { stdout: arFonts } = await run('pdffonts', [path.join(tmp, `${kind}-ar.pdf`)]);
      expect(arFonts).toContain('NotoNaskhArabic');
      for (const out of [zhFonts, arFonts]) {
        const rows = out
          .split('\n')
          .slice(2)
          .filter((l) => l.trim());
        expect(rows.length).toBeGreaterThan(0);
        // Columns from the right: emb sub uni object generation.
        for (const row of rows) expect(row.trim().split(/\s+/).at(-5), row).toBe('yes');
      }
    }
  });

  it('is published: anyone may read it and the API lists its versions; only the secretariat issues', async () => {
    const api = await h.app.inject({ url: '/api/meetings/1/circulars' });
    expect(api.statusCode).toBe(200);
    const [v1] = api.json().versions;
    expect(v1).toMatchObject({ number: 90, version: 1, corrigendum: null, initials: 'FG-MV/CB', issuedOn: '2023-04-06' });
    expect(v1.pdf.zh).toBe('https://convene.test/meetings/1/circular.pdf?lang=zh&version=1');

    const user = await makeUser(h.ctx, { category: 'member-state' });
    const participant = new Agent(h);
    await participant.login(user.email, user.password);
    expect((await participant.get('/meetings/1/circular/manage')).statusCode).toBe(403);
    expect((await participant.post('/meetings/1/circular/issue', { initials: 'X' })).statusCode).toBe(403);
    const token = await createApiToken(h.ctx, user);
    const denied = await h.app.inject({
      method: 'POST',
      url: '/api/meetings/1/circulars',
      headers: { authorization: `Bearer ${token}` },
      payload: {},
    });
    expect(denied.statusCode).toBe(403);
    expect((await h.app.inject({ method: 'POST', url: '/api/meetings/1/circulars', payload: {} })).statusCode).toBe(401);
    expect((await h.app.inject({ url: '/api/meetings/1/circulars' })).json().versions).toHaveLength(1);
    expect((await h.app.inject({ url: '/meetings/999/circular' })).statusCode).toBe(404);
    // Nothing changed since it was issued: no corrigendum to issue.
    const unchanged = await h.app.inject({
      method: 'POST',
      url: '/api/meetings/1/circulars',
      headers: { authorization: `Bearer ${secretariatToken}` },
      payload: { initials: 'FG-MV/CB' },
    });
    expect(unchanged.statusCode).toBe(409);
    expect(unchanged.json().type).toContain('circular-unchanged');
  });

  it('refuses bad choices when issuing, and bad bureau values, changing nothing', async () => {
    const auth = { authorization: `Bearer ${secretariatToken}` };
    const versions = async () => (await h.app.inject({ url: '/api/meetings/1/circulars' })).json().versions.length as number;
    const before = await versions();
    const badDate = await secretariat.post('/meetings/1/circular/issue', { initials: 'X', issuedOn: '2023-02-30' });
    expect(badDate.statusCode).toBe(422);
    const badAddressee = await h.app.inject({
      method: 'POST',
      url: '/api/meetings/1/circulars',
      headers: auth,
      payload: { addressees: ['everyone'] },
    });
    expect(badAddressee.statusCode).toBe(422);
    expect(await versions()).toBe(before);

    const counter = async () =>
      ((await h.app.inject({ url: '/api/bureaus' })).json() as { code: string; nextCircularNumber: number }[]).find(
        (b) => b.code === 'TSB',
      )!.nextCircularNumber;
    const number = await counter();
    expect(
      (await h.app.inject({ method: 'PUT', url: '/api/bureaus/TSB', headers: auth, payload: { nextCircularNumber: 0 } })).statusCode,
    ).toBe(422);
    expect(
      (await h.app.inject({ method: 'PUT', url: '/api/bureaus/NEW', headers: auth, payload: { city: { en: 'Geneva' } } })).statusCode,
    ).toBe(422);
    expect(await counter()).toBe(number);
    expect((await h.app.inject({ url: '/api/bureaus' })).json().some((b: { code: string }) => b.code === 'NEW')).toBe(false);
  });

  it('asks for a corrigendum when a deadline moves; the next version states the new date and the first one stays as issued', async () => {
    const actor = (await findActorByEmail(h.ctx, demoSecretariat.email))!;
    const detail = await getMeeting(h.ctx, 1);
    await updateMeeting(h.ctx, actor, 1, { ...meetingAsInput(detail), deadlines: { ...detail.deadlines, registration: '2023-04-25' } });

    const manage = await secretariat.get('/meetings/1/circular/manage');
    expect(manage.statusCode).toBe(200);
    expect(manage.body).toContain('circular/issue');
    expect(textOf(manage.body)).toContain('21 April 2023 → 25 April 2023');

    h.clock.set(new Date('2023-04-12T09:00:00Z'));
    const issued = await secretariat.post('/meetings/1/circular/issue', {
      _confirmed: '1',
      initials: 'FG-MV/CB',
      issuedOn: '',
      addressees: ['member-states', 'sector-members', 'associates', 'academia'],
      copyTo: ['sg-chairs', 'bdt-director', 'br-director'],
    });
    expect(issued.statusCode).toBe(303);

    const latest = textOf((await h.app.inject({ url: '/meetings/1/circular?lang=zh' })).body);
    expect(latest).toContain('电信标准化局第90号通函');
    expect(latest).toContain('勘误1');
    expect(latest).toContain('2023年4月25日');
    expect(latest).toContain('2023年4月12日，日内瓦');
    expect(latest).not.toContain('最迟不晚于2023年4月21日');
    const first = textOf((await h.app.inject({ url: '/meetings/1/circular?lang=zh&version=1' })).body);
    expect(first).toContain('最迟不晚于2023年4月21日');
    expect(first).not.toContain('2023年4月25日');

    const versions = (await h.app.inject({ url: '/api/meetings/1/circulars' })).json().versions;
    expect(
      versions.map((v: { number: number; version: number; corrigendum: number | null }) => [v.number, v.version, v.corrigendum]),
    ).toEqual([
      [90, 1, null],
      [90, 2, 1],
    ]);
    expect(textOf((await secretariat.get('/meetings/1/circular/manage')).body)).toContain('The latest issued version matches');
  });

  it('gives a new meeting of the bureau the next circular number, and refuses a group without a bureau', async () => {
    const actor = (await findActorByEmail(h.ctx, demoSecretariat.email))!;
    const detail = await getMeeting(h.ctx, 1);
    const { detail: next } = await createMeeting(h.ctx, actor, 'FG-MV', {
      ...meetingAsInput(detail),
      sessions: [{ subgroup: 'WG1', startDate: '2023-07-03', endDate: '2023-07-04' }],
      deadlines: undefined,
    });
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/meetings/${next.meeting.id}/circulars`,
      headers: { authorization: `Bearer ${secretariatToken}` },
      payload: { initials: 'FG-MV/CB' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ number: 91, version: 1 });
    expect(textOf((await h.app.inject({ url: `/meetings/${next.meeting.id}/circular?lang=en` })).body)).toContain('TSB Circular 91');

    const auth = { authorization: `Bearer ${secretariatToken}` };
    const badBureau = await h.app.inject({ method: 'PATCH', url: '/api/groups/fg-mv', headers: auth, payload: { bureau: 'NOPE' } });
    expect(badBureau.statusCode).toBe(422);
    expect(badBureau.json().errors?.[0]?.field ?? JSON.stringify(badBureau.json())).toContain('bureau');
    const noBureau = await h.app.inject({ method: 'PATCH', url: '/api/groups/fg-mv', headers: auth, payload: { bureau: '' } });
    expect(noBureau.statusCode).toBe(200);
    const refused = await h.app.inject({ method: 'POST', url: `/api/meetings/${next.meeting.id}/circulars`, headers: auth, payload: {} });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().type).toContain('no-bureau');
    expect((await h.app.inject({ method: 'PATCH', url: '/api/groups/fg-mv', headers: auth, payload: { bureau: 'tsb' } })).json().code).toBe(
      'FG-MV',
    );
    // Issued versions stay readable whatever happens to the group later.
    expect((await h.app.inject({ url: `/meetings/${next.meeting.id}/circular` })).statusCode).toBe(200);
  });

  it('lets the secretariat keep bureaus and their circular sequence, by page and API; no one else', async () => {
    const page = await secretariat.get('/console/bureaus?code=tsb');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="TSB"');
    expect(page.body).toContain('电信标准化局');
    const saved = await secretariat.post('/console/bureaus', {
      code: 'tsdb',
      name_en: 'Test Development Bureau',
      nextCircularNumber: '12',
    });
    expect(saved.statusCode).toBe(303);
    const listed = (await h.app.inject({ url: '/api/bureaus' })).json() as { code: string; nextCircularNumber: number }[];
    expect(listed.find((b) => b.code === 'TSDB')?.nextCircularNumber).toBe(12);
    const invalid = await secretariat.post('/console/bureaus', { code: 'bad code!', name_en: '' });
    expect(invalid.statusCode).toBe(422);
    expect((await h.app.inject({ url: '/api/bureaus' })).json()).toHaveLength(listed.length);

    const put = await h.app.inject({
      method: 'PUT',
      url: '/api/bureaus/TSDB',
      headers: { authorization: `Bearer ${secretariatToken}` },
      payload: { name: { en: 'Renamed' }, nextCircularNumber: 13 },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ code: 'TSDB', nextCircularNumber: 13, name: { en: 'Renamed' } });

    const user = await makeUser(h.ctx);
    const participant = new Agent(h);
    await participant.login(user.email, user.password);
    expect((await participant.get('/console/bureaus')).statusCode).toBe(403);
    expect((await participant.post('/console/bureaus', { code: 'X', name_en: 'X' })).statusCode).toBe(403);
    const token = await createApiToken(h.ctx, user);
    expect(
      (
        await h.app.inject({
          method: 'PUT',
          url: '/api/bureaus/X',
          headers: { authorization: `Bearer ${token}` },
          payload: { name: { en: 'X' } },
        })
      ).statusCode,
    ).toBe(403);
    expect((await h.app.inject({ url: '/api/bureaus' })).json().some((b: { code: string }) => b.code === 'X')).toBe(false);
  });

  it('keeps an issued PDF when the same bytes are uploaded and refused, and a stale bureau form does not turn the counter back', async () => {
    const pdf = await h.app.inject({ url: '/meetings/1/circular.pdf?lang=en&version=1' });
    expect(pdf.statusCode).toBe(200);
    const user = await makeUser(h.ctx, { category: 'member-state' });
    const agent = new Agent(h);
    await agent.login(user.email, user.password);
    const refused = await agent.upload('/meetings/1/documents', contributionFields('Not a docx'), {
      name: 'circular.docx',
      content: pdf.rawPayload,
    });
    expect(refused.statusCode).toBe(422);
    const again = await h.app.inject({ url: '/meetings/1/circular.pdf?lang=en&version=1' });
    expect(again.statusCode).toBe(200);
    expect(again.rawPayload.equals(pdf.rawPayload)).toBe(true);

    const auth = { authorization: `Bearer ${secretariatToken}` };
    const counter = async () =>
      ((await h.app.inject({ url: '/api/bureaus' })).json() as { code: string; nextCircularNumber: number }[]).find(
        (b) => b.code === 'TSB',
      )!.nextCircularNumber;
    const shown = await counter();
    const form = await secretariat.get('/console/bureaus?code=TSB');
    expect(form.body).toContain(`name="nextCircularNumberShown" value="${shown}"`);
    // Meanwhile a circular is issued for a new meeting.
    const actor = (await findActorByEmail(h.ctx, demoSecretariat.email))!;
    const { detail: next } = await createMeeting(h.ctx, actor, 'FG-MV', {
      ...meetingAsInput(await getMeeting(h.ctx, 1)),
      sessions: [{ subgroup: 'WG2', startDate: '2023-09-04', endDate: '2023-09-04' }],
      deadlines: undefined,
    });
    expect(
      (await h.app.inject({ method: 'POST', url: `/api/meetings/${next.meeting.id}/circulars`, headers: auth, payload: {} })).json().number,
    ).toBe(shown);
    // The form, saved as it was shown, changes the names and leaves the counter where the issue put it.
    const saved = await secretariat.post('/console/bureaus', {
      code: 'TSB',
      name_en: 'Telecommunication Standardization Bureau',
      name_zh: '电信标准化局',
      nextCircularNumber: String(shown),
      nextCircularNumberShown: String(shown),
    });
    expect(saved.statusCode).toBe(303);
    expect(await counter()).toBe(shown + 1);
    // The API changes only what it is sent.
    const renamed = await h.app.inject({
      method: 'PUT',
      url: '/api/bureaus/TSB',
      headers: auth,
      payload: { abbreviation: { en: 'TSB', zh: '电信标准化局' } },
    });
    expect(renamed.json()).toMatchObject({ nextCircularNumber: shown + 1, name: { en: 'Telecommunication Standardization Bureau' } });
  });

  it('asks for a corrigendum when one session moves within the same days, and states the new schedule', async () => {
    const actor = (await findActorByEmail(h.ctx, demoSecretariat.email))!;
    const detail = await getMeeting(h.ctx, 1);
    const sessions = detail.sessions.map((x) => ({ subgroup: x.subgroup, startDate: x.startDate, endDate: x.endDate }));
    const wg5 = sessions.find((x) => x.subgroup === 'WG5')!;
    Object.assign(wg5, { startDate: '2023-05-10', endDate: '2023-05-10' });
    await updateMeeting(h.ctx, actor, 1, { ...meetingAsInput(detail), sessions });
    const manage = textOf((await secretariat.get('/meetings/1/circular/manage')).body);
    expect(manage).toContain('A session’s dates changed');
    const issued = await h.app.inject({
      method: 'POST',
      url: '/api/meetings/1/circulars',
      headers: { authorization: `Bearer ${secretariatToken}` },
      payload: { initials: 'FG-MV/CB' },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const letter = textOf((await h.app.inject({ url: '/meetings/1/circular?lang=en' })).body);
    expect(letter).toContain('Sessions: Working Group 5 9');
    expect(letter).toContain('→ Working Group 6 9 May 2023; Working Group 5 10 May 2023');
    expect(letter).toContain('Working Group 6 will meet on 9 May 2023; Working Group 5 will meet on 10 May 2023.');
  });
});
