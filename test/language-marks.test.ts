import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAgendaItems, demoSecretariat } from '../demo/fg-mv.ts';
import { seedDemo } from '../demo/seed.ts';
import { publishDraft, saveDraft } from '../src/modules/agendas/service.ts';
import { getMeeting } from '../src/modules/meetings/service.ts';
import { Agent } from './support/agent.ts';
import { $, $$ } from './support/dom.ts';
import { buildDocument, buildMeeting, buildPerson, secretariatOf } from './support/factories.ts';
import { databaseKinds, type Harness, startHarness } from './support/harness.ts';

/**
 * Issue 13 §5 (WCAG 3.1.2, bidi): on the demo's pages, data shown in another language than the page's carries
 * it, names and titles of no known language are isolated, and dates and numbers stay on one line.
 */
describe.each(databaseKinds)('language marks on pages (%s)', (kind) => {
  let h: Harness;
  let upcoming = 0;
  let number = '';
  beforeAll(async () => {
    h = await startHarness(kind);
    await seedDemo(h.ctx);
    // As the demo's upcoming meeting: titled in English and Chinese only, with the demo's agenda.
    const meeting = await buildMeeting(h.ctx, {
      group: 'FG-MV',
      title: { en: 'Meetings of FG-MV Working Groups 1 and 2 (demo)', zh: 'FG-MV第1和第2工作组会议（演示）' },
      sessions: ['WG1', 'WG2'],
    });
    upcoming = meeting.id;
    const secretariat = await secretariatOf(h.ctx);
    await saveDraft(h.ctx, secretariat, meeting.sessions[0]!.id, { items: demoAgendaItems.map((item) => ({ ...item, documents: [] })) });
    await publishDraft(h.ctx, secretariat, meeting.sessions[0]!.id);
    const author = await buildPerson(h.ctx, { organization: 'University of Thessaly' });
    number = (await buildDocument(h.ctx, { meeting, author, title: 'Haptic feedback (draft)' })).number;
  });
  afterAll(() => h.close());

  const page = async (path: string) => {
    const res = await h.app.inject({ url: path });
    expect(res.statusCode, path).toBe(200);
    return res.body;
  };

  it('the upcoming meeting, English only, is marked and isolated on Arabic pages, plain on English ones', async () => {
    const ar = await page(`/meetings/${upcoming}?lang=ar`);
    expect($(ar, 'h1')?.innerHTML).toBe('<bdi lang="en">Meetings of FG-MV Working Groups 1 and 2 (demo)</bdi>');
    expect($(ar, '.breadcrumb li[aria-current="page"] bdi')?.getAttribute('lang')).toBe('en');
    // Its venue, in English only (the factory's), too; the country is the reader's.
    expect($$(ar, '.lead bdi[lang="en"]').map((b) => b.text)).toEqual(['ITU headquarters', 'Geneva']);
    expect($(ar, '.lead')?.text).toContain('سويسرا');
    // Its <title> cannot hold markup: plain.
    expect($(ar, 'title')?.text).toContain('Meetings of FG-MV Working Groups 1 and 2 (demo)');
    const en = await page(`/meetings/${upcoming}?lang=en`);
    expect($(en, 'h1')?.innerHTML).toBe('Meetings of FG-MV Working Groups 1 and 2 (demo)');
    // Chinese has its own title: no mark; a French page falls back to English without isolation.
    expect($(await page(`/meetings/${upcoming}?lang=zh`), 'h1')?.innerHTML).toBe('FG-MV第1和第2工作组会议（演示）');
    expect($(await page(`/meetings/${upcoming}?lang=fr`), 'h1')?.innerHTML).toBe(
      '<span lang="en">Meetings of FG-MV Working Groups 1 and 2 (demo)</span>',
    );
  });

  it('the group page isolates officers’ names and organizations, and shows translated names unmarked', async () => {
    const ar = await page('/groups/fg-mv?lang=ar');
    expect($(ar, 'h1')?.text).toBe('الفريق المتخصص لقطاع تقييس الاتصالات المعني بالميتافيرس');
    expect($(ar, 'h1 [lang]')).toBeNull();
    const names = $$(ar, 'table.stack tbody td:nth-child(2) bdi').map((b) => b.text);
    expect(names).toContain('Mr Leonidas Anthopoulos');
    expect($$(ar, 'table.stack tbody td:nth-child(3) bdi').map((b) => b.text)).toContain('University of Thessaly');
    // A subgroup title in Arabic is the page's language: no mark.
    expect($(ar, '.structure li')?.innerHTML).not.toContain('lang=');
  });

  it('dates and document numbers stay on one line; document titles and sources are isolated', async () => {
    const ar = await page(`/meetings/${upcoming}?lang=ar`);
    expect($(ar, '.lead .nowrap')?.text).toMatch(/2\d{3}$/);
    expect($$(ar, 'table.deadlines time').length).toBe(3);
    const row = $$(ar, 'tr').find((tr) => tr.text.includes(number))!;
    expect(row.querySelector('a.doc-number')?.text.trim()).toBe(number);
    expect(row.querySelector('bdi')?.text).toBe('Haptic feedback (draft)');
    const doc = await page(`/documents/${number}?lang=ar`);
    expect($(doc, 'h1 .doc-number')?.text).toBe(number);
    expect($(doc, 'h1 bdi')?.text).toBe('Haptic feedback (draft)');
  });

  it('the agenda isolates the items the chair typed, and marks the meeting title', async () => {
    const meeting = await getMeeting(h.ctx, upcoming);
    const ar = await page(`/sessions/${meeting.sessions[0]!.id}/agenda?lang=ar`);
    expect($(ar, '.eyebrow a bdi[lang="en"]')?.text).toBe('Meetings of FG-MV Working Groups 1 and 2 (demo)');
    expect($(ar, '.agenda-items h3 bdi')?.text).toBe('Opening of the meeting');
    expect($(ar, '.agenda-items div[dir="auto"] p')?.text).toBe('Welcome by the working group chair; approval of the agenda.');
  });

  it('marks a meeting title that fell back to English inside a list of choices too', async () => {
    const agent = new Agent(h);
    await agent.login(demoSecretariat.email, demoSecretariat.password);
    const queue = (await agent.get('/console/visas?lang=ar')).body;
    const option = $$(queue, 'select[name="meeting"] option').find((o) => o.getAttribute('value') === String(upcoming));
    expect(option?.getAttribute('lang')).toBe('en');
    expect(option?.text).toBe('Meetings of FG-MV Working Groups 1 and 2 (demo)');
    const zh = (await agent.get('/console/visas?lang=zh')).body;
    const translated = $$(zh, 'select[name="meeting"] option').find((o) => o.getAttribute('value') === String(upcoming));
    expect(translated?.getAttribute('lang')).toBeFalsy();
    expect(translated?.text).toBe('FG-MV第1和第2工作组会议（演示）');
  });

  it('keeps a date inside a sentence on one line: a <time> within the translated words', async () => {
    const home = await page('/?lang=ru');
    const next = $$(home, 'p').find((p) => p.text.startsWith('Ближайший срок') || p.innerHTML.includes('<time'));
    expect(next?.innerHTML).toMatch(/<time datetime="\d{4}-\d{2}-\d{2}">\d{1,2} [^<]+ \d{4} г\.<\/time>/);
  });
});
