/**
 * `npm run screenshots [-- --out DIR] [-- --lang en,ar,zh]`: starts the demo on a fresh data folder and a free
 * port, and photographs the key pages as a visitor, a delegate (signed up on the way) and the secretariat, at a
 * 1280 px desktop and a 390 px phone, in each language asked for (English, Arabic and Chinese by default).
 * Prints, per page, whether it scrolls sideways (WCAG 1.4.10) and whether a `{placeholder}` was left unfilled.
 * Chinese and Arabic glyphs come from the PDF fonts of npm (@embedpdf), so a machine without system fonts shows them.
 * With `--readme`, the README's pictures (docs/screenshots/, one screen high) are taken on the way.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { resolveChromium } from '../test/support/chromium.ts';

const root = path.resolve(import.meta.dirname, '..');
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const out = path.resolve(arg('out', path.join(root, 'screenshots')));
const languages = arg('lang', 'en,ar,zh').split(',');
const widths = [1280, 390];
const readmeDir = process.argv.includes('--readme') ? path.join(root, 'docs/screenshots') : null;
/** The README's pictures: a screen's worth of a shot, in one language at one width. */
const readmeShots = [
  { name: 'home-secretariat', lang: 'en', width: 1280 },
  { name: 'meeting-chair', lang: 'zh', width: 1280 },
  { name: 'registered', lang: 'ar', width: 390 },
];

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

