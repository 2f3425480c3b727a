import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSecretariat } from '../../demo/fg-mv.ts';
import { getMeeting, listGroupMeetings } from '../../src/modules/meetings/service.ts';
import { buildDocument, buildPerson, buildRegistration } from '../support/factories.ts';
import { type BrowserApp, englishOutsideLang, startBrowserApp } from './support.ts';

const STEP_TIMEOUT = 180_000;

/**
 * Issue 13 §5, WCAG 3.1.2: on Arabic pages the demo's English-only data (the upcoming meeting's title, the agenda,
 * names, organizations, document titles) is marked with its language or isolated as a name, never left to be read
 * as Arabic. The rule is `englishOutsideLang` (support.ts).
 */
describe('data in another language than the page, on Arabic pages', () => {
  let env: BrowserApp;
  let upcoming = 0;
  let number = '';
  let firstSession = 0;
  beforeAll(async () => {
    env = await startBrowserApp();
    const meetings = await listGroupMeetings(env.ctx, 'FG-MV');
    // The demo's first upcoming meeting: by first day, the past one, it, then the one asking for approval.
    const meeting = await getMeeting(env.ctx, meetings[1]!.meeting.id);
    upcoming = meeting.meeting.id;
    firstSession = meeting.sessions[0]!.id;
    const person = await buildPerson(env.ctx, {
      givenName: 'Leonidas',
      familyName: 'Anthopoulos',
      organization: 'University of Thessaly (Greece)',
    });
    await buildRegistration(env.ctx, { meeting, person, visaRequest: true });
    const document = await buildDocument(env.ctx, {
      meeting,
      author: person,
      title: 'Haptic feedback in shared virtual spaces',
      sources: ['University of Thessaly'],
    });
    number = document.number;
  });
  afterAll(() => env?.close());

  async function englishOn(page: Page, path: string): Promise<string[]> {
    const response = await page.goto(`${env.base}${path}${path.includes('?') ? '&' : '?'}lang=ar`);
    expect(response?.status(), path).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    return (await englishOutsideLang(page)).map((text) => `${path}: ${text}`);
  }

  it(
    'public pages',
    async () => {
      const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ar-EG' });
      const page = await context.newPage();
      const found: string[] = [];
      for (const path of [
        '/',
        '/groups',
        '/groups/fg-mv',
        '/meetings/1',
        `/meetings/${upcoming}`,
        '/meetings/1/circular',
        `/sessions/${firstSession}/agenda`,
        `/documents/${number}`,
        '/search?q=haptic',
      ]) {
        found.push(...(await englishOn(page, path)));
      }
      expect(found).toEqual([]);
      await context.close();
    },
    STEP_TIMEOUT,
  );

  it(
    "the secretariat's pages",
    async () => {
      const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ar-EG' });
      const page = await context.newPage();
      await page.goto(`${env.base}/login?lang=ar`);
      await page.locator('input[name="email"]').fill(demoSecretariat.email);
      await page.locator('input[name="password"]').fill(demoSecretariat.password);
      await page.locator('form[action^="/login"] button[type="submit"]').click();
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      const found: string[] = [];
      for (const path of [
        '/',
        '/console',
        `/console/meetings/${upcoming}/registrations`,
        '/console/visas',
        '/console/bureaus',
        `/meetings/${upcoming}`,
      ]) {
        found.push(...(await englishOn(page, path)));
      }
      expect(found).toEqual([]);
      await context.close();
    },
    STEP_TIMEOUT,
  );
});
