/**
 * A focal point approving 500 registrations at once (`POST /api/approvals`, one request), against `convene serve`
 * in its own process, on PGlite and — with BENCH_DATABASE_URL or TEST_DATABASE_URL — on PostgreSQL: once where
 * every approval takes a place, once where the meeting has room for 300 (the other 200 join the waiting list,
 * each at its own queue time), each repeated (a retry changes nothing). Also the queue page with 500 waiting.
 * Prints the times and what the database holds after; asserts nothing.
 *   BENCH_APPROVALS=500 BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:approvals
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { accounts, apiTokens } from '../src/modules/accounts/schema.ts';
import { groups, subgroups } from '../src/modules/groups/schema.ts';
import { meetingSessions, meetings } from '../src/modules/meetings/schema.ts';
import { organizationMembers, organizations } from '../src/modules/organizations/schema.ts';
import { registrations } from '../src/modules/registrations/schema.ts';
import { randomToken, sha256 } from '../src/platform/crypto.ts';
import type { Database } from '../src/platform/db/index.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { openBenchDatabase, startServer } from './support.ts';

const N = Number(process.env.BENCH_APPROVALS ?? 500);
const KEY = Buffer.alloc(32, 7).toString('base64');
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A group needing approval, one organization with a focal point (with a token) and N delegates, two meetings. */
async function prepare(database: Database) {
  const { db } = database;
  const [group] = await db
    .insert(groups)
    .values({
      code: 'FG-BENCH',
      name: { en: 'Bench group' },
      registrationApproval: 'focal-point',
      deadlineRules: { visaSupportDays: 25, registrationDays: 18, contributionsDays: 7 },
    })
    .returning();
  const [wg] = await db
    .insert(subgroups)
    .values({ groupId: group!.id, kind: 'WG', number: 1, title: { en: 'WG1' } })
    .returning();
  const meeting = async (capacity: number | null) => {
    const [m] = await db
      .insert(meetings)
      .values({
        groupId: group!.id,
        title: { en: `Bench meeting (${capacity ?? 'no'} limit)` },
        timeZone: 'Europe/Zurich',
        mode: 'hybrid',
        registrationDeadline: inDays(40),
        visaSupportDeadline: inDays(35),
        contributionsDeadline: inDays(50),
        inPersonCapacity: capacity,
      })
      .returning();
    await db.insert(meetingSessions).values({ meetingId: m!.id, subgroupId: wg!.id, startDate: inDays(60), endDate: inDays(61) });
    return m!.id;
  };
  const [organization] = await db
    .insert(organizations)
    .values({ name: { en: 'Bench administration' }, country: 'CH', category: 'member-state' })
    .returning();
  const people = await db
    .insert(accounts)
    .values(
      Array.from({ length: N + 1 }, (_, k) => ({
        email: `approval-bench-${k}@example.org`,
        passwordHash: 'x',
        givenName: 'Bench',
        familyName: `Delegate ${k}`,
        category: 'member-state' as const,
        emailVerifiedAt: new Date(),
      })),
    )
    .returning({ id: accounts.id });
  const [focal, ...delegates] = people;
  await db
    .insert(organizationMembers)
    .values(people.map((p, k) => ({ accountId: p.id, organizationId: organization!.id, focalPoint: k === 0 })));
  const token = randomToken('cvn_');
  await db.insert(apiTokens).values({ accountId: focal!.id, tokenHash: sha256(token), name: 'bench' });
  const pending = async (meetingId: number) => {
    const now = new Date();
    const rows = await db
      .insert(registrations)
      .values(
        delegates.map((d, k) => ({
          meetingId,
          accountId: d.id,
          number: `R${meetingId}-B${String(k).padStart(4, '0')}`,
          mode: 'in-person' as const,
          sessions: ['WG1'],
          status: 'pending-approval' as const,
          consentAt: now,
        })),
      )
      .returning({ id: registrations.id });
    return rows.map((r) => r.id);
  };
  const open = await meeting(null);
  const limited = await meeting(300);
  return {
    token,
    cases: [
      { name: 'no limit', meetingId: open, ids: await pending(open) },
      { name: 'limit 300', meetingId: limited, ids: await pending(limited) },
    ],
  };
}

async function benchmark(kind: 'pglite' | 'postgres') {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-bench-approvals-'));
  const opened = await openBenchDatabase(kind, dataDir, `convene_bench_approvals_${process.pid}`);
  await migrate(opened.database);
  const { token, cases } = await prepare(opened.database);
  await opened.database.close();
  const server = await startServer({ ...opened.env, CONVENE_DATA_KEY: KEY });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  try {
    for (const c of cases) {
      const t0 = performance.now();
      const listed = await fetch(`${server.base}/api/approvals?meeting=${c.meetingId}`, { headers });
      const waiting = ((await listed.json()) as unknown[]).length;
      const listMs = performance.now() - t0;
      const decide = async () => {
        const start = performance.now();
        const res = await fetch(`${server.base}/api/approvals`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ registrationIds: c.ids, decision: 'approve' }),
        });
        const body = (await res.json()) as { results?: { status: string; changed: boolean }[] };
        return { ms: performance.now() - start, status: res.status, results: body.results ?? [] };
      };
      const first = await decide();
      const again = await decide();
      const count = (s: string) => first.results.filter((r) => r.status === s).length;
      console.log(
        `${kind.padEnd(9)} ${c.name.padEnd(10)} list ${String(waiting).padStart(4)} in ${listMs.toFixed(0).padStart(5)} ms · ` +
          `approve ${c.ids.length} in ${first.ms.toFixed(0).padStart(5)} ms (${first.status}: ${count('registered')} registered, ` +
          `${count('waitlisted')} waiting) · repeated in ${again.ms.toFixed(0)} ms (${again.results.filter((r) => r.changed).length} changed)`,
      );
    }
  } finally {
    await server.stop();
    await opened.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(
  `approvals benchmark: ${N} registrations approved in one request by a focal point, node ${process.version}, ${os.cpus().length} cores\n`,
);
await benchmark('pglite');
if (process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL) await benchmark('postgres');
