import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The browser the end-to-end tests drive, and how to launch it (playwright-core's executablePath, args, env). */
export interface ChromiumLaunch {
  executablePath: string;
  args: string[];
  /** Extra environment for the browser process (fontconfig for the npm package's fonts). */
  env: Record<string, string>;
  source: 'CHROMIUM_PATH' | 'system' | 'npm';
}

const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const COMMON_ARGS = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/**
 * Flags of @sparticuz/chromium's list (made for AWS Lambda) left out: two would make the browser laxer
 * than a visitor's (the tests must see the same-origin policy and mixed-content blocking as they are), and
 * --single-process ends the whole browser when a test closes its second context (measured here).
 */
const LEFT_OUT = new Set(['--disable-web-security', '--allow-running-insecure-content', '--single-process']);

function executable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * CHROMIUM_PATH when set; else Debian's /usr/bin/chromium when it is there; else the Chromium inside the
 * npm package @sparticuz/chromium (a devDependency, no install script), unpacked to the temporary
 * directory on first use (~4 s; later calls find it there). Called once per test run, by test/global-setup.ts.
 */
export async function resolveChromium(): Promise<ChromiumLaunch> {
  const systemArgs = ['--headless', '--no-sandbox', '--disable-gpu', ...COMMON_ARGS];
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return { executablePath: fromEnv, args: systemArgs, env: {}, source: 'CHROMIUM_PATH' };
  if (executable(SYSTEM_CHROMIUM)) return { executablePath: SYSTEM_CHROMIUM, args: systemArgs, env: {}, source: 'system' };
  const { default: chromium } = await import('@sparticuz/chromium');
  chromium.setGraphicsMode = false;
  const executablePath = await chromium.executablePath();
  // The package unpacks Open Sans (fonts.tar.br) beside the browser. A fontconfig file of our own adds it to
  // the system's fonts, if any (the package's own fonts.conf would replace them): with Debian's Noto fonts
  // Chinese and Arabic render; without system fonts only Latin, Greek and Cyrillic text has glyphs, which
  // no test depends on (layout is checked by box positions).
  const fontsConf = path.join(os.tmpdir(), 'convene-chromium-fonts.conf');
  fs.writeFileSync(
    fontsConf,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
      `  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n  <dir>${path.join(os.tmpdir(), 'fonts')}</dir>\n</fontconfig>\n`,
  );
  const env = { FONTCONFIG_FILE: fontsConf };
  const args = [...chromium.args.filter((flag) => !LEFT_OUT.has(flag)), ...COMMON_ARGS];
  return { executablePath, args, env, source: 'npm' };
}
