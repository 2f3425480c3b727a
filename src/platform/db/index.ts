import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { Logger } from 'pino';
import { databaseFault, tagDatabaseError } from './faults.ts';
import { claimDataDir, type OwnerClaim, type OwnerLease } from './owner.ts';
import { copyPgliteTemplate, pgliteStartParams } from './pglite-template.ts';

/** No relational query builder: modules query their tables with the core builder, so the database knows no module's schema. */
export type Schema = Record<string, never>;
/** The one database type services see, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A service may run on the database or inside a caller's transaction. */
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  /** The PGlite instance, for snapshots in tests; absent on PostgreSQL. */
  pglite?: PGlite;
  kind: 'pglite' | 'postgres';
  /** The embedded database's lock and command channel in DATA_DIR (see owner.ts); absent on PostgreSQL. */
  owner?: OwnerLease;
  /** Runs raw SQL (several statements allowed) and returns the last statement's rows. */
  exec(sqlText: string): Promise<Record<string, unknown>[]>;
  /** Runs fn on one dedicated connection, for session-level state such as advisory locks. */
  onOneConnection<T>(fn: (exec: Database['exec']) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** How long a request waits for a connection (server down or unreachable, every connection busy) before a 503. */
const CONNECT_TIMEOUT_MS = 5_000;

interface PostgresOptions {
  /** Where an outage is reported: once when the database goes away, once when it is back. */
  log?: Pick<Logger, 'warn' | 'info'>;
  connectTimeoutMs?: number;
}

type Checkout = (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: Error | boolean) => void) => void;

/**
 * The pool convene uses. Every client it makes has an 'error' listener for its whole life, idle or checked
 * out — node-postgres emits 'error' on a client whose server went away (a restart, an admin shutdown), and
 * an EventEmitter without a listener throws it, which ends the process. A checked-out client that fails is
 * given back to the pool at once, as broken (the pool closes it and frees its place), and its holder's
 * later release does nothing: a holder that never releases after a failure (drizzle's transaction when
 * its BEGIN fails) cannot leak a place.
 */
class ConvenePool extends pg.Pool {
  constructor(
    config: pg.PoolConfig,
    private readonly outage: Outage,
  ) {
    super(config);
    // Idle clients: the pool forwards their errors here and drops them.
    this.on('error', (error) => outage.failed(tagDatabaseError(error)));
    this.on('connect', (client) => {
      outage.reachable();
      client.on('error', (error) => outage.failed(tagDatabaseError(error)));
      tagQueryErrors(client);
    });
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: Checkout): void;
  override connect(callback?: Checkout): Promise<pg.PoolClient> | undefined {
    if (callback) {
      super.connect((err, client, done) => {
        if (err || !client) {
          this.outage.failed(tagDatabaseError(err));
          return callback(err, client, done);
        }
        guardCheckout(client);
        callback(undefined, client, client.release);
      });
      return;
    }
    return super.connect().then(
      (client) => guardCheckout(client),
      (error: unknown) => {
        this.outage.failed(tagDatabaseError(error));
        throw error;
      },
    );
  }
}

/**
 * Tags what a client's queries fail with as the driver's (see `tagDatabaseError`): promise and callback
 * forms alike, since the pool's own `query` calls the callback form. Submittables (cursors) are left as they are.
 */
function tagQueryErrors(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    if (typeof (args[0] as { submit?: unknown } | undefined)?.submit === 'function') return query(...args);
    const last = args.at(-1);
    if (typeof last === 'function') {
      args[args.length - 1] = (err: unknown, ...rest: unknown[]) =>
        (last as (...a: unknown[]) => unknown)(err ? tagDatabaseError(err) : err, ...rest);
      return query(...args);
    }
    const result = query(...args) as Promise<unknown> | undefined;
    return typeof result?.then === 'function'
      ? result.then(undefined, (error: unknown) => {
          throw tagDatabaseError(error);
        })
      : result;
  };
}

function guardCheckout(client: pg.PoolClient): pg.PoolClient {
  const giveBack = client.release.bind(client);
  let released = false;
  const release = (err?: Error | boolean) => {
    if (released) return;
    released = true;
    client.removeListener('error', onError);
    giveBack(err);
  };
  const onError = (error: Error) => release(error instanceof Error ? error : new Error(String(error)));
  client.on('error', onError);
  client.release = release;
  return client;
}

/** Logs an outage once when it starts and once when the database is reachable again, without statements. */
interface Outage {
  failed(error: unknown): void;
  reachable(): void;
}

function outageLog(log: PostgresOptions['log']): Outage {
  let down = false;
  return {
    failed(error) {
      const fault = databaseFault(error);
      if (!fault || down) return;
      down = true;
      log?.warn({ database: fault }, 'database unavailable; requests get 503 until it is back');
    },
    reachable() {
      if (!down) return;
      down = false;
      log?.info('database reachable again');
    },
  };
}

