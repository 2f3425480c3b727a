import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifiedUser } from '../../src/modules/accounts/sign-up.ts';
import { translator } from '../../src/platform/i18n/index.ts';
import { docxWith } from '../support/documents.ts';
import { type BrowserApp, expectNoAxeViolations, startBrowserApp } from './support.ts';

const STEP_TIMEOUT = 60_000;
const PASSWORD = 'a long enough secret';
const t = translator('en');

describe('contributions in Chromium: template, submission, numbering, search', () => {
  let env: BrowserApp;
  let browser: Browser;
  let base = '';
  let page: Page;
  let tmpDir = '';
  let meetingId = 0;
  let number = '';
  const delegate = { email: `kim-${Date.now()}@example.org`, givenName: 'Min-jun', familyName: 'Kim' };

  beforeAll(async () => {
    env = await startBrowserApp();
    ({ browser, base } = env);
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-e2e-docs-'));
    await createVerifiedUser(env.ctx, { ...delegate, password: PASSWORD, organization: 'ETRI', country: 'KR', category: 'sector-member' });
    const meetings = (await (await fetch(`${base}/api/groups/fg-mv/meetings`)).json()) as {
      id: number;
      sessions: { startDate: string }[];
    }[];
    const today = new Date().toISOString().slice(0, 10);
    meetingId = meetings.find((m) => m.sessions.every((s) => s.startDate > today))!.id;
    const context = await browser.newContext({ locale: 'en-GB', acceptDownloads: true });
    page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.getByLabel('E-mail address').fill(delegate.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  }, STEP_TIMEOUT);

  afterAll(async () => {
    await env?.close();
    if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
  });

  it(
    'downloads the contribution template from the meeting page',
    async () => {
      await page.goto(`${base}/meetings/${meetingId}`);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: t('document.template') }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('FG-MV-contribution-template.docx');
      const file = path.join(tmpDir, download.suggestedFilename());
      await download.saveAs(file);
      const xml = new TextDecoder().decode(unzipSync(new Uint8Array(fs.readFileSync(file)))['word/document.xml']!);
      expect(xml).toContain('FGMV-I-');
      expect(xml).toContain('Meetings of FG-MV Working Groups 1 and 2');
      await expectNoAxeViolations(page);
    },
    STEP_TIMEOUT,
  );

  it(
    'submits a contribution through the form and sees it numbered on the meeting page',
    async () => {
      const contribution = path.join(tmpDir, 'holoportation.docx');
      fs.writeFileSync(contribution, await docxWith(['Holoportation of participants for hybrid meetings.', '全息传送技术用于混合会议。']));
      await page.goto(`${base}/meetings/${meetingId}`);
      await page.getByRole('link', { name: t('document.submit') }).click();
      await page.waitForURL(`${base}/meetings/${meetingId}/documents/new`);
      await expectNoAxeViolations(page);
      // A first attempt without a file is explained and keeps what was typed.
      await page.getByLabel(t('document.title')).fill('Holoportation for hybrid meetings');
      await page.getByLabel(t('document.source'), { exact: false }).first().fill('ETRI; Republic of Korea');
      await page.getByRole('checkbox', { name: 'WG1' }).check();
      await page.getByRole('button', { name: t('document.submit') }).click();
      expect(await page.getByRole('alert').textContent()).toContain(t('error.fileRequired'));
      expect(await page.getByLabel(t('document.title')).inputValue()).toBe('Holoportation for hybrid meetings');
      await expectNoAxeViolations(page);

      await page.getByLabel(t('document.abstract')).fill('How holoportation could let remote delegates take part.');
      await page.getByLabel(t('document.file')).setInputFiles(contribution);
      await page.getByRole('button', { name: t('document.submit') }).click();
      await page.waitForURL(/\/documents\/FGMV-I-\d{3}/);
      number = page.url().match(/FGMV-I-\d{3}/)![0];
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(`${number}: Holoportation for hybrid meetings`);
      await expectNoAxeViolations(page);

      await page.goto(`${base}/meetings/${meetingId}`);
      const row = page.getByRole('row', { name: new RegExp(number) });
      const rowText = await row.textContent();
      expect(rowText).toContain('Holoportation for hybrid meetings');
      expect(rowText).toContain('ETRI; Republic of Korea');
      expect(rowText).toContain('WG1');
      await expectNoAxeViolations(page);
    },
    STEP_TIMEOUT,
  );

  it(
    'reserves a number, downloads the template carrying it and uploads the document under it later',
    async () => {
      await page.goto(`${base}/meetings/${meetingId}`);
      await page.getByRole('link', { name: t('document.reserve') }).click();
      await page.waitForURL(`${base}/meetings/${meetingId}/documents/reserve`);
      await expectNoAxeViolations(page);
      await page.getByRole('button', { name: t('document.reserveSubmit') }).click();
      expect(await page.getByRole('alert').textContent()).toContain(t('error.required'));
      await expectNoAxeViolations(page);
      await page.getByLabel(t('document.title')).fill('Spatial audio for remote delegates');
      await page.getByLabel(t('document.source'), { exact: false }).first().fill('ETRI');
      await page.getByRole('checkbox', { name: 'WG2' }).check();
      await page.getByRole('button', { name: t('document.reserveSubmit') }).click();
      await page.waitForURL(/\/documents\/FGMV-I-\d{3}\?done=reserved/);
      const reserved = page.url().match(/FGMV-I-\d{3}/)![0];
      expect(await page.getByRole('status').textContent()).toContain(reserved);
      await expectNoAxeViolations(page);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: t('document.reservedTemplate', { number: reserved }) }).click(),
      ]);
      const file = path.join(tmpDir, download.suggestedFilename());
      await download.saveAs(file);
      expect(new TextDecoder().decode(unzipSync(new Uint8Array(fs.readFileSync(file)))['word/document.xml']!)).toContain(reserved);

      await page
        .getByRole('link', { name: t('document.reservedUpload', { number: reserved }) })
        .first()
        .click();
      expect(await page.getByLabel(t('document.reservationField')).inputValue()).toBe(reserved);
      expect(await page.getByLabel(t('document.title')).inputValue()).toBe('Spatial audio for remote delegates');
      await expectNoAxeViolations(page);
      await page.getByLabel(t('document.file')).setInputFiles(file);
      await page.getByRole('button', { name: t('document.submit') }).click();
      await page.waitForURL(`${base}/documents/${reserved}?done=submitted`);
    },
    STEP_TIMEOUT,
  );

  it(
    'finds the contribution by a word from inside the file, in English and Chinese',
    async () => {
      expect(number).not.toBe('');
      await page.goto(`${base}/search`);
      await page.getByLabel(t('search.query')).fill('holoportation');
      await page.getByRole('button', { name: t('search.submit') }).click();
      const hit = page.getByRole('listitem').filter({ hasText: number });
      expect(await hit.textContent()).toContain('Holoportation for hybrid meetings');
      expect(await hit.locator('mark').first().textContent()).toMatch(/holoportation/i);
      await expectNoAxeViolations(page);

      await page.goto(`${base}/search?q=${encodeURIComponent('全息传送')}`);
      expect(await page.getByRole('listitem').filter({ hasText: number }).count()).toBe(1);
    },
    STEP_TIMEOUT,
  );
});
