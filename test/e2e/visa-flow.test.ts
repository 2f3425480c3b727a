import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSecretariat } from '../../demo/fg-mv.ts';
import { createVerifiedUser } from '../../src/modules/accounts/sign-up.ts';
import type { AppContext } from '../../src/platform/context.ts';
import { translator } from '../../src/platform/i18n/index.ts';
import { addDays, dateInZone } from '../../src/platform/time.ts';
import { visaForm } from '../support/fixtures.ts';
import { inspectPdf } from '../support/pdf.ts';
import { type BrowserApp, expectNoAxeViolations, startBrowserApp } from './support.ts';

const STEP_TIMEOUT = 60_000;
const DEMO_TITLE = 'Meetings of FG-MV Working Groups 1 and 2 (demo)';
const PASSWORD = 'a long enough secret';
const t = translator('en');
const run = promisify(execFile);
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Same day some whole years away (29 February falls back to the 28th). */
function shiftYears(isoDate: string, years: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const day = m === 2 && d === 29 ? 28 : d;
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

interface ApiMeeting {
  id: number;
  title: string;
  sessions: { subgroup: string; startDate: string; endDate: string }[];
}

describe('visa support in Chromium: request, eligibility, approval and letter', () => {
  let browser: Browser;
  let env: BrowserApp;
  let ctx: AppContext;
  let base = '';
  let tmpDir = '';
  const contexts: BrowserContext[] = [];

  let meeting: ApiMeeting;
  let today = '';
  let firstDay = '';
  let lastDay = '';
  const delegate = { email: `wang-${Date.now()}@example.org`, givenName: '蕴韬', familyName: '王' };
  const outsider = { email: `expert-${Date.now()}@example.org`, givenName: 'Ada', familyName: 'Expert' };
  let delegatePage: Page;
  let registrationUrl = '';
  let registrationNumber = '';

  const newPage = async () => {
    const context = await browser.newContext({ locale: 'en-GB', acceptDownloads: true });
    contexts.push(context);
    return context.newPage();
  };

  const logIn = async (page: Page, email: string, password: string) => {
    await page.goto(`${base}/login`);
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  };

  beforeAll(async () => {
    env = await startBrowserApp();
    ({ browser, base, ctx } = env);

    await createVerifiedUser(ctx, {
      ...delegate,
      password: PASSWORD,
      title: 'Mr',
      organization: 'Ministry of Industry and Information Technology',
      country: 'CN',
      category: 'member-state',
    });
    await createVerifiedUser(ctx, { ...outsider, password: PASSWORD, organization: 'Independent', country: 'FR', category: 'non-member' });

    // The upcoming demo meeting: the one whose first session is after today (in the venue's time zone).
    today = dateInZone(new Date(), 'Europe/Zurich');
    const response = await fetch(`${base}/api/groups/fg-mv/meetings`);
    expect(response.status).toBe(200);
    const list = (await response.json()) as ApiMeeting[];
    const upcoming = list.find((m) => m.sessions.length > 0 && m.sessions.every((s) => s.startDate > today));
    expect(upcoming?.title).toBe(DEMO_TITLE);
    meeting = upcoming!;
    firstDay = meeting.sessions.map((s) => s.startDate).sort()[0]!;
    lastDay = meeting.sessions
      .map((s) => s.endDate)
      .sort()
      .at(-1)!;

    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-visa-e2e-'));
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await env?.close();
    if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
  });

  it(
    'lets a Member-State delegate register in person with a visa request',
    async () => {
      delegatePage = await newPage();
      const page = delegatePage;
      await logIn(page, delegate.email, PASSWORD);

      await page.goto(`${base}/meetings/${meeting.id}`);
      expect(await page.locator('h1').textContent()).toBe(DEMO_TITLE);
      await page.getByRole('link', { name: t('meeting.register') }).click();
      await page.waitForURL(new RegExp(`/meetings/${meeting.id}/register$`));
      expect(await page.locator('h1').textContent()).toBe(t('registration.heading'));

      await page.getByRole('radio', { name: t('registration.mode.in-person'), exact: true }).check();
      const sessions = page.getByRole('group', { name: t('registration.sessions') }).getByRole('checkbox');
      expect(await sessions.count()).toBe(meeting.sessions.length);
      for (const box of await sessions.all()) await box.check();

      const visaBox = page.getByRole('checkbox', { name: t('visa.request') });
      expect(await visaBox.isEnabled()).toBe(true);
      // A required field's label ends with its mark (" *", hidden from screen readers, which hear "required").
      const field = (key: Parameters<typeof t>[0]) => page.getByLabel(new RegExp(`^${escapeRegExp(t(key))}( \\*)?$`));
      expect(await field('visa.nameInPassport').isVisible()).toBe(false); // shown only once the box is ticked
      await visaBox.check();
      expect(await field('visa.nameInPassport').isVisible()).toBe(true);

      await field('visa.nameInPassport').fill(visaForm.visaRequest_nameInPassport);
      await field('visa.sex').selectOption(visaForm.visaRequest_sex);
      await field('visa.dateOfBirth').fill(visaForm.visaRequest_dateOfBirth);
      await field('visa.placeOfBirth').fill(visaForm.visaRequest_placeOfBirth);
      await field('visa.nationality').selectOption(visaForm.visaRequest_nationality);
      await field('visa.passportNumber').fill(visaForm.visaRequest_passportNumber);
      // Issued three years ago, valid for ten years: well beyond three months after departure.
      await field('visa.passportIssuedOn').fill(shiftYears(today, -3));
      await field('visa.passportExpiresOn').fill(shiftYears(today, 7));
      await field('visa.issuingAuthority').fill(visaForm.visaRequest_issuingAuthority);
      await field('visa.representationCity').fill(visaForm.visaRequest_representation_city);
      await field('visa.representationCountry').selectOption(visaForm.visaRequest_representation_country);
      await field('visa.arrivalDate').fill(addDays(firstDay, -1));
      await field('visa.departureDate').fill(addDays(lastDay, 1));

      await page.getByLabel(t('registration.consent')).check();
      await expectNoAxeViolations(page);

      await page.getByRole('button', { name: t('registration.submit'), exact: true }).click();
      await page.waitForURL(/\/registrations\/\d+/);
      const heading = (await page.locator('h1').textContent()) ?? '';
      const match = /^Registration (\S+)$/.exec(heading.trim());
      expect(match, `registration page heading: ${heading}`).not.toBeNull();
      registrationNumber = match![1]!;
      registrationUrl = new URL(page.url()).pathname;

      expect(await page.locator('dl.facts dd strong').first().textContent()).toBe(t('registration.status.registered'));
      const visa = page.getByRole('region', { name: t('visa.title') });
      expect(await visa.textContent()).toContain(`${t('visa.statusLabel')}: ${t('visa.status.requested')}`);
      expect(await visa.getByRole('link', { name: t('visa.downloadLetter') }).count()).toBe(0);
      await expectNoAxeViolations(page);
    },
    STEP_TIMEOUT,
  );

  it(
    'does not let a non-member request visa support, and says why',
    async () => {
      const page = await newPage();
      await logIn(page, outsider.email, PASSWORD);
      await page.goto(`${base}/meetings/${meeting.id}/register`);
      expect(await page.locator('h1').textContent()).toBe(t('registration.heading'));

      // Said up front, before the fields, and no box to tick.
      const reason = t('visa.notEligible', { category: t('category.non-member') });
      const notice = page.locator('.alert', { hasText: t('visa.title') });
      expect((await notice.locator('p:not(.alert-title)').textContent())?.trim()).toBe(reason);
      const noticeTop = (await notice.boundingBox())!.y;
      const modeTop = (await page.getByRole('radio', { name: t('registration.mode.in-person'), exact: true }).boundingBox())!.y;
      expect(noticeTop).toBeLessThan(modeTop);
      expect(await page.getByRole('checkbox', { name: t('visa.request') }).count()).toBe(0);
      // No passport fields are offered.
      expect(await page.getByLabel(t('visa.passportNumber')).count()).toBe(0);
      await expectNoAxeViolations(page);
    },
    STEP_TIMEOUT,
  );

  it(
    'lets the secretariat review the request and approve it',
    async () => {
      expect(registrationNumber).not.toBe('');
      const page = await newPage();
      await logIn(page, demoSecretariat.email, demoSecretariat.password);

      await page.goto(`${base}/console/visas`);
      expect(await page.locator('h1').textContent()).toBe(t('visa.queue'));
      const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: registrationNumber, exact: true }) });
      expect(await row.count()).toBe(1);
      expect(await row.textContent()).toContain(`${delegate.givenName} ${delegate.familyName}`);
      expect(await row.textContent()).toContain(t('visa.status.requested'));
      await expectNoAxeViolations(page);

      await page.getByRole('link', { name: registrationNumber, exact: true }).click();
      await page.waitForURL(/\/console\/visas\/\d+$/);
      expect(await page.locator('h1').textContent()).toBe(t('visa.review', { number: registrationNumber }));
      const facts = (await page.locator('dl.facts').textContent()) ?? '';
      expect(facts).toContain(visaForm.visaRequest_passportNumber);
      expect(facts).toContain(visaForm.visaRequest_nameInPassport);
      await expectNoAxeViolations(page);

      await page.getByRole('button', { name: t('visa.approve') }).click();
      // The letter goes out only once confirmed, on a page that says to whom.
      await page.waitForURL(/\/console\/visas\/\d+\/approve$/);
      expect(await page.locator('h1').textContent()).toBe(t('visa.confirm.title'));
      expect(await page.locator('.consequences').textContent()).toContain('@');
      await expectNoAxeViolations(page);
      await page.getByRole('button', { name: t('visa.approve') }).click();
      await page.waitForURL(/\/console\/visas\?notice=saved/);
      const after = page.getByRole('row').filter({ has: page.getByRole('link', { name: registrationNumber, exact: true }) });
      expect(await after.textContent()).toContain(t('visa.status.letter-sent'));
    },
    STEP_TIMEOUT,
  );

  it(
    'gives the delegate the letter as a PDF naming the passport holder and the meeting',
    async () => {
      expect(registrationUrl).not.toBe('');
      const page = delegatePage;
      await page.goto(`${base}${registrationUrl}`);
      const visa = page.getByRole('region', { name: t('visa.title') });
      expect(await visa.textContent()).toContain(`${t('visa.statusLabel')}: ${t('visa.status.letter-sent')}`);
      await expectNoAxeViolations(page);

      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 30_000 }),
        visa.getByRole('link', { name: t('visa.downloadLetter') }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`visa-letter-${registrationNumber}.pdf`);
      const file = path.join(tmpDir, download.suggestedFilename());
      await download.saveAs(file);
      expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');

      // pdftotext where poppler is installed, else pdf.js (unpdf). -layout may wrap or pad long lines; compare
      // with runs of white space collapsed.
      const extracted = spawnSync('pdftotext', ['-v']).error
        ? (await inspectPdf(fs.readFileSync(file))).text.join('\n')
        : (await run('pdftotext', ['-layout', file, '-'], { timeout: 20_000 })).stdout;
      const text = extracted.replace(/\s+/g, ' ');
      expect(text).toContain(visaForm.visaRequest_nameInPassport);
      expect(text).toContain(visaForm.visaRequest_passportNumber);
      expect(text).toContain(DEMO_TITLE);
    },
    STEP_TIMEOUT,
  );
});
