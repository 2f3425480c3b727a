import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/modules/accounts/api-tokens.ts';
import { publishDraft, saveDraft } from '../../src/modules/agendas/service.ts';
import { decisionKinds } from '../../src/modules/decisions/vocabulary.ts';
import { translator } from '../../src/platform/i18n/index.ts';
import { docxWith } from '../support/documents.ts';
import { type BuiltGroup, buildDocument, buildGroup, buildMeeting, buildPerson, type Person, secretariatOf } from '../support/factories.ts';
import { type BrowserApp, englishOutsideLang, expectNoAxeViolations, startBrowserApp } from './support.ts';

const STEP_TIMEOUT = 240_000;
type Lang = 'en' | 'ar';
/** Screenshots for a person to look at, outside the repository. */
const SHOTS = path.join(os.tmpdir(), 'shots-issue14');

/**
 * Issue 14 §5: a browser journey per role — a focal point approves (and declines with a reason), a delegate
 * reserves a number then uploads under it, a chair records decisions, the secretariat finishes and issues the
 * meeting report — in English and Arabic, each page passing axe at a desktop and a phone width without
 * scrolling sideways.
 */
describe('issue 14 journeys: focal point, delegate, chair, secretariat', () => {
  let env: BrowserApp;
  let base = '';
  let staff = '';
  let group: BuiltGroup;
  let chair: Person;
  let tmpDir = '';

  const api = async (method: 'POST' | 'PUT', url: string, bearer: string, body: unknown) => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', 'accept-language': 'en' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    expect(res.status, text).toBeLessThan(300);
    return JSON.parse(text) as { id: number };
  };

  beforeAll(async () => {
    env = await startBrowserApp();
    base = env.base;
    fs.mkdirSync(SHOTS, { recursive: true });
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-e2e-issue14-'));
    staff = await createApiToken(env.ctx, await buildPerson(env.ctx, { role: 'secretariat' }));
    chair = await buildPerson(env.ctx);
    group = await buildGroup(env.ctx, {
      registrationApproval: 'focal-point',
      officers: [{ role: 'chair', accountEmail: chair.email }],
    });
  }, STEP_TIMEOUT);
  afterAll(async () => {
    await env?.close();
    if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
  });

  const contextFor = (lang: Lang): Promise<BrowserContext> =>
    env.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: lang === 'ar' ? 'ar-EG' : 'en-GB' });

  async function signIn(context: BrowserContext, lang: Lang, who: Person): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${base}/login?lang=${lang}`);
    await page.locator('input[name="email"]').fill(who.email);
    await page.locator('input[name="password"]').fill(who.password);
    await page.locator('form[action^="/login"] button[type="submit"]').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    return page;
  }

  /** The page in its language and direction, at 1280 and 390 px: no sideways scrolling, axe clean, a screenshot of each. */
  async function check(page: Page, lang: Lang, name: string) {
    expect(await page.getAttribute('html', 'lang'), name).toBe(lang);
    expect(await page.getAttribute('html', 'dir'), name).toBe(lang === 'ar' ? 'rtl' : 'ltr');
    // English data (the test group's English-only titles and names) marked with its language or isolated (WCAG 3.1.2);
    // the file formats' product names (Word, PowerPoint) are the names Arabic uses too.
    if (lang === 'ar')
      expect(await englishOutsideLang(page, [translator('ar')('document.fileHint')]), `${name}: English data not marked`).toEqual([]);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(sideways, `${name} scrolls sideways at ${width} px (${lang})`).toBeLessThanOrEqual(0);
      // A stacked table's cell is a grid of its label and one value: more children would each take a grid cell.
      const split = await page.$$eval('table.stack td, table.stack tbody th', (cells) =>
        cells
          .filter((c) => [...c.childNodes].filter((n) => n.nodeType === 1 || (n.textContent ?? '').trim() !== '').length > 1)
          .map((c) => (c.textContent ?? '').trim()),
      );
      expect(split, `${name}: stacked cells of several parts`).toEqual([]);
      await expectNoAxeViolations(page);
      await page.screenshot({ path: path.join(SHOTS, `${name}-${lang}-${width}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  /** Waits until the element `selector` names has the focus; fails if it never does. */
  const focusOn = (page: Page, selector: string) =>
    page.waitForFunction((s) => document.activeElement?.matches(s) === true, selector, { timeout: 10_000 });

  for (const lang of ['en', 'ar'] as const) {
    const t = translator(lang);

    it(
      `a delegate's registration waits; their focal point approves two and declines one with a reason (${lang})`,
      async () => {
        const meeting = await buildMeeting(env.ctx, { group, sessions: ['WG1'] });
        const focal = await buildPerson(env.ctx, { category: 'member-state' });
        const delegates = [] as Person[];
        for (let i = 0; i < 4; i++) delegates.push(await buildPerson(env.ctx, { category: 'member-state' }));
        const [browserDelegate, second, third, invitee] = delegates as [Person, Person, Person, Person];
        const organization = await api('POST', '/api/organizations', staff, {
          name: { en: `Administration ${lang}` },
          country: 'KR',
          category: 'member-state',
        });
        for (const [person, focalPoint] of [[focal, true], ...delegates.map((d) => [d, false])] as [Person, boolean][])
          await api('PUT', `/api/organizations/${organization.id}/members`, staff, { email: person.email, focalPoint });

        // The delegate registers in the browser and is told their registration waits for approval.
        const delegateContext = await contextFor(lang);
        const page = await signIn(delegateContext, lang, browserDelegate);
        await page.goto(`${base}/meetings/${meeting.id}/register?lang=${lang}`);
        await page.locator('input[name="mode"][value="remote"]').check();
        await page.locator('input[type="checkbox"][name="consent"]').check();
        await page.locator('main form button[type="submit"]').last().click();
        await page.waitForURL(/\/registrations\/\d+\?done=registered/);
        expect(await page.locator('main').textContent()).toContain(t('registration.pendingApproval.title'));
        await check(page, lang, 'registration-waiting');
        await delegateContext.close();
        // Two more of the organization's people register through the API.
        for (const person of [second, third])
          await api('POST', `/api/meetings/${meeting.id}/registrations`, await createApiToken(env.ctx, person), {
            mode: 'remote',
            sessions: ['WG1'],
          });

        // The focal point sees how many wait on the home page and follows the notice to the queue.
        const context = await contextFor(lang);
        const fp = await signIn(context, lang, focal);
        await fp.goto(`${base}/?lang=${lang}`);
        const notice = fp.locator('main').getByText(t('approvals.home', { count: 3 }));
        expect(await notice.count()).toBe(1);
        await fp.locator(`main a[href="/approvals"]`).first().click();
        await fp.waitForURL(/\/approvals/);
        const rows = fp.locator('form input[type="checkbox"][name="registrationIds"]');
        expect(await rows.count()).toBe(3);
        await check(fp, lang, 'approvals');

        // Two ticked (from the keyboard) and approved.
        const box = (who: Person) => fp.locator('tr', { hasText: who.email }).locator('input[name="registrationIds"]');
        for (const who of [browserDelegate, second]) {
          await box(who).focus();
          await fp.keyboard.press('Space');
          expect(await box(who).isChecked()).toBe(true);
        }
        await fp.locator('button[name="decision"][value="approve"]').click();
        await fp.waitForURL(/done=approved/);
        expect(await fp.getByRole('status').first().textContent()).toContain(t('approvals.done.approved', { count: 2 }));
        expect(await rows.count()).toBe(1);
        await check(fp, lang, 'approvals-approved');

        // Declining without a reason is refused: the summary has the focus and leads to the reason.
        await box(third).check();
        await fp.locator('button[name="decision"][value="decline"]').click();
        const summary = fp.locator('.error-summary');
        await summary.waitFor();
        await focusOn(fp, '.error-summary');
        expect(await summary.textContent()).toContain(t('approvals.reason'));
        const toReason = summary.locator('a[href="#f-reason"]');
        expect(await toReason.count()).toBe(1);
        expect(await box(third).isChecked(), 'the choice is kept').toBe(true);
        expect(await fp.locator('#f-reason').getAttribute('aria-invalid')).toBe('true');
        await check(fp, lang, 'approvals-error');
        await toReason.focus();
        await fp.keyboard.press('Enter');
        // Following the link puts the focus in the reason field, where the typing goes.
        await focusOn(fp, '#f-reason');
        await fp.keyboard.type(lang === 'ar' ? 'لا مقعد متاح لوفدنا' : 'No place for our delegation this time');
        await fp.locator('button[name="decision"][value="decline"]').click();
        await fp.waitForURL(/done=declined/);
        expect(await fp.getByRole('status').first().textContent()).toContain(t('approvals.done.declined', { count: 1 }));
        expect(await rows.count()).toBe(0);

        // The focal point's own form to register a delegate of the organization.
        await fp.goto(`${base}/meetings/${meeting.id}/delegates?lang=${lang}`);
        await check(fp, lang, 'delegates');
        await fp.locator('input[name="email"]').fill(invitee.email);
        await fp.locator('input[name="mode"][value="remote"]').check();
        await fp.locator('main form button[type="submit"]').last().click();
        await fp.locator('main [role="status"]').first().waitFor();
        expect(await fp.locator('main [role="status"]').first().textContent()).toMatch(/\d/);
        await check(fp, lang, 'delegates-done');
        await context.close();
      },
      STEP_TIMEOUT,
    );

    it(
      `a delegate reserves a number from the keyboard, then uploads the document under it (${lang})`,
      async () => {
        const meeting = await buildMeeting(env.ctx, { group });
        const delegate = await buildPerson(env.ctx, { category: 'sector-member' });
        const context = await contextFor(lang);
        const page = await signIn(context, lang, delegate);
        await page.goto(`${base}/meetings/${meeting.id}/documents/reserve?lang=${lang}`);
        await check(page, lang, 'reserve');
        // Title, sources and a working group typed and ticked from the keyboard, then sent with Enter.
        const title = lang === 'ar' ? 'الصوت المكاني للمندوبين عن بعد' : 'Spatial audio for remote delegates';
        await page.locator('input[name="title"]').focus();
        await page.keyboard.type(title);
        await page.keyboard.press('Tab');
        await focusOn(page, 'input[name="sources"]');
        await page.keyboard.type('ETRI');
        await page.keyboard.press('Tab');
        await focusOn(page, 'input[name="workingGroups"]');
        await page.keyboard.press('Space');
        expect(await page.locator('input[name="workingGroups"]').first().isChecked()).toBe(true);
        await page.locator('main form button[type="submit"]').focus();
        await page.keyboard.press('Enter');
        await page.waitForURL(/\/documents\/[A-Z0-9-]+\?done=reserved/);
        const reserved = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1)!);
        expect(await page.getByRole('status').first().textContent()).toContain(reserved);
        await check(page, lang, 'reserved');

        // Later: the upload form, reached from the outcome, carries the number.
        await page
          .locator(`a[href*="reservation=${encodeURIComponent(reserved)}"]`)
          .first()
          .click();
        await page.waitForURL(/\/documents\/new\?reservation=/);
        expect(await page.locator('[name="reservation"]').inputValue()).toBe(reserved);
        expect(await page.locator('input[name="title"]').inputValue()).toBe(title);
        await check(page, lang, 'upload-form');
        const file = path.join(tmpDir, `spatial-audio-${lang}.docx`);
        fs.writeFileSync(file, await docxWith(['Spatial audio lets remote delegates tell speakers apart.']));
        await page.locator('input[type="file"][name="file"]').setInputFiles(file);
        await page.locator('main form button[type="submit"]').last().click();
        await page.waitForURL(new RegExp(`/documents/${reserved}\\?done=submitted`));
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(reserved);
        await check(page, lang, 'document-uploaded');
        await context.close();
      },
      STEP_TIMEOUT,
    );

    it(
      `a chair records a session's decisions from the keyboard and the public page shows them (${lang})`,
      async () => {
        const meeting = await buildMeeting(env.ctx, { group, sessions: ['WG1'] });
        const session = meeting.sessions[0]!.id;
        const d1 = await buildDocument(env.ctx, { meeting, title: 'Metaverse use cases' });
        const d2 = await buildDocument(env.ctx, { meeting, title: 'Interoperability' });
        const d3 = await buildDocument(env.ctx, { meeting, title: 'Metaverse use cases (revised)' });
        const secretariat = await secretariatOf(env.ctx);
        await saveDraft(env.ctx, secretariat, session, {
          items: [
            { title: 'Opening' },
            { title: 'Contributions', documents: [d1.number, d2.number] },
            { title: 'Revisions', documents: [d3.number] },
          ],
        });
        await publishDraft(env.ctx, secretariat, session);

        const context = await contextFor(lang);
        const page = await signIn(context, lang, chair);
        await page.goto(`${base}/meetings/${meeting.id}/decisions?lang=${lang}`);
        await page.locator(`main a[href="/meetings/${meeting.id}/sessions/${session}/decisions"]`).first().click();
        await page.waitForURL(new RegExp(`/sessions/${session}/decisions`));
        await check(page, lang, 'decisions-editor');
        // The hint on related numbers gives one of this meeting's as an example.
        expect(await page.locator('form.decisions-editor p.hint').textContent()).toContain(d3.number);

        // d1 revised by d3 (the decision chosen with the arrow keys, Tab to the number), d2 noted with a note.
        const select = (row: number) => page.locator(`select[name="r_${row}_decision"]`);
        const choose = async (row: number, kind: (typeof decisionKinds)[number]) => {
          await select(row).focus();
          for (let i = 0; i <= decisionKinds.indexOf(kind); i++) await page.keyboard.press('ArrowDown');
          expect(await select(row).inputValue()).toBe(kind);
        };
        await choose(0, 'revised');
        await page.keyboard.press('Tab');
        await focusOn(page, 'input[name="r_0_related"]');
        await page.keyboard.type(d3.number);
        await choose(1, 'noted');
        await page.keyboard.press('Tab');
        await page.keyboard.press('Tab');
        await focusOn(page, 'input[name="r_1_note"]');
        await page.keyboard.type(lang === 'ar' ? 'مع الشكر للمساهمين' : 'With thanks to the contributors');
        await page.locator('form.decisions-editor button[type="submit"]').focus();
        await page.keyboard.press('Enter');
        await page.waitForURL(new RegExp(`/meetings/${meeting.id}/decisions\\?notice=saved`));

        const main = (await page.locator('main').textContent()) ?? '';
        expect(main).toContain(t('decision.kind.revised'));
        expect(main).toContain(t('decision.kind.noted'));
        expect(await page.locator(`main .decision-related a[href="/documents/${d3.number}"]`).count()).toBe(1);
        await check(page, lang, 'decisions-public');
        // Anyone reads it too.
        const visitor = await contextFor(lang);
        const anonymous = await visitor.newPage();
        await anonymous.goto(`${base}/meetings/${meeting.id}/decisions?lang=${lang}`);
        expect(await anonymous.locator('main').textContent()).toContain(t('decision.kind.revised'));
        await visitor.close();
        await context.close();
      },
      STEP_TIMEOUT,
    );

    it(
      `the secretariat writes the report's summary, issues it after confirming, and opens the issued version (${lang})`,
      async () => {
        const meeting = await buildMeeting(env.ctx, { group, sessions: ['WG1'], languages: ['en', 'ar'] });
        const session = meeting.sessions[0]!.id;
        const contribution = await buildDocument(env.ctx, { meeting, title: 'Avatar interoperability' });
        const secretariat = await secretariatOf(env.ctx);
        await saveDraft(env.ctx, secretariat, session, { items: [{ title: 'Contributions', documents: [contribution.number] }] });
        await publishDraft(env.ctx, secretariat, session);
        const staffPerson = await buildPerson(env.ctx, { role: 'secretariat' });

        const context = await contextFor(lang);
        const page = await signIn(context, lang, staffPerson);
        await page.goto(`${base}/meetings/${meeting.id}/report?lang=${lang}`);
        expect(await page.locator('main').textContent()).toContain(contribution.number);
        await check(page, lang, 'report-draft');
        const summary = lang === 'ar' ? 'وافق الفريق العامل على المساهمة.' : 'The working group agreed the contribution.';
        await page.locator('textarea[name="text_summary"]').fill(summary);
        await page.locator('form.report-texts button[type="submit"]').click();
        await page.waitForURL(new RegExp(`/meetings/${meeting.id}/report`));
        expect(await page.locator('.report-preview').textContent()).toContain(summary);

        await page.locator(`form[action="/meetings/${meeting.id}/report/issue"] button[type="submit"]`).click();
        // A confirmation page says what issuing does before anything is frozen.
        await page.waitForSelector('main form button[type="submit"]');
        await check(page, lang, 'report-confirm-issue');
        await page.locator('main form button[type="submit"]').first().click();
        await page.waitForURL(/notice=created/);
        await page.locator(`main a[href^="/meetings/${meeting.id}/reports/1"]`).first().click();
        await page.waitForURL(new RegExp(`/meetings/${meeting.id}/reports/1`));
        expect(await page.locator('main').textContent()).toContain(summary);
        await check(page, lang, 'report-issued');
        await context.close();
      },
      STEP_TIMEOUT,
    );
  }
});
