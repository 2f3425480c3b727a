import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { AppContext } from '../context.ts';
import { type DbOrTx, rowsOf, type Tx } from '../db/index.ts';
import { TryAgainError } from '../errors.ts';
import { outbox } from '../mail/schema.ts';
import type { FileStore } from './store.ts';

/** A column that holds files of the store, and how it holds them. */
export type FileReference = { what: string; column: PgColumn } & (
  | { shape: 'hash'; where?: SQL }
  /** jsonb object whose values are hashes: `{ "en": "ab12…" }`. */
  | { shape: 'object-values' }
  /** jsonb array of objects with the hash in `field`: `[{ "file": "ab12…" }]`. */
  | { shape: 'array-field'; field: string }
);

/**
 * Every column that holds a file of the store: the platform's own here, each module's declared by its manifest
 * (`fileReferences`) when the modules are wired. A file is kept while any of them names it: refused uploads are
 * removed only when none does, and the hourly sweep removes the others. A test (test/uploads.test.ts) reads
 * every column of the migrated database and fails on one whose name looks like a file's (hash, sha256, file,
 * attachment, pdf) that is neither declared nor listed as not being one (test/support/file-columns.ts), so a
 * new table cannot be forgotten silently.
 */
export const fileReferences: FileReference[] = [
  { what: 'mail attachments sent from the store', column: outbox.attachments, shape: 'array-field', field: 'file' },
];

/** Adds a module's file columns (again: no change). */
export function declareFileReferences(references: FileReference[]): void {
  for (const ref of references) if (!fileReferences.some((known) => known.what === ref.what)) fileReferences.push(ref);
}

/** The hashes among `hashes` that some reference holds. */
async function referencedAmong(db: DbOrTx, hashes: string[], references = fileReferences): Promise<Set<string>> {
  const found = new Set<string>();
  if (hashes.length === 0) return found;
  const list = sql.join(
    hashes.map((h) => sql`${h}`),
    sql`, `,
  );
  for (const ref of references) {
    const table = ref.column.table;
    let query: SQL;
    if (ref.shape === 'hash') {
      query = sql`SELECT DISTINCT ${ref.column} AS hash FROM ${table} WHERE ${ref.column} IN (${list})${ref.where ? sql` AND ${ref.where}` : sql``}`;
    } else if (ref.shape === 'object-values') {
      query = sql`SELECT DISTINCT f.value AS hash FROM ${table}, jsonb_each_text(${ref.column}) AS f WHERE f.value IN (${list})`;
    } else {
      query = sql`SELECT DISTINCT a.item->>${ref.field} AS hash FROM ${table}, jsonb_array_elements(${ref.column}) AS a(item)
                  WHERE jsonb_typeof(${ref.column}) = 'array' AND a.item->>${ref.field} IN (${list})`;
    }
    for (const row of rowsOf<{ hash: string }>(await db.execute(query))) found.add(row.hash);
  }
  return found;
}

// Advisory locks per file (two-key form: this space, then the hash's first 32 bits). Two hashes sharing
// the key only wait for each other.
const FILE_LOCK_SPACE = 0x0f11e5;
const lockKey = (hash: string) => Number.parseInt(hash.slice(0, 8), 16) | 0;

/** The file was removed between its upload and the row that would name it; sending it again works. */
class FileGoneError extends TryAgainError {
  constructor() {
    super('upload-retry', 'error.uploadRetry', 1);
  }
}

/**
 * For a transaction about to write a row that names a stored file: until it commits, no refused upload
 * or sweep removes the file (they take the same lock exclusively and then see the row), and the file is
 * checked to be there still — if it went just before, the write fails instead of pointing at nothing.
 */
export async function holdStoredFile(tx: Tx, files: FileStore, hash: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock_shared(${FILE_LOCK_SPACE}::int, ${lockKey(hash)}::int)`);
  if (!(await files.has(hash))) throw new FileGoneError();
}

/**
 * Removes a stored file unless something names it (true when it did): the one way an upload that is refused or fails —
 * whatever the reason, a 500 included — gives back what it stored. The store is content-addressed, so
 * the refused bytes may be a file a document or a circular already holds; that one stays.
 * `storedBefore`: only if not put again since (the sweep's age bound).
 */
async function discardUnlessReferenced(
  ctx: Pick<AppContext, 'db' | 'files'>,
  hash: string,
  options: { storedBefore?: Date } = {},
): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${FILE_LOCK_SPACE}::int, ${lockKey(hash)}::int)`);
    if ((await referencedAmong(tx, [hash])).size > 0) return false;
    return ctx.files.remove(hash, options);
  });
}

/**
 * Calls `discardUnlessReferenced`, logging rather than throwing: for paths that are already failing, and
 * after a change that let a file go (a replaced template, a rejected mailed contribution) — the sweep
 * removes later what fails here.
 */
export async function discardQuietly(ctx: Pick<AppContext, 'db' | 'files' | 'log'>, hash: string): Promise<void> {
  try {
    await discardUnlessReferenced(ctx, hash);
  } catch (error) {
    // The hourly sweep removes it later.
    ctx.log.warn({ err: error }, 'refused upload not removed');
  }
}

const ORPHAN_MIN_AGE_MS = 3_600_000;

/**
 * Removes stored files that nothing names and that were stored over an hour ago, and temporaries of
 * puts that never finished. The age bound is what makes this safe beside requests in flight: a request
 * stores its file first and commits the row naming it afterwards, within seconds — a file younger than
 * an hour may be such a file and is left alone. An upload of bytes already stored makes them new again
 * (see `FileStore.put`), so old orphan bytes an in-flight request has just put are spared too; and each
 * removal re-checks the names and the age under the file's lock, which a committing writer holds. Ages are
 * file times against the clock, so instances sharing one folder must agree on the time within the hour.
 */
export async function sweepOrphanFiles(
  ctx: Pick<AppContext, 'db' | 'files' | 'clock' | 'log'>,
  options: { minAgeMs?: number } = {},
): Promise<{ removed: number; kept: number; temporaries: number }> {
  const storedBefore = new Date(ctx.clock.now().getTime() - (options.minAgeMs ?? ORPHAN_MIN_AGE_MS));
  let removed = 0;
  let kept = 0;
  let batch: string[] = [];
  const flush = async () => {
    const used = await referencedAmong(ctx.db, batch);
    kept += used.size;
    for (const hash of batch) {
      if (used.has(hash)) continue;
      if (await discardUnlessReferenced(ctx, hash, { storedBefore })) removed += 1;
      else kept += 1;
    }
    batch = [];
  };
  for await (const entry of ctx.files.list({ storedBefore })) {
    batch.push(entry.hash);
    if (batch.length >= 500) await flush();
  }
  await flush();
  const temporaries = await ctx.files.removeStaleTemporaries(storedBefore);
  return { removed, kept, temporaries };
}
