/**
 * Password-reset and sign-up requests, known against unknown addresses: does the answer take longer
 * when the address has an account? `convene serve` runs in its own process; one client sends the
 * requests one at a time, alternating a known and an unknown address (each address used once, each
 * request from its own client address through X-Forwarded-For, so no throttle applies), after a
 * warm-up. Prints medians; asserts nothing. Then 40 reset requests for one address in a burst, and
 * how many mails they queued.
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:accounts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { eq, sql } from 'drizzle-orm';
import { hashPassword } from '../src/modules/accounts/passwords.ts';
import { accounts } from '../src/modules/accounts/schema.ts';
import type { Database } from '../src/platform/db/index.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { outbox } from '../src/platform/mail/schema.ts';
import { openBenchDatabase, startServer } from './support.ts';

const N = Number(process.env.BENCH_N ?? 300);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 50);
const SIGNUPS = Number(process.env.BENCH_SIGNUPS ?? 40);
const KEY = Buffer.alloc(32, 9).toString('base64');

async function preparePeople(database: Database, count: number): Promise<string[]> {
  const passwordHash = await hashPassword('bench password 123');
  const emails = Array.from({ length: count }, (_, i) => `known-${i}@example.org`);
  for (let start = 0; start < count; start += 1000) {
    await database.db.insert(accounts).values(
      emails.slice(start, start + 1000).map((email, k) => ({
        email,
        passwordHash,
        givenName: 'Known',
        familyName: `Person ${start + k}`,
        emailVerifiedAt: new Date(),
      })),
    );
  }
  return emails;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
};
const p90 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length * 0.9)]! : 0;
};

async function benchmark(kind: 'pglite' | 'postgres') {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-bench-acc-'));
  const opened = await openBenchDatabase(kind, dataDir, `convene_bench_acc_${process.pid}`);
  let database = opened.database;
  await migrate(database);
  const known = await preparePeople(database, N + WARMUP + SIGNUPS + 1);
  await database.close();

  const server = await startServer({ ...opened.env, CONVENE_DATA_KEY: KEY, TRUSTED_PROXIES: '127.0.0.1' });
  let client = 0;
  try {
    const first = await fetch(`${server.base}/login`);
    const csrf = /convene_csrf=([^;]+)/.exec(first.headers.get('set-cookie') ?? '')?.[1] ?? '';
    const post = async (url: string, form: Record<string, string>, clientAddress?: string) => {
      client += 1;
      const body = new URLSearchParams({ ...form, _csrf: csrf }).toString();
      const t0 = performance.now();
      const res = await fetch(`${server.base}${url}`, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: `convene_csrf=${csrf}`,
          // A label only: the requests stay on loopback.
          'x-forwarded-for': clientAddress ?? `127.${(client >> 16) & 255}.${(client >> 8) & 255}.${client & 255}`,
        },
      });
      await res.arrayBuffer();
      return { ms: performance.now() - t0, status: res.status };
    };
    const reset = (email: string, clientAddress?: string) => post('/account/forgot', { email }, clientAddress);

    for (let i = 0; i < WARMUP; i++) {
      await reset(known[N + i]!);
      await reset(`warm-${i}@example.org`);
    }
    const knownMs: number[] = [];
    const unknownMs: number[] = [];
    const statuses = new Map<number, number>();
    for (let i = 0; i < N; i++) {
      const a = await reset(known[i]!);
      const b = await reset(`unknown-${i}@example.org`);
      knownMs.push(a.ms);
      unknownMs.push(b.ms);
      for (const s of [a.status, b.status]) statuses.set(s, (statuses.get(s) ?? 0) + 1);
    }
    console.log(
      `${kind}: reset request, ${N} each — known address p50 ${median(knownMs).toFixed(2)} ms (p90 ${p90(knownMs).toFixed(2)}), ` +
        `unknown p50 ${median(unknownMs).toFixed(2)} ms (p90 ${p90(unknownMs).toFixed(2)}); statuses ${[...statuses].map(([s, c]) => `${s}×${c}`).join(' ')}`,
    );

    const profile = {
      givenName: 'Bench',
      familyName: 'Signup',
      password: 'a long enough secret',
      country: '',
      category: 'non-member',
      title: '',
    };
    const signKnown: number[] = [];
    const signNew: number[] = [];
    for (let i = 0; i < SIGNUPS; i++) {
      signKnown.push((await post('/signup', { ...profile, email: known[N + WARMUP + i]! })).ms);
      signNew.push((await post('/signup', { ...profile, email: `new-${i}@example.org` })).ms);
    }
    console.log(
      `${kind}: sign-up, ${SIGNUPS} each — registered address p50 ${median(signKnown).toFixed(2)} ms, new address p50 ${median(signNew).toFixed(2)} ms`,
    );

    // A burst for one address from one client.
    const target = known[N + WARMUP + SIGNUPS]!;
    const burst = await Promise.all(Array.from({ length: 40 }, () => reset(target, '127.9.9.9')));
    await server.stop(); // the embedded database has one owner at a time
    const again = await openBenchDatabase(kind, dataDir, `convene_bench_acc_${process.pid}`, { reuse: true });
    database = again.database;
    const [queued] = await database.db.select({ n: sql<number>`count(*)::int` }).from(outbox).where(eq(outbox.toAddress, target));
    await database.close();
    await again.dispose({ keep: true });
    const answers = new Map<number, number>();
    for (const r of burst) answers.set(r.status, (answers.get(r.status) ?? 0) + 1);
    console.log(
      `${kind}: 40 reset requests for one address at once — ${queued?.n ?? 0} mail(s) queued; answers ${[...answers].map(([s, c]) => `${s}×${c}`).join(' ')}`,
    );
  } finally {
    await server.stop();
    await opened.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await benchmark('pglite');
if (process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL) await benchmark('postgres');
