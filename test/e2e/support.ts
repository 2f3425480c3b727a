import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import pino from 'pino';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { seedDemo } from '../../demo/seed.ts';
import { buildApp } from '../../src/app.ts';
import { systemClock } from '../../src/platform/clock.ts';
import type { AppContext } from '../../src/platform/context.ts';
import { makeKeyring } from '../../src/platform/data-key.ts';
import { diskFileStore } from '../../src/platform/files/store.ts';
import { openTestDatabase, type TestDatabase, testConfig } from '../support/harness.ts';

/** WCAG 2.2 AA with axe-core, the 2.2 target-size rule switched on. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .options({ rules: { 'target-size': { enabled: true } } })
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary).toEqual([]);
}

export interface BrowserApp {
  base: string;
  ctx: AppContext;
  browser: Browser;
  close(): Promise<void>;
}

/** The app with the FG-MV demo on PGlite, listening on an ephemeral port, and Chromium. */
export async function startBrowserApp(): Promise<BrowserApp> {
  const database: TestDatabase = await openTestDatabase('pglite');
  // Links are built from the real address once the port is known.
  const config = { ...testConfig(), baseUrl: 'http://127.0.0.1', secureCookies: false };
  const keyring = makeKeyring(randomBytes(32));
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-e2e-files-'));
  const files = diskFileStore(filesDir);
  const ctx: AppContext = { db: database.db, clock: systemClock, config, log: pino({ level: 'silent' }), keyring, files };
  await seedDemo(ctx);
  const app = await buildApp({ db: database.db, clock: systemClock, config, keyring, files, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  config.baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  // CHROMIUM_PATH, Debian's, or the one from npm: chosen once per run in test/global-setup.ts (test/support/chromium.ts).
  const { executablePath, args, env } = inject('chromium');
  const browser = await chromium.launch({ executablePath, args, env: { ...process.env, ...env } as Record<string, string> });
  return {
    base: config.baseUrl,
    ctx,
    browser,
    close: async () => {
      await browser.close();
      await app.close();
      await database.dispose();
      fs.rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

/**
 * WCAG 3.1.2 on a page whose language is not English: the visible text nodes that read as English — two or more
 * consecutive Latin-script words of three letters or more — and sit in no element marking another language.
 * Exempt, because they are no language's words or are isolated as data of unknown language: text inside an
 * element whose `lang` is not the page's, inside `bdi` or `[dir="auto"]` (names, organizations, titles typed by
 * people), `code`/`kbd`/`samp`/`pre`, a `mailto:` link or an `option` (which can hold no markup); and, in any
 * text, runs isolated with U+2068…U+2069 (the plain-text bdi, in the circular's letter), web and e-mail
 * addresses, time zones (Europe/Zurich), codes and document numbers (a word with a digit, a hyphen or a dot
 * inside: FGMV-I-001, Rev.1, WG5) and all-capital acronyms (ITU, TSB). `pending`: exact texts known to be
 * unmarked still, removed before the check.
 */
export async function englishOutsideLang(page: Page, pending: string[] = []): Promise<string[]> {
  return page.evaluate((pending) => {
    const pageLang = document.documentElement.lang;
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const exempt =
      'script, style, template, noscript, [hidden], bdi, [dir="auto"], code, kbd, samp, pre, a[href^="mailto:"], option, textarea';
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest(exempt)) continue;
      if ((parent.closest('[lang]')?.getAttribute('lang') ?? pageLang) !== pageLang) continue;
      let text = node.textContent ?? '';
      for (const known of pending) text = text.split(known).join(' ');
      text = text
        .replace(/\u2068[^\u2069]*\u2069/g, ' ')
        .replace(/\bhttps?:\/\/\S+/g, ' ')
        .replace(/\S+@\S+\.\S+/g, ' ')
        .replace(/\b[A-Z][a-z]+(?:\/[A-Z][A-Za-z_]+)+/g, ' ')
        .replace(/[A-Za-z0-9]*(?:\d|[A-Za-z][-.][A-Za-z0-9])[A-Za-z0-9.-]*/g, ' ')
        .replace(/\b[A-Z]{2,}s?\b/g, ' ');
      if (/[A-Za-z]{3,}[\s,.;:'’"()&/–—-]+[A-Za-z]{3,}/.test(text)) found.push((node.textContent ?? '').trim());
    }
    return found;
  }, pending);
}