async function startDemo(port: number): Promise<ChildProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-shots-'));
  const child = spawn(process.execPath, [path.join(root, 'bin/convene.mjs'), 'serve', '--demo'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', BASE_URL: `http://127.0.0.1:${port}` },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return child;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill();
  throw new Error('the demo did not start within two minutes');
}

/** The fonts of npm's PDF font packages, added to the browser's fontconfig. */
function fontsConfig(): string {
  const dirs = ['@embedpdf/fonts-sc/fonts', '@embedpdf/fonts-arabic/fonts', '@embedpdf/fonts-latin/fonts']
    .map((d) => path.join(root, 'node_modules', d))
    .filter((d) => fs.existsSync(d));
  const file = path.join(os.tmpdir(), 'convene-screenshots-fonts.conf');
  fs.writeFileSync(
    file,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n` +
      `${dirs.map((d) => `  <dir>${d}</dir>\n`).join('')}  <dir>${path.join(os.tmpdir(), 'fonts')}</dir>\n</fontconfig>\n`,
  );
  return file;
}

type Who = 'visitor' | 'delegate' | 'chair' | 'secretariat';

interface Shot {
  who: Who;
  name: string;
  /** The page; `{registration}` is the delegate's registration, made on the way. */
  path: string;
}

/** Meeting 1 is FG-MV's May 2023 meeting (past); meeting 2 the upcoming demo meeting. */
const shots: Shot[] = [
  { who: 'visitor', name: 'home', path: '/' },
  { who: 'visitor', name: 'groups', path: '/groups' },
  { who: 'visitor', name: 'group', path: '/groups/fg-mv' },
  { who: 'visitor', name: 'meeting-past', path: '/meetings/1' },
  { who: 'visitor', name: 'meeting', path: '/meetings/2' },
  { who: 'visitor', name: 'circular', path: '/meetings/1/circular' },
  { who: 'visitor', name: 'search', path: '/search?q=metaverse' },
  { who: 'visitor', name: 'login', path: '/login' },
  { who: 'visitor', name: 'signup', path: '/signup' },
  { who: 'visitor', name: 'privacy', path: '/privacy' },
  { who: 'visitor', name: 'design', path: '/design' },
  { who: 'delegate', name: 'register', path: '/meetings/2/register' },
  { who: 'delegate', name: 'registered', path: '{registration}?done=registered' },
  { who: 'delegate', name: 'reserve-number', path: '/meetings/2/documents/reserve' },
  { who: 'delegate', name: 'account', path: '/account' },
  { who: 'delegate', name: 'my-registrations', path: '/me/registrations' },
  { who: 'delegate', name: 'home-delegate', path: '/' },
  { who: 'chair', name: 'home-chair', path: '/' },
  { who: 'chair', name: 'meeting-chair', path: '/meetings/2' },
  { who: 'chair', name: 'agenda-edit', path: '/sessions/3/agenda/edit' },
  // Issue 14: the focal point's queue and delegate form (the chair is ETRI's focal point), decisions, liaisons.
  { who: 'chair', name: 'approvals', path: '/approvals' },
  { who: 'chair', name: 'register-delegate', path: '/meetings/3/delegates' },
  { who: 'chair', name: 'decisions-edit', path: '/meetings/1/sessions/1/decisions' },
  { who: 'visitor', name: 'decisions', path: '/meetings/1/decisions' },
  { who: 'visitor', name: 'liaisons', path: '/groups/fg-mv/liaisons' },
  { who: 'visitor', name: 'liaison', path: '/liaisons/1' },
  { who: 'secretariat', name: 'home-secretariat', path: '/' },
  { who: 'secretariat', name: 'console', path: '/console' },
  { who: 'secretariat', name: 'outbox', path: '/console/mail' },
  { who: 'secretariat', name: 'registrations', path: '/console/meetings/2/registrations' },
  { who: 'secretariat', name: 'visas', path: '/console/visas' },
  { who: 'secretariat', name: 'meeting-edit', path: '/meetings/2/edit' },
  { who: 'secretariat', name: 'organizations', path: '/console/organizations' },
  { who: 'secretariat', name: 'organization', path: '/console/organizations/1' },
  { who: 'secretariat', name: 'quotas', path: '/console/meetings/3/quotas' },
];

const logins: Record<Exclude<Who, 'visitor'>, string> = {
  delegate: 'delegate@fgmv.example',
  chair: 'chair@fgmv.example',
  secretariat: 'secretariat@fgmv.example',
};
const DEMO_PASSWORD = 'convene-demo-2026';

async function signIn(page: Page, base: string, email: string, password: string) {
  await page.goto(`${base}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
}

/** The demo delegate registers for the upcoming meeting (remote) through the form; returns the registration's address. */
async function registerDelegate(page: Page, base: string): Promise<string> {
  await page.goto(`${base}/meetings/2/register?lang=en`);
  if (!page.url().includes('/register')) return new URL(page.url()).pathname;
  await page.locator('input[name="mode"][value="remote"]').check();
  await page.locator('input[type="checkbox"][name="consent"]').check();
  await Promise.all([page.waitForNavigation(), page.click('main form button[type="submit"]')]);
  return new URL(page.url()).pathname;
}

async function photograph(browser: Browser, base: string) {
  const report: string[] = [];
  let registration = '';
  for (const who of ['visitor', 'delegate', 'chair', 'secretariat'] as const) {
    for (const width of widths) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      if (who !== 'visitor') await signIn(page, base, logins[who], DEMO_PASSWORD);
      if (who === 'delegate' && !registration) registration = await registerDelegate(page, base);
      for (const lang of languages) {
        for (const shot of shots.filter((s) => s.who === who)) {
          const target = shot.path.replace('{registration}', registration);
          const url = `${base}${target}${target.includes('?') ? '&' : '?'}lang=${lang}`;
          const response = await page.goto(url);
          const file = path.join(out, `${shot.name}-${lang}-${width}.png`);
          await page.screenshot({ path: file, fullPage: true });
          if (readmeDir && readmeShots.some((r) => r.name === shot.name && r.lang === lang && r.width === width)) {
            await page.screenshot({ path: path.join(readmeDir, `${shot.name}-${lang}-${width}.png`) });
          }
          const { sideways, placeholders } = await page.evaluate(() => ({
            sideways: document.documentElement.scrollWidth - window.innerWidth,
            placeholders: ((document.body.textContent ?? '').match(/\{[a-zA-Z]+\}/g) ?? []).length,
          }));
          report.push(
            `${response?.status() ?? '???'} ${shot.name.padEnd(17)} ${lang} ${String(width).padStart(4)} px` +
              `${sideways > 0 ? `  SCROLLS SIDEWAYS by ${sideways} px` : ''}${placeholders ? `  ${placeholders} unfilled {placeholder}` : ''}`,
          );
        }
      }
      await context.close();
    }
  }
  return report;
}

fs.mkdirSync(out, { recursive: true });
if (readmeDir) fs.mkdirSync(readmeDir, { recursive: true });
const port = await freePort();
const demo = await startDemo(port);
const launch = await resolveChromium();
const browser = await chromium.launch({
  executablePath: launch.executablePath,
  args: launch.args,
  env: { ...process.env, ...launch.env, FONTCONFIG_FILE: fontsConfig() } as Record<string, string>,
});
try {
  const report = await photograph(browser, `http://127.0.0.1:${port}`);
  console.log(report.join('\n'));
  console.log(`\n${report.length} screenshots in ${out}`);
} finally {
  await browser.close();
  demo.kill('SIGTERM');
}
