import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveChromium } from './support/chromium.ts';

describe('the browser the end-to-end tests use', () => {
  const saved = process.env.CHROMIUM_PATH;
  afterEach(() => {
    if (saved === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = saved;
  });

  it('is CHROMIUM_PATH when set', async () => {
    process.env.CHROMIUM_PATH = '/opt/my/chromium';
    const launch = await resolveChromium();
    expect(launch).toMatchObject({ executablePath: '/opt/my/chromium', source: 'CHROMIUM_PATH' });
    expect(launch.args).toContain('--headless');
  });

  it('is otherwise an executable file: Debian’s, or the one from npm without the flags that weaken it', async () => {
    delete process.env.CHROMIUM_PATH;
    const launch = await resolveChromium();
    fs.accessSync(launch.executablePath, fs.constants.X_OK);
    expect(fs.statSync(launch.executablePath).isFile()).toBe(true);
    expect(launch.source).toBe(fs.existsSync('/usr/bin/chromium') && fs.statSync('/usr/bin/chromium').isFile() ? 'system' : 'npm');
    for (const flag of ['--disable-web-security', '--allow-running-insecure-content', '--single-process'])
      expect(launch.args).not.toContain(flag);
    expect(launch.args).toContain('--disable-background-networking');
  }, 60_000);
});
