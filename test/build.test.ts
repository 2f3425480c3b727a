import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './support/net.ts';

const run = promisify(execFile);
// Inside the repository (.tmp/ is ignored by git), so that the built modules find node_modules.
const out = path.resolve('.tmp', `build-test-${process.pid}`);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-build-'));

/** Every file under dir, relative to it. */
const filesUnder = (dir: string): string[] =>
  fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));

describe('npm run build', () => {
  let server: ChildProcess | undefined;

  beforeAll(async () => {
    await run(process.execPath, ['scripts/build.mjs', '--out', out], { timeout: 120_000 });
  }, 150_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(out, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('emits plain JavaScript: no TypeScript, no JSX, no .ts import left', () => {
    const files = filesUnder(out);
    expect(files).toContain('main.js');
    expect(files).toContain('src/modules/documents/search/extraction-worker.mjs');
    expect(files.filter((f) => /\.(ts|tsx)$/.test(f))).toEqual([]);
    expect(files.filter((f) => f.includes('.test.'))).toEqual([]);
    expect(files.filter((f) => f.startsWith('migrations/')).sort()).toEqual(
      fs
        .readdirSync('migrations', { recursive: true })
        .map((f) => `migrations/${f}`)
        .filter((f) => fs.statSync(f).isFile())
        .sort(),
    );
    for (const file of files.filter((f) => /\.m?js$/.test(f))) {
      const text = fs.readFileSync(path.join(out, file), 'utf8');
      expect(text, file).not.toMatch(/from\s+['"]\.{1,2}\/[^'"]*\.tsx?['"]|import\(['"]\.{1,2}\/[^'"]*\.tsx?['"]\)/);
    }
  });

  it('runs a command with plain node (no tsx)', async () => {
    const { stdout } = await run(process.execPath, [path.join(out, 'main.js'), '--help']);
    expect(stdout).toContain('Usage: convene <command>');
  });

  it('serves: /healthz and /readyz answer on a new DATA_DIR, a page renders', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let stderr = '';
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      BASE_URL: base,
      LOG_LEVEL: 'warn',
    };
    delete env.DATABASE_URL;
    server = spawn(process.execPath, [path.join(out, 'main.js'), 'serve', '--demo'], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    server.stderr!.on('data', (chunk) => {
      stderr += chunk;
    });
    let ready = false;
    for (let i = 0; i < 600 && !ready && server.exitCode === null; i++) {
      ready = await fetch(`${base}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (!ready) await new Promise((r) => setTimeout(r, 100));
    }
    expect(ready, stderr).toBe(true);
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    const page = await fetch(`${base}/groups/fg-mv`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('FG-MV');
    // A PDF: the Typst templates and the worker thread were built with the rest.
    const pdf = await fetch(`${base}/meetings/1/circular.pdf?lang=ar`);
    expect(pdf.status, stderr).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  }, 90_000);
});
