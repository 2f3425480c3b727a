import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { FixedClock } from '../src/platform/clock.ts';
import { makeKeyring } from '../src/platform/data-key.ts';
import { databaseFault } from '../src/platform/db/faults.ts';
import { type Database, openPostgres, rowsOf } from '../src/platform/db/index.ts';
import { diskFileStore } from '../src/platform/files/store.ts';
import { translator } from '../src/platform/i18n/index.ts';
import { databaseKinds, type Harness, startHarness, testConfig } from './support/harness.ts';
import { freePort } from './support/net.ts';

describe('the database unreachable', () => {
  const lines: string[] = [];
  const stream = { write: (line: string) => void lines.push(line) };
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-files-'));
  let database: Database;
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    const log = pino({ level: 'debug' }, stream);
    database = await openPostgres(`postgres://postgres@127.0.0.1:${await freePort()}/postgres`, 2, { log, connectTimeoutMs: 1_000 });
    app = await buildApp({
      db: database.db,
      clock: new FixedClock(new Date('2023-04-06T08:00:00Z')),
      config: testConfig(),
      keyring: makeKeyring(randomBytes(32)),
      files: diskFileStore(filesDir),
      logger: { level: 'debug', stream } as never,
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.close();
    fs.rmSync(filesDir, { recursive: true, force: true });
  });

  it('keeps /healthz a liveness check and answers /readyz 503', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    // A probe that carries a session cookie or a token (a browser, a scripted check) needs no database either.
    expect((await app.inject({ method: 'GET', url: '/healthz', cookies: { convene_session: 'x'.repeat(43) } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/healthz', headers: { authorization: 'Bearer cvn_nothing' } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/static/app.css', cookies: { convene_session: 'x'.repeat(43) } })).statusCode).toBe(
      200,
    );
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.headers['content-type']).toContain('application/problem+json');
    expect(ready.headers['retry-after']).toBe('5');
    expect(ready.json()).toMatchObject({ code: 'database-unavailable', status: 503 });
  });

  it('answers the API with a 503 problem, Retry-After and a message in the reader’s language', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/meetings/1', headers: { 'accept-language': 'fr' } });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json()).toEqual({
      type: 'https://convene.test/problems/database-unavailable',
      code: 'database-unavailable',
      title: translator('fr')('error.databaseUnavailable'),
      status: 503,
      instance: '/api/meetings/1',
    });
    // Also when the caller's token cannot be checked.
    const bearer = await app.inject({ method: 'GET', url: '/api/me/registrations', headers: { authorization: 'Bearer cvn_x' } });
    expect(bearer.statusCode).toBe(503);
    expect(bearer.json().code).toBe('database-unavailable');
  });

  it('shows pages a localized 503 error page, even when the session cannot be read', async () => {
    const page = await app.inject({ method: 'GET', url: '/meetings/1', headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
    expect(page.statusCode).toBe(503);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['retry-after']).toBe('5');
    expect(page.body).toContain(translator('zh')('error.databaseUnavailable'));
    const signedIn = await app.inject({ method: 'GET', url: '/me/registrations?lang=ar', headers: { cookie: 'convene_session=abc' } });
    expect(signedIn.statusCode).toBe(503);
    expect(signedIn.body).toContain('dir="rtl"');
    expect(signedIn.body).toContain(translator('ar')('error.databaseUnavailable'));
    expect(signedIn.body).not.toMatch(/ECONNREFUSED|at .*\.ts:\d+/);
  });

  it('logs the outage once, without statements or their parameters', async () => {
    await app.inject({ method: 'GET', url: '/groups/fg-mv' });
    await app.inject({ method: 'GET', url: '/api/search?q=someone%40example.org' });
    const records = lines.map((l) => JSON.parse(l) as { level: number; msg: string });
    expect(records.filter((r) => r.msg.startsWith('database unavailable;'))).toHaveLength(1);
    // Nothing logged as an error (the outage is not a bug), and no SQL anywhere.
    expect(records.filter((r) => r.level >= 50)).toEqual([]);
    // (The request line names the address searched for: redacting URLs is another matter.)
    const besidesRequestLines = lines.filter((l) => !l.includes('"msg":"incoming request"'));
    expect(besidesRequestLines.join('\n')).not.toMatch(/Failed query|params|select |someone/i);
  });
});

describe.each(databaseKinds)('/readyz with the database up (%s)', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(() => h.close());

  it('answers 200 and stays out of the API description', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(res.headers['cache-control']).toBe('no-store');
    const doc = (await h.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).not.toContain('/readyz');
    expect(Object.keys(doc.paths)).not.toContain('/healthz');
  });
});

// A connection that dies while checked out — what a PostgreSQL restart does to every request in flight.
// Needs a server to kill a backend of (only our own backend is terminated).
describe.skipIf(!process.env.TEST_DATABASE_URL)('a connection killed while checked out', () => {
  const url = process.env.TEST_DATABASE_URL!;
  let database: Database;
  let admin: Database;
  beforeAll(async () => {
    // One connection: a place leaked by a failed checkout would make the next query wait for ever.
    database = await openPostgres(url, 1, { connectTimeoutMs: 2_000 });
    admin = await openPostgres(url, 1);
  });
  afterAll(async () => {
    await database.close();
    await admin.close();
  });
  const terminate = (pid: number) => admin.exec(`SELECT pg_terminate_backend(${Number(pid)})`);
  const pool = () => (database.db as unknown as { $client: pg.Pool }).$client;

  it('inside a transaction, between statements: the transaction fails as unavailable, the process and the pool go on', async () => {
    const failed = await database.db
      .transaction(async (tx) => {
        const [row] = rowsOf<{ pid: number }>(await tx.execute(sql`SELECT pg_backend_pid() AS pid`));
        await terminate(row!.pid);
        // The server's FATAL reaches the idle, checked-out client: the 'error' event that used to end the process.
        await sleep(300);
        await tx.execute(sql`SELECT 1`);
      })
      .catch((error: unknown) => error);
    expect(databaseFault(failed)).toBeDefined();
    expect(rowsOf(await database.db.execute(sql`SELECT 2 AS two`))).toEqual([{ two: 2 }]);
  });

  it('before BEGIN: the broken client is given back, so its place is not leaked', async () => {
    const p = pool();
    const connect = p.connect.bind(p) as () => Promise<pg.PoolClient>;
    // Kill the connection between the checkout and drizzle's BEGIN, which drizzle sends outside its try/finally.
    (p as unknown as { connect: () => Promise<pg.PoolClient> }).connect = async () => {
      const client = await connect();
      await terminate((client as unknown as { processID: number }).processID);
      await sleep(300);
      return client;
    };
    const failed = await database.db.transaction(async (tx) => tx.execute(sql`SELECT 1`)).catch((error: unknown) => error);
    (p as unknown as { connect: unknown }).connect = connect;
    expect(databaseFault(failed)).toBeDefined();
    const again = await database.db.transaction(async (tx) => rowsOf(await tx.execute(sql`SELECT 3 AS three`)));
    expect(again).toEqual([{ three: 3 }]);
    expect(p.totalCount).toBeLessThanOrEqual(1);
  });
});
