import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Database, openDatabase, openPostgres } from '../src/platform/db/index.ts';

export interface Measured {
  count: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  statuses: Map<number, number>;
}

/** Sends `count` requests from `concurrency` clients; latency percentiles and statuses. */
export async function measure(count: number, concurrency: number, request: (i: number) => Promise<Response>): Promise<Measured> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        const res = await request(i);
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { count, rps: count / seconds, p50: at(0.5), p95: at(0.95), p99: at(0.99), statuses };
}

export const statusText = (m: Measured) => [...m.statuses].map(([s, c]) => `${s}×${c}`).join(' ');

export interface Server {
  base: string;
  pid: number;
  stop(): Promise<void>;
}

/** `convene serve` in its own process (the load generator must not share its event loop); errors logged to a file. */
export async function startServer(env: Record<string, string>, args: string[] = ['serve', '--no-worker']): Promise<Server> {
  const port = 4900 + Math.floor(Math.random() * 500);
  const log = path.join(os.tmpdir(), `convene-bench-server-${port}.log`);
  // Extra node flags for the server, e.g. BENCH_SERVER_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
  const flags = (process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...flags, 'bin/convene.mjs', ...args], {
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn', BASE_URL: `http://127.0.0.1:${port}` },
    stdio: ['ignore', fs.openSync(log, 'w'), 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) {
        return {
          base,
          pid: child.pid!,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
        };
      }
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start (see ${log})`);
}

/** Resident memory of a process in bytes: now, and the peak since it started (Linux /proc). */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(status.match(new RegExp(`${field}:\\s+(\\d+) kB`))?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

export interface BenchDatabase {
  database: Database;
  /** DATA_DIR and, on PostgreSQL, DATABASE_URL for the server. */
  env: Record<string, string>;
  /** Drops the PostgreSQL database (unless kept) and closes the admin connection. */
  dispose(options?: { keep?: boolean }): Promise<void>;
}

/** A fresh (or, with `reuse`, the existing) database for a benchmark: PGlite in `dataDir`, or `dbName` on PostgreSQL. */
export async function openBenchDatabase(
  kind: 'pglite' | 'postgres',
  dataDir: string,
  dbName: string,
  options: { reuse?: boolean } = {},
): Promise<BenchDatabase> {
  if (kind === 'pglite') {
    return { database: await openDatabase({ dataDir }), env: { DATA_DIR: dataDir }, dispose: async () => {} };
  }
  const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!pgUrl) throw new Error('set BENCH_DATABASE_URL for PostgreSQL');
  const admin = await openPostgres(pgUrl, 1);
  if (!options.reuse) {
    await admin.exec(`DROP DATABASE IF EXISTS ${dbName}`);
    await admin.exec(`CREATE DATABASE ${dbName}`);
  }
  const url = new URL(pgUrl);
  url.pathname = `/${dbName}`;
  return {
    database: await openPostgres(url.toString(), 4),
    env: { DATA_DIR: dataDir, DATABASE_URL: url.toString() },
    dispose: async ({ keep } = {}) => {
      if (!keep) await admin.exec(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.close();
    },
  };
}
