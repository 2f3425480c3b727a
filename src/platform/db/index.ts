import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { claimDataDir, type OwnerClaim, type OwnerLease } from './owner.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
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

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // A failing idle client must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const db = drizzlePg(pool, { schema }) as unknown as Db;
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

export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob | File } = {}): Promise<Database> {
  if (options.dataDir) fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });
  const client = await PGlite.create({ dataDir: options.dataDir, loadDataDir: options.loadDataDir });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
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
): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
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

/** The rows of a raw `db.execute` result, whichever driver returned it. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
}

/** The SQLSTATE of a database error, however the driver wrapped it. */
export function sqlState(error: unknown): string | undefined {
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
