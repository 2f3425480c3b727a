/**
 * Registration throughput: N clients' worth of registrations (each a distinct person with an API
 * token) against `convene serve` in its own process, on PGlite and — with BENCH_DATABASE_URL or
 * TEST_DATABASE_URL — on PostgreSQL; then the same load on a bare endpoint that does one INSERT
 * (the ceiling), and the ratio. Counts duplicates and lost registrations. Prints; asserts nothing.
 *   BENCH_N=10000 BENCH_CONCURRENCY=32 BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:registration
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { seedDemo } from '../demo/seed.ts';
import { loadConfig } from '../src/config.ts';
import { accounts, apiTokens } from '../src/modules/accounts/schema.ts';
import { systemClock } from '../src/platform/clock.ts';
import { randomToken, sha256 } from '../src/platform/crypto.ts';
import { makeKeyring } from '../src/platform/data-key.ts';
import { type Database, openDatabase, openPostgres } from '../src/platform/db/index.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { diskFileStore } from '../src/platform/files/store.ts';
import { type Measured, measure, openBenchDatabase, startServer, statusText } from './support.ts';

const N = Number(process.env.BENCH_N ?? 10_000);
const PGLITE_N = Number(process.env.BENCH_PGLITE_N ?? Math.min(N, 2_000));
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
// Requests sent to each endpoint, unmeasured, before its measured run: both are measured warm (JIT,
// connections, prepared statements), not the one that happens to run first on a cold server.
const WARMUP = Number(process.env.BENCH_WARMUP ?? 500);
const KEY = Buffer.alloc(32, 7).toString('base64');

/** N people with one API token each, inserted directly (hashing N passwords would take minutes). */
async function preparePeople(database: Database, count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let start = 0; start < count; start += 1000) {
    const size = Math.min(1000, count - start);
    const rows = await database.db
      .insert(accounts)
      .values(
        Array.from({ length: size }, (_, k): typeof accounts.$inferInsert => ({
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
  await database.exec(
    'CREATE TABLE IF NOT EXISTS bench_rows (id bigserial PRIMARY KEY, label text NOT NULL, at timestamptz NOT NULL DEFAULT now())',
  );
  return tokens;
}

async function benchmark(kind: 'pglite' | 'postgres', count: number) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-bench-reg-'));
  const opened = await openBenchDatabase(kind, dataDir, `convene_bench_reg_${process.pid}`);
  const env = opened.env;
  let database = opened.database;
  await migrate(database);
  const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir });
  await seedDemo({
    db: database.db,
    clock: systemClock,
    config,
    log: pino({ level: 'silent' }),
    keyring: makeKeyring(Buffer.from(KEY, 'base64')),
    files: diskFileStore(path.join(dataDir, 'files')),
  });
  const tokens = await preparePeople(database, count + WARMUP);
  await database.close();

  const server = await startServer({ ...env, CONVENE_BENCH: '1', CONVENE_DATA_KEY: KEY });
  try {
    const meetingsList = (await (await fetch(`${server.base}/api/groups/fg-mv/meetings`)).json()) as {
      id: number;
      sessions: { startDate: string }[];
    }[];
    const today = new Date().toISOString().slice(0, 10);
    const meeting = meetingsList.find((m) => m.sessions[0]!.startDate > today)!;
    const url = `${server.base}/api/meetings/${meeting.id}/registrations`;
    const body = JSON.stringify({ mode: 'remote', sessions: ['WG1'] });
    const register = (offset: number) => (i: number) =>
      fetch(url, { method: 'POST', headers: { authorization: `Bearer ${tokens[offset + i]}`, 'content-type': 'application/json' }, body });
    const insert = (i: number) =>
      fetch(`${server.base}/api/bench/bare`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ label: `r${i}` }),
      });
    await measure(WARMUP, CONCURRENCY, register(count));
    const reg = await measure(count, CONCURRENCY, register(0));
    await measure(WARMUP, CONCURRENCY, insert);
    const bare = await measure(count, CONCURRENCY, insert);
    await server.stop();
    database = kind === 'postgres' ? await openPostgres(env.DATABASE_URL!, 1) : await openDatabase({ dataDir });
    const [row] = (await database.exec(
      `SELECT count(*)::int AS total, count(DISTINCT account_id)::int AS people FROM registrations WHERE meeting_id = ${meeting.id}`,
    )) as { total: number; people: number }[];
    await database.close();
    const line = (name: string, r: Measured) =>
      `${kind.padEnd(9)} ${name.padEnd(13)} ${String(count).padStart(6)} ${r.rps.toFixed(0).padStart(7)} ${r.p50.toFixed(1).padStart(7)} ${r.p99.toFixed(1).padStart(7)}  ${statusText(r)}`;
    console.log(line('registration', reg));
    console.log(line('bare insert', bare));
    console.log(
      `${kind.padEnd(9)} → registration at ${((100 * reg.rps) / bare.rps).toFixed(0)} % of the bare endpoint; ` +
        `duplicates ${row!.total - row!.people}, lost ${count + WARMUP - row!.people}`,
    );
  } finally {
    await server.stop().catch(() => {});
    await opened.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(
  `registration benchmark: concurrency ${CONCURRENCY}, ${WARMUP} unmeasured warm-up requests per endpoint, server in its own process, node ${process.version}, ${os.cpus().length} cores\n`,
);
console.log('database  endpoint           n   req/s  p50 ms  p99 ms  statuses');
await benchmark('pglite', PGLITE_N);
if (process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL) await benchmark('postgres', N);
