import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoChair, demoSecretariat } from '../../demo/fg-mv.ts';
import { catalogs } from '../../src/platform/i18n/index.ts';
import { buildPerson } from '../support/factories.ts';
import { type BrowserApp, englishOutsideLang, expectNoAxeViolations, startBrowserApp } from './support.ts';

const STEP_TIMEOUT = 180_000;
type Lang = 'en' | 'ar';

/**
 * English interface messages an Arabic page must not show untranslated: every English message without
 * arguments whose Arabic differs (names, numbers and addresses are data, not messages, and are not in here).
 */
const englishOnly = new Set(
  Object.entries(catalogs.en)
    .filter(([key, en]) => !en.includes('{') && /[a-z]{3}/i.test(en) && (catalogs.ar as Record<string, string>)[key] !== en)
    .map(([, en]) => en.trim()),
);

/**
 * Issue 13 §6: each role's main journey in a real browser, at a desktop and a phone width, in English and
 * Arabic — passing axe, never scrolling sideways, with no unfilled {placeholder}, no English interface
 * text on an Arabic page and no English data there without its language mark, and ending on pages that say
 * what comes next.
 */
describe('journeys of a delegate, a chair and the secretariat', () => {
  let env: BrowserApp;
  let base = '';
  let upcoming = 0;
  let firstSession = 0;
  beforeAll(async () => {
    env = await startBrowserApp();
    base = env.base;
    const meetings = (await (await fetch(`${base}/api/groups/fg-mv/meetings`)).json()) as { id: number }[];
    // The demo's first upcoming meeting: by first day, the past one, it, then the one asking for approval.
    upcoming = meetings[1]!.id;
    const detail = (await (await fetch(`${base}/api/meetings/${upcoming}`)).json()) as { sessions: { id: number }[] };
    firstSession = detail.sessions[0]!.id;
  });
  afterAll(() => env?.close());

  /** Everything a page must be, whoever reads it. */
  async function looksRight(page: Page, lang: Lang, what: string) {
    expect(await page.getAttribute('html', 'lang'), what).toBe(lang);
    const found = await page.evaluate(() => {
      const texts: { text: string; lang: string }[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = (node.textContent ?? '').trim();
        const parent = node.parentElement;
        if (!text || !parent || parent.closest('script, style, .visually-hidden[aria-hidden="true"]')) continue;
        texts.push({ text, lang: parent.closest('[lang]')?.getAttribute('lang') ?? '' });
      }
      return {
        sideways: document.documentElement.scrollWidth - window.innerWidth,
        placeholders: (document.body.textContent ?? '').match(/\{[a-zA-Z]+\}/g) ?? [],
        texts,
      };
    });
    expect(found.sideways, `${what} scrolls sideways`).toBeLessThanOrEqual(0);
    expect(found.placeholders, what).toEqual([]);
    if (lang === 'ar') {
      const untranslated = found.texts.filter((t) => t.lang.startsWith('ar') && englishOnly.has(t.text)).map((t) => t.text);
      expect(untranslated, `${what}: English text on an Arabic page`).toEqual([]);
      // English data (the demo's English-only titles, names) marked with its language or isolated (WCAG 3.1.2).
      expect(await englishOutsideLang(page), `${what}: English data not marked on an Arabic page`).toEqual([]);
    }
    await expectNoAxeViolations(page);
  }

  async function signIn(context: BrowserContext, lang: Lang, email: string, password: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${base}/login?lang=${lang}`);
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill(password);
    await page.locator('form[action^="/login"] button[type="submit"]').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    return page;
  }

  for (const lang of ['en', 'ar'] as const) {
    for (const width of [1280, 390] as const) {
      const size = { viewport: { width, height: 900 }, locale: lang === 'ar' ? 'ar-EG' : 'en-GB' };

      it(
        `a delegate registers and is told what comes next (${lang}, ${width} px)`,
        async () => {
          const person = await buildPerson(env.ctx, { category: 'member-state' });
          const context = await env.browser.newContext(size);
          const page = await signIn(context, lang, person.email, person.password);
          await page.goto(`${base}/meetings/${upcoming}?lang=${lang}`);
          await looksRight(page, lang, 'meeting page');
          await page.locator(`main a[href="/meetings/${upcoming}/register"]`).first().click();
          await page.waitForURL(/\/register/);
          await looksRight(page, lang, 'registration form');
          await page.locator('input[name="mode"][value="remote"]').check();
          await page.locator('input[type="checkbox"][name="consent"]').check();
          await page.locator('main form button[type="submit"]').last().click();
          await page.waitForURL(/\/registrations\/\d+\?done=registered/);
          const outcome = page.locator('.outcome');
          expect(await outcome.getAttribute('role')).toBe('status');
          expect(await outcome.locator('.next-steps li').count()).toBeGreaterThanOrEqual(2);
          expect(await outcome.textContent()).toContain(person.email);
          await looksRight(page, lang, 'registration outcome');
          await context.close();
        },
        STEP_TIMEOUT,
      );

      it(
        `a chair revises and publishes a session's agenda after a confirmation (${lang}, ${width} px)`,
        async () => {
          const context = await env.browser.newContext(size);
          const page = await signIn(context, lang, demoChair.email, demoChair.password);
          await page.goto(`${base}/meetings/${upcoming}?lang=${lang}`);
          const tools = page.locator('#officer-tools');
          expect(await tools.count()).toBe(1);
          await looksRight(page, lang, "chair's meeting page");
          await tools.locator(`a[href="/sessions/${firstSession}/agenda/edit"]`).click();
          await page.waitForURL(/\/agenda\/edit/);
          await looksRight(page, lang, 'agenda editor');
          await page.locator('[name="items_0_title"]').fill(`Opening (${lang}, ${width})`);
          await page.locator('main form[action$="/agenda/edit"] button[type="submit"]').last().click();
          await page.waitForURL(new RegExp(`/sessions/${firstSession}/agenda`));
          await page.locator('main form[action$="/agenda/publish"] button[type="submit"]').click();
          // The confirmation page says what will happen, and nothing is public until confirmed.
          await page.locator('.consequences').waitFor();
          expect(await page.locator('.consequences li').count()).toBeGreaterThanOrEqual(2);
          await looksRight(page, lang, 'publish confirmation');
          await page.locator('main form button[name="_confirmed"]').click();
          await page.waitForURL(/notice=published/);
          expect(await page.locator('main').textContent()).toContain(`Opening (${lang}, ${width})`);
          await looksRight(page, lang, 'published agenda');
          await context.close();
        },
        STEP_TIMEOUT,
      );

      it(
        `the secretariat follows its dashboard to the registrations and the outbox (${lang}, ${width} px)`,
        async () => {
          const context = await env.browser.newContext(size);
          const page = await signIn(context, lang, demoSecretariat.email, demoSecretariat.password);
          await page.goto(`${base}/?lang=${lang}`);
          const figures = page.locator('.card-grid .stat');
          expect(await figures.count()).toBeGreaterThanOrEqual(3);
          await looksRight(page, lang, "secretariat's home");
          await page.locator(`.card-grid a[href="/console/meetings/${upcoming}/registrations"]`).click();
          await page.waitForURL(/\/registrations$/);
          await looksRight(page, lang, 'registrations console');
          await page.goto(`${base}/console/mail?lang=${lang}`);
          await looksRight(page, lang, 'outbox');
          await context.close();
        },
        STEP_TIMEOUT,
      );
    }
  }
});
