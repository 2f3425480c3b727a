/**
 * Registration throughput: N clients' worth of registrations (each a distinct person with an API
 * token) against `convene serve` in its own process, on PGlite and — with BENCH_DATABASE_URL or
 * TEST_DATABASE_URL — on PostgreSQL; then the same load on a bare endpoint that does one INSERT
 * (the ceiling), and the ratio. Counts duplicates and lost registrations. Prints; asserts nothing.
 *   BENCH_N=10000 BENCH_CONCURRENCY=32 BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:registration
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { seedDemo } from '../demo/seed.ts';
import { loadConfig } from '../src/config.ts';
import { accounts, apiTokens } from '../src/modules/accounts/schema.ts';
import { systemClock } from '../src/platform/clock.ts';
import { randomToken, sha256 } from '../src/platform/crypto.ts';
import { makeKeyring } from '../src/platform/data-key.ts';
import { type Database, openPglite, openPostgres } from '../src/platform/db/index.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { diskFileStore } from '../src/platform/files/store.ts';

const N = Number(process.env.BENCH_N ?? 10_000);
const PGLITE_N = Number(process.env.BENCH_PGLITE_N ?? Math.min(N, 2_000));
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
// Requests sent to each endpoint, unmeasured, before its measured run: both are measured warm (JIT,
// connections, prepared statements), not the one that happens to run first on a cold server.
const WARMUP = Number(process.env.BENCH_WARMUP ?? 500);
// Extra node flags for the server process, e.g. BENCH_SERVER_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
const serverNodeFlags = (process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean);
const KEY = Buffer.alloc(32, 7).toString('base64');

interface Result {
  ok: number;
  rps: number;
  p50: number;
  p99: number;
  statuses: Map<number, number>;
}

async function load(count: number, request: (i: number) => Promise<Response>): Promise<Result> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
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
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  const ok = [...statuses].filter(([s]) => s < 300).reduce((n, [, c]) => n + c, 0);
  return { ok, rps: count / seconds, p50: at(0.5), p99: at(0.99), statuses };
}

/** N people with one API token each, inserted directly (hashing N passwords would take minutes). */
async function preparePeople(database: Database, count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let start = 0; start < count; start += 1000) {
    const size = Math.min(1000, count - start);
    const rows = await database.db
      .insert(accounts)
      .values(
        Array.from({ length: size }, (_, k) => ({
          email: `bench-${start + k}@example.org`,
          passwordHash: 'x',
          givenName: 'Bench',
          familyName: `Person ${start + k}`,
          category: 'member-state',
          emailVerifiedAt: new Date(),
        })),
      )
      .returning({ id: accounts.id });
    const batch = rows.map(() => randomToken('cvn_'));
    await database.db.insert(apiTokens).values(rows.map((r, k) => ({ accountId: r.id, tokenHash: sha256(batch[k]!), name: 'bench' })));
    tokens.push(...batch);
  }
  await database.exec('CREATE TABLE IF NOT EXISTS bench_rows (id bigserial PRIMARY KEY, label text NOT NULL, at timestamptz NOT NULL DEFAULT now())');
  return tokens;
}

async function startServer(env: Record<string, string>): Promise<{ base: string; stop: () => Promise<void> }> {
  const port = 4400 + Math.floor(Math.random() * 500);
  const child = spawn(process.execPath, [...serverNodeFlags, 'bin/convene.mjs', 'serve', '--no-worker'], {
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn', CONVENE_BENCH: '1', CONVENE_DATA_KEY: KEY, BASE_URL: `http://127.0.0.1:${port}` },
    // The server's structured log (errors only, at LOG_LEVEL=warn) goes to a file for inspection.
    stdio: ['ignore', fs.openSync(path.join(os.tmpdir(), `convene-bench-server-${port}.log`), 'w'), 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        return {
          base,
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
  throw new Error('server did not start');
}

async function benchmark(kind: 'pglite' | 'postgres', count: number) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-bench-reg-'));
  const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const dbName = `convene_bench_reg_${process.pid}`;
  let env: Record<string, string> = { DATA_DIR: dataDir };
  let admin: Database | undefined;
  let database: Database;
  if (kind === 'postgres') {
    admin = await openPostgres(pgUrl!, 1);
    await admin.exec(`DROP DATABASE IF EXISTS ${dbName}`);
    await admin.exec(`CREATE DATABASE ${dbName}`);
    const u = new URL(pgUrl!);
    u.pathname = `/${dbName}`;
    env = { ...env, DATABASE_URL: u.toString() };
    database = await openPostgres(u.toString(), 4);
  } else {
    database = await openPglite({ dataDir: path.join(dataDir, 'pglite') });
  }
  await migrate(database);
  const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir });
  await seedDemo({ db: database.db, clock: systemClock, config, log: pino({ level: 'silent' }), keyring: makeKeyring(Buffer.from(KEY, 'base64')), files: diskFileStore(path.join(dataDir, 'files')) });
  const tokens = await preparePeople(database, count + WARMUP);
  await database.close();

  const server = await startServer(env);
  try {
    const meetingsList = (await (await fetch(`${server.base}/api/groups/fg-mv/meetings`)).json()) as { id: number; sessions: { startDate: string }[] }[];
    const today = new Date().toISOString().slice(0, 10);
    const meeting = meetingsList.find((m) => m.sessions[0]!.startDate > today)!;
    const url = `${server.base}/api/meetings/${meeting.id}/registrations`;
    const body = JSON.stringify({ mode: 'remote', sessions: ['WG1'] });
    const register = (offset: number) => (i: number) =>
      fetch(url, { method: 'POST', headers: { authorization: `Bearer ${tokens[offset + i]}`, 'content-type': 'application/json' }, body });
    const insert = (i: number) =>
      fetch(`${server.base}/api/bench/bare`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ label: `r${i}` }) });
    await load(WARMUP, register(count));
    const reg = await load(count, register(0));
    await load(WARMUP, insert);
    const bare = await load(count, insert);
    await server.stop();
    database = kind === 'postgres' ? await openPostgres(env.DATABASE_URL!, 1) : await openPglite({ dataDir: path.join(dataDir, 'pglite') });
    const [row] = (await database.exec(
      `SELECT count(*)::int AS total, count(DISTINCT account_id)::int AS people FROM registrations WHERE meeting_id = ${meeting.id}`,
    )) as { total: number; people: number }[];
    await database.close();
    const line = (name: string, r: Result) =>
      `${kind.padEnd(9)} ${name.padEnd(13)} ${String(count).padStart(6)} ${r.rps.toFixed(0).padStart(7)} ${r.p50.toFixed(1).padStart(7)} ${r.p99.toFixed(1).padStart(7)}  ${[...r.statuses].map(([s, c]) => `${s}×${c}`).join(' ')}`;
    console.log(line('registration', reg));
    console.log(line('bare insert', bare));
    console.log(
      `${kind.padEnd(9)} → registration at ${((100 * reg.rps) / bare.rps).toFixed(0)} % of the bare endpoint; ` +
        `duplicates ${row!.total - row!.people}, lost ${count + WARMUP - row!.people}`,
    );
  } finally {
    await server.stop().catch(() => {});
    if (admin) {
      await admin.exec(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.close();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(`registration benchmark: concurrency ${CONCURRENCY}, ${WARMUP} unmeasured warm-up requests per endpoint, server in its own process, node ${process.version}, ${os.cpus().length} cores\n`);
console.log('database  endpoint           n   req/s  p50 ms  p99 ms  statuses');
await benchmark('pglite', PGLITE_N);
if (process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL) await benchmark('postgres', N);
