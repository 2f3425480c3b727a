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