export async function openPostgres(url: string, poolSize = 10, options: PostgresOptions = {}): Promise<Database> {
  const pool = new ConvenePool(
    {
      connectionString: url,
      max: poolSize,
      connectionTimeoutMillis: options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
      // A server that vanished without closing its sockets is noticed, not waited for.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    },
    outageLog(options.log),
  );
  const db = drizzlePg(pool) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    exec: async (sqlText) => lastRows(await pool.query(sqlText)),
    onOneConnection: async (fn) => {
      const client = await pool.connect();
      try {
        return await fn(async (sqlText) => lastRows(await client.query(sqlText)));
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/**
 * PGlite in `dataDir` (in memory without one). A data directory that does not exist yet starts as a copy
 * of the migrated template when there is one (see pglite-template.ts) instead of initdb; `template: false`
 * never uses it. `loadDataDir` loads a given dump instead.
 */
export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob | File; template?: boolean } = {}): Promise<Database> {
  if (options.dataDir) fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });
  // A new data directory starts as a copy of the migrated template when there is one, not from initdb.
  if (options.dataDir && !options.loadDataDir && options.template !== false && !fs.existsSync(path.join(options.dataDir, 'PG_VERSION'))) {
    copyPgliteTemplate(options.dataDir);
  }
  const client = await PGlite.create({ dataDir: options.dataDir, loadDataDir: options.loadDataDir, startParams: pgliteStartParams() });
  const db = drizzlePglite(client) as unknown as Db;
  let exclusive: Promise<unknown> = Promise.resolve();
  return {
    db,
    pglite: client,
    kind: 'pglite',
    exec: async (sqlText) => (await client.exec(sqlText)).at(-1)?.rows ?? [],
    // PGlite is one connection in this process: advisory locks are re-entrant on it, so callers are
    // serialised here instead.
    onOneConnection: (fn) => {
      const run = exclusive.then(() => fn(async (sqlText) => (await client.exec(sqlText)).at(-1)?.rows ?? []));
      exclusive = run.catch(() => {});
      return run;
    },
    close: () => client.close(),
  };
}

function lastRows(result: pg.QueryResult | pg.QueryResult[]): Record<string, unknown>[] {
  const last = Array.isArray(result) ? result.at(-1) : result;
  return last?.rows ?? [];
}

/**
 * PGlite's data directory inside DATA_DIR, or the PostgreSQL server when a URL is given. The embedded one
 * is opened only by the process that owns DATA_DIR: claiming it throws DataDirOwnedError when another
 * process does (run the command through it), OwnerUnreachableError when its owner does not answer.
 */
export async function openDatabase(
  config: { databaseUrl?: string; dataDir: string },
  as: OwnerClaim = { role: 'command', command: 'open', worker: false },
  log?: PostgresOptions['log'],
): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, 10, { log });
  const owner = await claimDataDir(config.dataDir, as);
  try {
    const database = await openPglite({ dataDir: path.join(config.dataDir, 'pglite') });
    const close = async () => {
      await owner.drain();
      try {
        await database.close();
      } finally {
        await owner.release();
      }
    };
    return { ...database, owner, close };
  } catch (error) {
    await owner.release();
    throw error;
  }
}

/**
 * Runs one hand-written statement ($1, $2 … placeholders) outside any transaction. On PostgreSQL it is a
 * named prepared statement, parsed and planned once per connection: for the hottest writes, where the
 * server's planning and the query builder's work are a measurable share of a request.
 */
export async function queryPrepared<T>(db: Db, name: string, text: string, values: unknown[]): Promise<T[]> {
  const client = (db as unknown as { $client: pg.Pool | PGlite }).$client;
  if (client instanceof pg.Pool) return (await client.query({ name, text, values })).rows as T[];
  return (await client.query<T>(text, values)).rows;
}

/**
 * Whether the database answers `SELECT 1` within `timeoutMs` (readiness). The embedded database lives in
 * this process: it is ready when the process is.
 */
export async function databaseReady(db: Db, timeoutMs: number): Promise<boolean> {
  const client = (db as unknown as { $client: pg.Pool | PGlite }).$client;
  if (!(client instanceof pg.Pool)) return true;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const probe = client.query('SELECT 1').then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([probe, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The rows of a raw `db.execute` result, whichever driver returned it. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
}

/** The SQLSTATE of a database error, however the driver wrapped it. */
function sqlState(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export const isUniqueViolation = (error: unknown) => sqlState(error) === '23505';
/** A row still referenced elsewhere. PostgreSQL 18 (PGlite) reports ON DELETE RESTRICT as 23001, 15 as 23503. */
export const isReferencedRowViolation = (error: unknown) => ['23503', '23001'].includes(sqlState(error) ?? '');
