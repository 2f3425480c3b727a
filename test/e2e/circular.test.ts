import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSecretariat } from '../../demo/fg-mv.ts';
import { type BrowserApp, expectNoAxeViolations, startBrowserApp } from './support.ts';

const STEP_TIMEOUT = 60_000;

describe('the invitation circular in Chromium, in Arabic (right to left)', () => {
  let env: BrowserApp;
  let browser: Browser;
  let base = '';
  let page: Page;

  beforeAll(async () => {
    env = await startBrowserApp();
    ({ browser, base } = env);
    const context = await browser.newContext({ locale: 'ar-EG' });
    page = await context.newPage();
  }, STEP_TIMEOUT);

  afterAll(async () => {
    await env?.close();
  });

  it(
    'lays the page and the letter out right to left, with the deadline table in date order, and passes axe',
    async () => {
      const response = await page.goto(`${base}/meetings/1/circular?lang=ar`);
      expect(response?.status()).toBe(200);
      expect(await page.getAttribute('html', 'dir')).toBe('rtl');
      expect(await page.getAttribute('html', 'lang')).toBe('ar');
      const letter = page.locator('article.circular');
      expect(await letter.getAttribute('dir')).toBe('rtl');
      expect(await letter.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
      await expect.poll(() => letter.textContent()).toContain('90');
      expect(await letter.textContent()).toContain('FG-MV/CB');

      // Right to left: each row's date (its first cell) sits to the right of what is due.
      const rows = page.locator('table.key-deadlines tbody tr');
      expect(await rows.count()).toBe(3);
      const dates: string[] = [];
      for (let i = 0; i < 3; i++) {
        const row = rows.nth(i);
        dates.push((await row.locator('time').getAttribute('datetime')) ?? '');
        const [dateBox, whatBox] = [await row.locator('th').boundingBox(), await row.locator('td').boundingBox()];
        expect(dateBox!.x).toBeGreaterThan(whatBox!.x);
      }
      expect(dates).toEqual(['2023-04-14', '2023-04-21', '2023-05-02']);
      // The numbered paragraphs keep their number on the start (right) side.
      const numbered = page.locator('article.circular p.numbered').filter({ has: page.locator('span.number', { hasText: '2' }) });
      const [number, body] = [await numbered.locator('span.number').boundingBox(), await numbered.locator('span').nth(1).boundingBox()];
      expect(number!.x).toBeGreaterThan(body!.x);

      await expectNoAxeViolations(page);
    },
    STEP_TIMEOUT,
  );

  it(
    'offers the other languages and the PDF in the letter’s language',
    async () => {
      await page.goto(`${base}/meetings/1/circular?lang=ar`);
      const pdfLink = page.locator('a[href*="circular.pdf?lang=ar"]');
      expect(await pdfLink.count()).toBe(1);
      const pdf = await page.request.get(new URL((await pdfLink.getAttribute('href'))!, base).toString());
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

      await page.locator('nav.circular-tools a[hreflang="zh"]').click();
      await page.waitForURL(/lang=zh/);
      expect(await page.getAttribute('article.circular', 'dir')).toBe('ltr');
      const text = await page.locator('article.circular').textContent();
      for (const s of ['2023年4月14日', '2023年4月21日', '2023年5月2日', '第8工作组']) expect(text).toContain(s);
      await expectNoAxeViolations(page);
    },
    STEP_TIMEOUT,
  );

  it(
    'keeps the secretariat’s new pages accessible in Arabic: the circular’s management, bureaus, lists and agendas',
    async () => {
      const context = await browser.newContext({ locale: 'ar-EG' });
      const admin = await context.newPage();
      await admin.goto(`${base}/login?lang=ar`);
      await admin.locator('input[name="email"]').fill(demoSecretariat.email);
      await admin.locator('input[name="password"]').fill(demoSecretariat.password);
      await admin.locator('form[action^="/login"] button[type="submit"]').click();
      await admin.waitForURL((url) => !url.pathname.startsWith('/login'));
      const meetings = (await (await fetch(`${base}/api/groups/fg-mv/meetings`)).json()) as { id: number; sessions: { id: number }[] }[];
      // The demo's first upcoming meeting: by first day, the past one, it, then the one asking for approval.
      const upcoming = meetings[1]!;
      for (const path of [
        '/meetings/1/circular/manage',
        '/console/bureaus?code=TSB',
        '/groups/fg-mv/list',
        `/sessions/${upcoming.sessions[0]!.id}/agenda`,
        '/groups/fg-mv/announcements/new',
      ]) {
        const response = await admin.goto(`${base}${path}`);
        expect(response?.status(), path).toBe(200);
        expect(await admin.getAttribute('html', 'dir'), path).toBe('rtl');
        await expectNoAxeViolations(admin);
      }
      await context.close();
    },
    STEP_TIMEOUT * 2,
  );
});
