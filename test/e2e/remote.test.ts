import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSecretariat } from '../../demo/fg-mv.ts';
import { type BrowserApp, expectNoAxeViolations, startBrowserApp } from './support.ts';

describe('remote participation in Chromium', () => {
  let env: BrowserApp;
  let browser: Browser;
  let base = '';

  beforeAll(async () => {
    env = await startBrowserApp();
    ({ browser, base } = env);
  });
  afterAll(() => env?.close());

  it('lets the secretariat enter the details in an accessible form and shows them on the meeting page', async () => {
    const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    await page.goto(`${base}/login?next=/meetings/1/remote`);
    await page.getByLabel('E-mail address').fill(demoSecretariat.email);
    await page.getByLabel('Password').fill(demoSecretariat.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/meetings\/1\/remote/);
    await expectNoAxeViolations(page);

    const whole = page.getByRole('group', { name: 'Whole meeting' });
    await whole.getByLabel('Link to join').fill('http://not-secure.example/j/1');
    await whole.getByLabel('Passcode').fill('E2E-PASS-3141');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('https://');
    await expectNoAxeViolations(page);

    await page.getByRole('group', { name: 'Whole meeting' }).getByLabel('Link to join').fill('https://itu.zoom.us/j/3141');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/notice=saved/);
    await page.goto(`${base}/meetings/1`);
    expect(await page.locator('#remote').textContent()).toContain('E2E-PASS-3141');
    await expectNoAxeViolations(page);
    await page.goto(`${base}/meetings/1?lang=zh`);
    await expectNoAxeViolations(page);
    await page.close();

    const visitor = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    await visitor.goto(`${base}/meetings/1`);
    expect(await visitor.content()).not.toContain('E2E-PASS-3141');
    // The demo's meeting ended in May 2023: a past meeting promises a visitor no details.
    expect(await visitor.locator('#remote').count()).toBe(0);
    expect(await visitor.content()).not.toContain('Remote participation details are sent to registered participants.');
    await expectNoAxeViolations(visitor);
    await visitor.close();
  });
});
