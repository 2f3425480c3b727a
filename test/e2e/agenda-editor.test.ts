import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoChair } from '../../demo/fg-mv.ts';
import { type BrowserApp, expectNoAxeViolations, startBrowserApp } from './support.ts';

const STEP_TIMEOUT = 120_000;

/**
 * Issue 13 §3: the agenda editor, a table of items, on a phone and a desktop, in English and Arabic: it never
 * scrolls sideways, passes axe, and a row moved with the keyboard keeps the focus and says where it went.
 */
describe('the agenda editor in a browser', () => {
  let env: BrowserApp;
  let base = '';
  let editor = '';
  beforeAll(async () => {
    env = await startBrowserApp();
    base = env.base;
    const meetings = (await (await fetch(`${base}/api/groups/fg-mv/meetings`)).json()) as { id: number }[];
    // The demo's first upcoming meeting: by first day, the past one, it, then the one asking for approval.
    const detail = (await (await fetch(`${base}/api/meetings/${meetings[1]!.id}`)).json()) as { sessions: { id: number }[] };
    editor = `/sessions/${detail.sessions.at(-1)!.id}/agenda/edit`;
  });
  afterAll(() => env?.close());

  /** Waits until the element `selector` names has the focus; fails if it never does. */
  const focusOn = (page: Page, selector: string) =>
    page.waitForFunction((s) => document.activeElement?.matches(s) === true, selector, { timeout: 10_000 });

  async function fits(page: Page, what: string) {
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(sideways, `${what} scrolls sideways`).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
  }

  for (const lang of ['en', 'ar'] as const) {
    for (const width of [390, 1280] as const) {
      it(
        `moves a row with the keyboard, without sideways scrolling, passing axe (${lang}, ${width} px)`,
        async () => {
          const context = await env.browser.newContext({ viewport: { width, height: 900 }, locale: lang === 'ar' ? 'ar-EG' : 'en-GB' });
          const page = await context.newPage();
          await page.goto(`${base}/login?lang=${lang}`);
          await page.locator('input[name="email"]').fill(demoChair.email);
          await page.locator('input[name="password"]').fill(demoChair.password);
          await page.locator('form[action^="/login"] button[type="submit"]').click();
          await page.waitForURL((url) => !url.pathname.startsWith('/login'));

          await page.goto(`${base}${editor}?lang=${lang}`);
          const rows = page.locator('form.agenda-editor tbody tr');
          const count = await rows.count();
          await fits(page, 'editor');
          // Two items typed, not saved, then the first one moved down from the keyboard.
          await page.locator(`[name="items_${count - 1}_title"]`).fill(`First (${lang})`);
          await page.locator('form.agenda-editor button[name="_add"]').click();
          // The new row's title has the focus (autofocus, applied once the page has loaded).
          await focusOn(page, `[name="items_${count}_title"]`);
          await page.keyboard.type(`Second (${lang})`);
          await page.locator(`form.agenda-editor button[name="_move"][value="down:${count}"]`).focus();
          await page.keyboard.press('Enter');
          // The moved row keeps the focus, on the button it still has at the bottom.
          await focusOn(page, `#item-row-${count + 1} button[name="_move"][value="up:${count + 1}"]`);

          expect(await page.locator(`[name="items_${count - 1}_title"]`).inputValue()).toBe(`Second (${lang})`);
          expect(await page.locator(`[name="items_${count}_title"]`).inputValue()).toBe(`First (${lang})`);
          expect(await page.locator('[role="status"].editor-status').textContent()).toMatch(new RegExp(`${count}.*${count + 1}`));
          await fits(page, 'editor after a move');
          await context.close();
        },
        STEP_TIMEOUT,
      );
    }
  }
});
