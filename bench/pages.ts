/**
 * Throughput and latency of the public pages and API on the embedded database and, when
 * BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set, on PostgreSQL. Prints figures; asserts nothing.
 *   npm run bench              # PGlite
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openPostgres } from '../src/platform/db/index.ts';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);

async function load(url: string) {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < REQUESTS) {
      next += 1;
      const t0 = performance.now();
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status !== 200) failures += 1;
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { rps: latencies.length / seconds, p50: at(0.5), p99: at(0.99), failures };
}

/** Runs `convene serve --demo` in its own process, so the load generator does not share its CPU. */
async function startServer(env: Record<string, string>): Promise<{ base: string; stop: () => void }> {
  const port = 3900 + Math.floor(Math.random() * 500);
  const child = spawn(process.execPath, ['bin/convene.mjs', 'serve', '--demo'], {
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn', BASE_URL: `http://127.0.0.1:${port}` },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { base, stop: () => child.kill('SIGTERM') };
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('server did not start');
}

const targets: { kind: string; env: Record<string, string>; cleanup: () => Promise<void> }[] = [];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-bench-'));
targets.push({ kind: 'pglite', env: { DATA_DIR: dataDir }, cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }) });
const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (pgUrl) {
  const name = `convene_bench_${process.pid}`;
  const admin = await openPostgres(pgUrl, 1);
  await admin.exec(`DROP DATABASE IF EXISTS ${name}`);
  await admin.exec(`CREATE DATABASE ${name}`);
  const u = new URL(pgUrl);
  u.pathname = `/${name}`;
  targets.push({
    kind: 'postgres',
    env: { DATABASE_URL: u.toString(), DATA_DIR: dataDir },
    cleanup: async () => {
      await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  });
}

console.log(
  `convene page benchmark: ${REQUESTS} requests per path, ${CONCURRENCY} concurrent, server in its own process, node ${process.version}\n`,
);
console.log('database  path                     req/s   p50 ms  p99 ms  non-200');
for (const target of targets) {
  const server = await startServer(target.env);
  try {
    for (const p of [
      '/healthz',
      '/groups/fg-mv',
      '/groups/fg-mv?lang=zh',
      '/meetings/1',
      '/api/groups/fg-mv',
      '/api/meetings/1',
      '/meetings/1.ics',
    ]) {
      await load(`${server.base}${p}`); // warm-up
      const r = await load(`${server.base}${p}`);
      console.log(
        `${target.kind.padEnd(9)} ${p.padEnd(24)} ${r.rps.toFixed(0).padStart(6)} ${r.p50.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(7)} ${String(r.failures).padStart(8)}`,
      );
    }
  } finally {
    server.stop();
    await new Promise((r) => setTimeout(r, 500));
    await target.cleanup();
  }
}
