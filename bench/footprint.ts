/**
 * Start-up time and idle memory of the server, each start in its own process:
 *   start-up  — from spawn to the first 200 from /readyz (polled every 25 ms);
 *   idle RSS  — resident memory after a few page and API requests and a settle time (BENCH_SETTLE_MS, 3 s);
 *   peak RSS  — the process's high-water mark (VmHWM) until then.
 * Each entry point is started twice on the same data: the first start on an empty DATA_DIR (or a new PostgreSQL
 * database), the later start on what the first left. `bin/convene.mjs` runs the sources through tsx here
 * (CONVENE_FROM_SOURCE=1); `npm start` runs the build while it matches the sources, which is `dist/main.js`
 * (run `npm run build` first). Prints a table; asserts nothing.
 *   npm run bench:footprint                                    # PGlite
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:footprint   # and PostgreSQL
 * Extra node flags for the server: BENCH_SERVER_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openPostgres } from '../src/platform/db/index.ts';
import { locales } from '../src/platform/i18n/index.ts';
import { memoryOf } from './support.ts';

const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 3000);
const PATHS = ['/', '/groups/fg-mv', '/groups/fg-mv?lang=zh', '/meetings/1', '/api/meetings/1', '/api/groups/fg-mv', '/healthz'];

interface Entry {
  name: string;
  script: string;
  args: string[];
  env?: Record<string, string>;
}

const entries: Entry[] = [
  {
    name: '`npm start` from the sources (tsx, --demo)',
    script: 'bin/convene.mjs',
    args: ['serve', '--demo'],
    env: { CONVENE_FROM_SOURCE: '1' },
  },
  { name: '`node dist/main.js serve --demo`', script: 'dist/main.js', args: ['serve', '--demo'] },
  { name: '`node dist/main.js serve`', script: 'dist/main.js', args: ['serve'] },
];

interface Measured {
  startMs: number;
  rss: number;
  peak: number;
  /** RSS once the six circular PDFs were rendered too (the Typst worker thread and its fonts). */
  rssWithPdfs: number;
}

async function startAndMeasure(entry: Entry, env: Record<string, string>): Promise<Measured> {
  const port = 5400 + Math.floor(Math.random() * 500);
  const base = `http://127.0.0.1:${port}`;
  const log = path.join(os.tmpdir(), `convene-footprint-${port}.log`);
  const flags = (process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean);
  const started = performance.now();
  const child = spawn(process.execPath, [...flags, entry.script, ...entry.args], {
    env: { ...process.env, ...env, ...entry.env, PORT: String(port), LOG_LEVEL: 'warn', BASE_URL: base },
    stdio: ['ignore', fs.openSync(log, 'w'), fs.openSync(log, 'a')],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  try {
    let startMs = 0;
    while (!startMs) {
      if (gone) throw new Error(`${entry.script} exited before it was ready (see ${log})`);
      if (performance.now() - started > 120_000) throw new Error(`${entry.script} was not ready within 120 s (see ${log})`);
      try {
        if ((await fetch(`${base}/readyz`)).status === 200) startMs = performance.now() - started;
      } catch {}
      if (!startMs) await new Promise((r) => setTimeout(r, 25));
    }
    for (let round = 0; round < 3; round++) {
      for (const p of PATHS) {
        const res = await fetch(base + p);
        await res.arrayBuffer();
        if (res.status !== 200 && !(p.startsWith('/api/') && res.status === 404))
          throw new Error(`${p} answered ${res.status} (see ${log})`);
      }
    }
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const { rss } = memoryOf(child.pid!);
    for (const lang of locales) {
      const res = await fetch(`${base}/meetings/1/circular.pdf?lang=${lang}`);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`the ${lang} circular PDF answered ${res.status} (see ${log})`);
    }
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const after = memoryOf(child.pid!);
    return { startMs, rss, peak: after.peak, rssWithPdfs: after.rss };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)}`;
const seconds = (ms: number) => (ms / 1000).toFixed(1);

async function main() {
  if (!fs.existsSync('dist/main.js')) throw new Error('dist/main.js is missing: run `npm run build` first');
  const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const kinds: ('pglite' | 'postgres')[] = pgUrl ? ['pglite', 'postgres'] : ['pglite'];
  const rows: string[] = [];
  for (const kind of kinds) {
    for (const entry of entries) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-footprint-'));
      const env: Record<string, string> = { DATA_DIR: dataDir };
      const dbName = `convene_footprint_${process.pid}`;
      const admin = kind === 'postgres' ? await openPostgres(pgUrl!, 1) : undefined;
      if (admin) {
        await admin.exec(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
        await admin.exec(`CREATE DATABASE ${dbName}`);
        const url = new URL(pgUrl!);
        url.pathname = `/${dbName}`;
        env.DATABASE_URL = url.toString();
      }
      try {
        // Without --demo the pages have no group: seed it in a first start with the demo, measured as the first start.
        for (const start of ['first', 'later'] as const) {
          const run = start === 'first' && !entry.args.includes('--demo') ? { ...entry, args: [...entry.args, '--demo'] } : entry;
          const m = await startAndMeasure(run, env);
          const label =
            start === 'first' ? `first (empty ${kind === 'pglite' ? 'DATA_DIR' : 'database'}${run === entry ? '' : ', --demo'})` : 'later';
          const row = `| ${kind === 'pglite' ? 'PGlite' : 'PostgreSQL'} | ${entry.name} | ${label} | ${seconds(m.startMs)} | ${mb(m.rss)} | ${mb(m.rssWithPdfs)} | ${mb(m.peak)} |`;
          console.log(row);
          rows.push(row);
        }
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
        if (admin) {
          await admin.exec(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
          await admin.close();
        }
      }
    }
  }
  console.log(
    `\n| database | command | start | start-up s | idle RSS MB | RSS after 6 PDFs MB | peak RSS MB |\n|---|---|---|---:|---:|---:|---:|\n${rows.join('\n')}`,
  );
}

await main();
