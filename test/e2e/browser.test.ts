import { eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSecretariat } from '../../demo/fg-mv.ts';
import { accounts } from '../../src/modules/accounts/schema.ts';
import { outbox } from '../../src/platform/mail/schema.ts';
import { type BrowserApp, expectNoAxeViolations, startBrowserApp } from './support.ts';

describe('in Chromium', () => {
  let env: BrowserApp;
  let browser: Browser;
  let base = '';

  beforeAll(async () => {
    env = await startBrowserApp();
    ({ browser, base } = env);
  });
  afterAll(() => env?.close());

  it('reads FG-MV in English, switches to Chinese, and passes axe on both', async () => {
    const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    // The home page: the meetings ahead, as a visitor sees them.
    await page.goto(`${base}/`);
    expect(await page.locator('#upcoming-h').count()).toBe(1);
    await expectNoAxeViolations(page);
    await page.goto(`${base}/design`);
    await expectNoAxeViolations(page);
    await page.goto(`${base}/groups/fg-mv`);
    expect(await page.locator('h1').textContent()).toBe('ITU-T Focus Group on Metaverse');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('table').first().textContent()).toContain('Shin-Gak Kang');
    await expectNoAxeViolations(page);

    // The language switcher is one control: open it, then choose.
    await page.locator('details.language-menu > summary').click();
    await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: '中文' }).click();
    await page.waitForURL(/lang=zh/);
    expect(await page.locator('h1').textContent()).toBe('ITU-T元宇宙焦点组');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hans');
    expect(await page.content()).toContain('第5工作组');
    await expectNoAxeViolations(page);

    // The choice is remembered without the query parameter.
    await page.goto(`${base}/groups/fg-mv`);
    expect(await page.locator('h1').textContent()).toBe('ITU-T元宇宙焦点组');

    if (process.env.SCREENSHOTS) await page.screenshot({ path: `${process.env.SCREENSHOTS}/group-zh.png`, fullPage: true });
    await page.getByRole('link', { name: /第5工作组和第6工作组会议/ }).click();
    expect(await page.locator('table.deadlines').textContent()).toContain('2023年4月21日');
    await expectNoAxeViolations(page);
    if (process.env.SCREENSHOTS) await page.screenshot({ path: `${process.env.SCREENSHOTS}/meeting-zh.png`, fullPage: true });
    await page.close();
  });

  it('signs up (after fixing errors), logs out and logs in again', async () => {
    const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    await page.goto(`${base}/signup`);
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Create account' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('There is a problem');
    if (process.env.SCREENSHOTS) await page.screenshot({ path: `${process.env.SCREENSHOTS}/signup-errors.png`, fullPage: true });
    await expectNoAxeViolations(page);

    const email = `delegate-${Date.now()}@example.org`;
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password').fill('a long enough secret');
    await page.getByLabel('Title').selectOption('Ms');
    await page.getByLabel('Given name').fill('Nadia');
    await page.getByLabel('Family name').fill('Okafor');
    await page.getByLabel('Organization').fill('Example Communications Authority');
    await page.getByLabel('Country').selectOption('NG');
    await page.getByLabel('Membership category').selectOption('member-state');
    await page.getByRole('button', { name: 'Create account' }).click();
    expect(await page.locator('h1').textContent()).toBe('Check your mail');
    await expectNoAxeViolations(page);

    // The account is made when the mailed link is opened.
    const [mail] = await env.ctx.db.select().from(outbox).where(eq(outbox.toAddress, email));
    await page.goto(/https?:\/\/\S+\/account\/verify\?token=\S+/.exec(mail!.textBody!)![0]);
    expect(await page.locator('h1').textContent()).toBe('Your account is ready');
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Log in' }).last().click();
    await page.waitForURL(/\/login/);
    await expectNoAxeViolations(page);
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password').fill('a long enough secret');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${base}/account`);
    expect(await page.locator('h1').textContent()).toBe('My account');
    expect(await page.content()).toContain(email);
    await expectNoAxeViolations(page);

    // Two-factor set-up: the key as a QR code and as text, and the confirmation form.
    await page.getByRole('link', { name: 'Set up two-factor authentication' }).click();
    await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
    await page.waitForURL(/\/account\/two-factor$/);
    expect(await page.locator('img.qr').getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(await page.locator('img.qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await expectNoAxeViolations(page);
    if (process.env.SCREENSHOTS) await page.screenshot({ path: `${process.env.SCREENSHOTS}/two-factor.png`, fullPage: true });
    await page.close();
  });

  it('lets the secretariat edit the group and schedule a meeting, with accessible forms', async () => {
    const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    await page.goto(`${base}/login?next=/groups/fg-mv/edit`);
    await page.getByLabel('E-mail address').fill(demoSecretariat.email);
    await page.getByLabel('Password').fill(demoSecretariat.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/groups\/fg-mv\/edit/);
    await expectNoAxeViolations(page);
    if (process.env.SCREENSHOTS) await page.screenshot({ path: `${process.env.SCREENSHOTS}/group-edit.png`, fullPage: true });

    await page.goto(`${base}/groups/fg-mv/meetings/new`);
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Create' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Add at least one session');
    await expectNoAxeViolations(page);

    await page.getByRole('group', { name: 'Title' }).getByLabel('In English').fill('WG3 meeting');
    await page.getByRole('combobox', { name: /^Time zone/ }).selectOption('Europe/Zurich');
    const first = page.getByRole('group', { name: 'Session 1' });
    await first.getByLabel('Subgroup').selectOption('WG3');
    await first.getByLabel('First day').fill('2031-03-10');
    await first.getByLabel('Last day').fill('2031-03-11');
    await first.getByLabel('Starts at').fill('09:30');
    await first.getByLabel('Ends at').fill('12:30');
    await first.getByRole('textbox', { name: /^Room/ }).fill('Popov Room');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/meetings\/\d+\?notice=created/);
    expect(await page.locator('h1').textContent()).toBe('WG3 meeting');
    expect(await page.locator('table.deadlines').textContent()).toContain('13 February 2031'); // 25 days before
    expect(await page.locator('section[aria-labelledby="sessions-h"] tbody').textContent()).toContain(
      '09:30–12:30 (Central European Time)',
    );
    await expectNoAxeViolations(page);
    await page.close();
  });

  it('someone signed in switches the language with the switcher, without script, and the account keeps it', async () => {
    const page = await (await browser.newContext({ locale: 'en-GB', javaScriptEnabled: false })).newPage();
    await page.goto(`${base}/login?next=/groups/fg-mv`);
    await page.getByLabel('E-mail address').fill(demoSecretariat.email);
    await page.getByLabel('Password').fill(demoSecretariat.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/groups\/fg-mv$/);
    await page.locator('details.language-menu > summary').click();
    await page.getByRole('navigation', { name: 'Language' }).getByRole('button', { name: 'Français' }).click();
    await page.waitForURL(/\/groups\/fg-mv\?lang=fr$/);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    const [account] = await env.ctx.db.select().from(accounts).where(eq(accounts.email, demoSecretariat.email));
    expect(account!.preferredLanguage).toBe('fr');
    await page.close();

    // The open switcher passes axe (which needs script) too.
    const withScript = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    await withScript.goto(`${base}/login?next=/groups/fg-mv`);
    await withScript.getByLabel('E-mail address').fill(demoSecretariat.email);
    await withScript.getByLabel('Password').fill(demoSecretariat.password);
    await withScript.getByRole('button', { name: 'Log in' }).click();
    await withScript.waitForURL(/\/groups\/fg-mv$/);
    await withScript.locator('details.language-menu > summary').click();
    // In French now, the account's language: the new context has no language cookie.
    expect(await withScript.locator('html').getAttribute('lang')).toBe('fr');
    expect(await withScript.getByRole('navigation', { name: 'Langue' }).getByRole('button').count()).toBe(6);
    await expectNoAxeViolations(withScript);
    await withScript.close();
  });
});
