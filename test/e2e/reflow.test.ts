import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSecretariat } from '../../demo/fg-mv.ts';
import { getMeeting } from '../../src/modules/meetings/service.ts';
import { buildPerson, buildRegistration } from '../support/factories.ts';
import { type BrowserApp, expectNoAxeViolations, startBrowserApp } from './support.ts';

const STEP_TIMEOUT = 120_000;
const widths = [320, 390, 1280] as const;

/**
 * Reflow (WCAG 1.4.10): the key pages never scroll sideways, on the narrowest phone, a common one and a desktop,
 * in a left-to-right and a right-to-left language. A wide table scrolls inside its own region, or stacks.
 */
describe('no page scrolls sideways', () => {
  let env: BrowserApp;
  let browser: Browser;
  let base = '';
  let meetingId = 0;

  beforeAll(async () => {
    env = await startBrowserApp();
    ({ browser, base } = env);
    const meetings = (await (await fetch(`${base}/api/groups/fg-mv/meetings`)).json()) as { id: number }[];
    // The demo's first upcoming meeting: by first day, the past one, it, then the one asking for approval.
    meetingId = meetings[1]!.id;
    // The demo has no registrations: a few, with long names and a visa request, fill the secretariat's list.
    const meeting = await getMeeting(env.ctx, meetingId);
    const people = [
      {
        givenName: 'Anna-Katharina',
        familyName: 'Schwarzenberger-Hohenlohe',
        organization: 'Bundesnetzagentur für Elektrizität, Gas, Telekommunikation, Post und Eisenbahnen',
        country: 'DE',
      },
      { givenName: 'عبد الرحمن', familyName: 'القحطاني', organization: 'هيئة الاتصالات والفضاء والتقنية', country: 'SA' },
      { givenName: 'Wei', familyName: 'Zhang', organization: 'China Academy of Information and Communications Technology', country: 'CN' },
    ];
    for (const [i, person] of people.entries()) {
      await buildRegistration(env.ctx, { meeting, person: await buildPerson(env.ctx, person), visaRequest: i === 0 ? true : undefined });
    }
  });
  afterAll(() => env?.close());

  async function signedIn(context: BrowserContext, lang: 'en' | 'ar'): Promise<void> {
    const page = await context.newPage();
    await page.goto(`${base}/login?lang=${lang}`);
    await page.locator('input[name="email"]').fill(demoSecretariat.email);
    await page.locator('input[name="password"]').fill(demoSecretariat.password);
    await page.locator('form[action^="/login"] button[type="submit"]').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.close();
  }

  /** The pages of `paths` that scroll sideways at some width, with how wide they are. */
  async function overflowing(context: BrowserContext, lang: 'en' | 'ar', paths: string[]): Promise<string[]> {
    const page = await context.newPage();
    const found: string[] = [];
    for (const width of widths) {
      await page.setViewportSize({ width, height: 800 });
      for (const path of paths) {
        const response = await page.goto(`${base}${path}`);
        expect(response?.status(), path).toBe(200);
        expect(await page.getAttribute('html', 'lang'), path).toBe(lang);
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
        }));
        if (scrollWidth > innerWidth) found.push(`${path} at ${width} px: ${scrollWidth} px wide`);
        // The console's lists, stacked on a phone and in columns on a desktop, stay accessible either way.
        if (path.startsWith('/console') && width !== 390) await expectNoAxeViolations(page);
        // On a desktop the registrations fit without scrolling even inside their own region.
        if (width === 1280 && path.endsWith('/registrations')) {
          const region = page.getByRole('region', { name: lang === 'en' ? /^Registrations for/ : /^التسجيلات في/ });
          expect(await region.locator('tbody tr').count(), path).toBe(3);
          const { inner, outer } = await region.evaluate((el) => ({ inner: el.scrollWidth, outer: el.clientWidth }));
          if (inner > outer) found.push(`${path} at ${width} px: its table is ${inner} px in ${outer} px`);
        }
      }
    }
    await page.close();
    return found;
  }

  for (const lang of ['en', 'ar'] as const) {
    it(
      `fits 320, 390 and 1280 px in ${lang}, for a visitor and for the secretariat`,
      async () => {
        const context = await browser.newContext({ locale: lang === 'ar' ? 'ar-EG' : 'en-GB' });
        const visitor = await overflowing(context, lang, [
          `/?lang=${lang}`,
          '/groups/fg-mv',
          `/meetings/${meetingId}`,
          '/meetings/1#documents',
        ]);
        await signedIn(context, lang);
        const secretariat = await overflowing(context, lang, [
          '/',
          '/groups/fg-mv',
          `/meetings/${meetingId}`,
          `/console/meetings/${meetingId}/registrations`,
          '/meetings/1#documents',
          '/search?q=metaverse',
          '/console',
          '/console/mail',
          '/console/visas',
        ]);
        expect({ visitor, secretariat }).toEqual({ visitor: [], secretariat: [] });
        await context.close();
      },
      STEP_TIMEOUT,
    );
  }
});
