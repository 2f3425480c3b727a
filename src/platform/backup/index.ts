import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type { PGlite } from '@electric-sql/pglite';
import { z } from 'zod';
import { keyId, parseKey } from '../data-key.ts';
import { type Database, openPglite } from '../db/index.ts';
import { readMigrations } from '../db/migrate.ts';
import { claimDataDir, DataDirOwnedError, describeOwner, LOCK_FILE } from '../db/owner.ts';
import { diskFileStore, type FileStore } from '../files/store.ts';
import { readTar, type TarEntry, TarFormatError, writeTar } from './tar.ts';

/**
 * `convene backup` and `convene restore` for the embedded database: one tar.gz holding a manifest, a
 * snapshot of the PGlite data directory (taken inside the process that owns DATA_DIR), the data key
 * file when the key lives in DATA_DIR, and every stored file read through the FileStore interface. Files
 * stream through; the database snapshot is held in memory once (PGlite makes and loads it as one blob).
 */

const BACKUP_FORMAT = 'convene-backup';
const BACKUP_VERSION = 1;
const MANIFEST = 'manifest.json';
const DATABASE = 'database.tar.gz';
const DATA_KEY = 'data.key';
const FILE_PREFIX = 'files/';
const MAX_MANIFEST_BYTES = 256 * 1024 * 1024;
const MAX_KEY_BYTES = 4096;
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

const ManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  created: z.string(),
  /** Migrations applied to the database in the archive, in order; the last is its level. */
  migrations: z.array(z.string()),
  migrationLevel: z.string().nullable(),
  database: z.object({ entry: z.literal(DATABASE), size: z.number().int().nonnegative(), sha256: sha256Hex }),
  /** The id of the key personal data is sealed under; the key itself only when it was DATA_DIR/data.key. */
  dataKey: z.object({ id: z.string().nullable(), included: z.boolean(), sha256: sha256Hex.optional() }),
  fileCount: z.number().int().nonnegative(),
  fileBytes: z.number().int().nonnegative(),
  files: z.array(z.object({ hash: sha256Hex, size: z.number().int().nonnegative(), sha256: sha256Hex })),
});
type Manifest = z.infer<typeof ManifestSchema>;

/** A backup or restore refused or failed; the message says why and that nothing was changed. */
export class BackupError extends Error {}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const keyIdOf = (text: string) => keyId(parseKey(text));

/**
 * A consistent snapshot of the embedded database: taken while PGlite's transaction lock is held (no
 * transaction is open, none starts until it is done), after a CHECKPOINT that writes committed pages into
 * the files it copies. (PGlite's own query and exec take that lock too, so the CHECKPOINT runs before it.)
 */
async function snapshot(pglite: PGlite): Promise<Buffer> {
  await pglite.exec('CHECKPOINT');
  const take = async () => Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer());
  const exclusive = (pglite as unknown as { _runExclusiveTransaction?: <T>(fn: () => Promise<T>) => Promise<T> })._runExclusiveTransaction;
  return typeof exclusive === 'function' ? (exclusive.call(pglite, take) as Promise<Buffer>) : take();
}

interface BackupResult {
  out: string;
  manifest: Manifest;
  bytes: number;
}

/** Writes the archive to `out` (absolute; refused if it exists), through a temporary name beside it. */
export async function writeBackup(options: {
  database: Database;
  files: FileStore;
  dataDir: string;
  /** CONVENE_DATA_KEY is set: the key is not in DATA_DIR, and not in the archive. */
  keyFromEnvironment: string | undefined;
  out: string;
}): Promise<BackupResult> {
  const { database, files, out } = options;
  if (database.kind !== 'pglite' || !database.pglite) {
    throw new BackupError(
      'convene backup is for the embedded database. On PostgreSQL back up the database with its own tools ' +
        '(pg_dump --format=custom "$DATABASE_URL" > convene.dump, restored with pg_restore) and the file store alongside ' +
        '(DATA_DIR/files, or the bucket named by FILE_STORE). Nothing was written.',
    );
  }
  if (!path.isAbsolute(out)) throw new BackupError(`the output path must be absolute: ${out}`);
  if (fs.existsSync(out)) throw new BackupError(`${out} exists already: name another file, or remove it first. Nothing was written.`);
  fs.mkdirSync(path.dirname(out), { recursive: true });

  const migrations = (await database.exec('SELECT name FROM schema_migrations ORDER BY name')).map((r) => String(r.name));
  const dump = await snapshot(database.pglite);
  // Files put after the snapshot are not named by it; those put before are all listed.
  const listed: Manifest['files'] = [];
  let fileBytes = 0;
  for await (const entry of files.list({ storedBefore: new Date(Date.now() + 1_000) })) {
    listed.push({ hash: entry.hash, size: entry.size, sha256: entry.hash });
    fileBytes += entry.size;
  }
  listed.sort((a, b) => a.hash.localeCompare(b.hash));

  const keyFile = path.join(options.dataDir, DATA_KEY);
  const keyText = options.keyFromEnvironment ? null : fs.existsSync(keyFile) ? fs.readFileSync(keyFile) : null;
  const keyId = options.keyFromEnvironment ? keyIdOf(options.keyFromEnvironment) : keyText ? keyIdOf(keyText.toString('utf8')) : null;

  const manifest: Manifest = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    created: new Date().toISOString(),
    migrations,
    migrationLevel: migrations.at(-1) ?? null,
    database: { entry: DATABASE, size: dump.length, sha256: sha256(dump) },
    dataKey: { id: keyId, included: keyText !== null, ...(keyText ? { sha256: sha256(keyText) } : {}) },
    fileCount: listed.length,
    fileBytes,
    files: listed,
  };
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`);

  async function* entries(): AsyncGenerator<TarEntry> {
    yield { name: MANIFEST, size: manifestBytes.length, content: manifestBytes };
    yield { name: DATABASE, size: dump.length, content: dump };
    if (keyText) yield { name: DATA_KEY, size: keyText.length, content: keyText };
    for (const file of listed) {
      const stream = (await files.open(file.hash)) as Readable;
      yield { name: `${FILE_PREFIX}${file.hash}`, size: file.size, content: verified(stream, file.hash) };
    }
  }

  const partial = `${out}.partial-${randomBytes(4).toString('hex')}`;
  try {
    // Level 1: most of the bytes are uploads (PDF, DOCX, images) and the database snapshot, compressed already.
    await pipeline(
      Readable.from(writeTar(entries())),
      createGzip({ level: 1 }),
      fs.createWriteStream(partial, { mode: 0o600, flags: 'wx' }),
    );
    fs.renameSync(partial, out);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
  return { out, manifest, bytes: fs.statSync(out).size };
}

/** Passes a stored file's bytes on, failing at the end if they are not the content its name says. */
async function* verified(stream: AsyncIterable<Uint8Array>, hash: string): AsyncGenerator<Uint8Array> {
  const hasher = createHash('sha256');
  for await (const chunk of stream) {
    hasher.update(chunk);
    yield chunk;
  }
  if (hasher.digest('hex') !== hash)
    throw new BackupError(`the stored file ${hash} does not match its hash: the file store is damaged. No backup was written.`);
}

// ---------------------------------------------------------------------------------------------------------

interface RestoreOptions {
  dataDir: string;
  from: string;
  force: boolean;
  /** CONVENE_DATA_KEY and CONVENE_DATA_KEYS_OLD as configured, to check the archive's data can be opened. */
  dataKey: string | undefined;
  oldDataKeys: string[];
  /** The files go to this store (object storage) instead of DATA_DIR/files. */
  externalFiles?: FileStore;
}

interface RestoreResult {
  manifest: Manifest;
  replaced: boolean;
}

/** What in DATA_DIR a restore would replace (the owner lock and sockets are not data). */
function existingData(dataDir: string): string[] {
  if (!fs.existsSync(dataDir)) return [];
  return fs.readdirSync(dataDir).filter((name) => {
    if (name === LOCK_FILE || name.startsWith(`${LOCK_FILE}.`) || /^owner-[0-9a-f]+\.sock$/.test(name) || name.startsWith('.restore-'))
      return false;
    const full = path.join(dataDir, name);
    const stat = fs.statSync(full, { throwIfNoEntry: false });
    if (!stat) return false;
    return stat.isDirectory() ? fs.readdirSync(full).length > 0 : true;
  });
}

/**
 * Restores an archive into DATA_DIR. Refused (nothing changed) while any process owns DATA_DIR, when
 * DATA_DIR holds data and `force` is not given, when the archive was made by a newer convene, when its
 * data key is not available, or when anything in it does not match the manifest's sha-256. The database
 * and files are restored into a folder inside DATA_DIR first and moved into place only when all is verified.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const { dataDir } = options;
  if (!fs.existsSync(options.from)) throw new BackupError(`no such file: ${options.from}. Nothing was changed.`);
  let lease: Awaited<ReturnType<typeof claimDataDir>>;
  try {
    lease = await claimDataDir(dataDir, { role: 'command', command: 'restore', worker: false });
  } catch (error) {
    if (error instanceof DataDirOwnedError) {
      throw new BackupError(
        `the embedded database in ${dataDir} is in use by ${describeOwner(error.owner)}: stop it before restoring. Nothing was changed.`,
      );
    }
    throw error;
  }
  const work = path.join(dataDir, `.restore-${randomBytes(4).toString('hex')}`);
  try {
    const present = existingData(dataDir);
    if (present.length && !options.force) {
      throw new BackupError(
        `${dataDir} is not empty (${present.join(', ')}): restore with --force to replace its data, or into an empty DATA_DIR. Nothing was changed.`,
      );
    }
    fs.mkdirSync(work, { mode: 0o700 });
    const manifest = await unpack(options, work);
    fs.mkdirSync(path.join(work, 'files'), { recursive: true });
    // Move into place: what was there aside first (removed at the end), then the restored data.
    const names = ['pglite', ...(options.externalFiles ? [] : ['files']), ...(manifest.dataKey.included ? [DATA_KEY] : [])];
    const aside = path.join(work, 'replaced');
    fs.mkdirSync(aside);
    for (const name of names) {
      if (fs.existsSync(path.join(dataDir, name))) fs.renameSync(path.join(dataDir, name), path.join(aside, name));
    }
    for (const name of names) fs.renameSync(path.join(work, name), path.join(dataDir, name));
    return { manifest, replaced: present.length > 0 };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
    await lease.release();
  }
}

/** Reads and verifies the archive into `work`: pglite/, files/ (unless external), data.key. */
async function unpack(options: RestoreOptions, work: string): Promise<Manifest> {
  const refuse = (why: string) => new BackupError(`${options.from} cannot be restored: ${why}. Nothing was changed.`);
  const source = fs.createReadStream(options.from).pipe(createGunzip());
  const store = options.externalFiles ?? diskFileStore(path.join(work, 'files'));
  let manifest: Manifest | null = null;
  let database: Buffer | null = null;
  const expected = new Map<string, number>();
  const seen = new Set<string>();
  try {
    for await (const entry of readTar(source)) {
      if (manifest === null) {
        if (entry.name !== MANIFEST) throw refuse('it is not a convene backup (no manifest first)');
        if (entry.size > MAX_MANIFEST_BYTES) throw refuse('its manifest is too large');
        const parsed = ManifestSchema.safeParse(parseJson(await collect(entry.content)));
        if (!parsed.success) throw refuse('its manifest is not one convene writes (format, version or fields)');
        manifest = parsed.data;
        checkLevel(manifest, refuse);
        checkKey(manifest, options, refuse);
        for (const f of manifest.files) expected.set(f.hash, f.size);
        if (expected.size !== manifest.files.length || manifest.fileCount !== manifest.files.length)
          throw refuse('its manifest lists files twice or miscounts them');
        continue;
      }
      if (entry.name === DATABASE) {
        if (database !== null || entry.size !== manifest.database.size) throw refuse('its database entry does not match the manifest');
        database = await collect(entry.content);
        if (sha256(database) !== manifest.database.sha256)
          throw refuse('the database in it does not match its sha-256 (damaged or altered)');
      } else if (entry.name === DATA_KEY) {
        if (!manifest.dataKey.included || entry.size > MAX_KEY_BYTES || seen.has(DATA_KEY))
          throw refuse('it holds a data key its manifest does not announce');
        const key = await collect(entry.content);
        if (sha256(key) !== manifest.dataKey.sha256) throw refuse('the data key in it does not match its sha-256 (damaged or altered)');
        fs.writeFileSync(path.join(work, DATA_KEY), key, { mode: 0o600 });
        seen.add(DATA_KEY);
      } else if (entry.name.startsWith(FILE_PREFIX)) {
        const hash = entry.name.slice(FILE_PREFIX.length);
        if (expected.get(hash) !== entry.size || seen.has(hash))
          throw refuse(`it holds a file its manifest does not list as such (${entry.name})`);
        const stored = await store.put(entry.content, { maxBytes: entry.size });
        if (stored.hash !== hash || stored.size !== entry.size)
          throw refuse(`the file ${hash} in it does not match its sha-256 (damaged or altered)`);
        seen.add(hash);
      } else {
        throw refuse(`it holds an entry convene does not write (${entry.name.slice(0, 100)})`);
      }
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    if (error instanceof TarFormatError || (error as NodeJS.ErrnoException).code?.startsWith('Z_'))
      throw refuse(`it is damaged (${(error as Error).message})`);
    throw error;
  }
  if (manifest === null) throw refuse('it is empty');
  if (database === null) throw refuse('it holds no database');
  if (manifest.dataKey.included && !seen.has(DATA_KEY)) throw refuse('its data key is missing');
  const missing = manifest.files.filter((f) => !seen.has(f.hash)).length;
  if (missing) throw refuse(`${missing} file(s) its manifest lists are missing`);

  // The snapshot becomes a data directory; opening it proves it is one, at the manifest's level.
  const restored = await openPglite({ dataDir: path.join(work, 'pglite'), loadDataDir: new Blob([new Uint8Array(database)]) });
  try {
    const rows = await restored.exec('SELECT name FROM schema_migrations ORDER BY name');
    if (rows.at(-1)?.name !== (manifest.migrationLevel ?? undefined))
      throw refuse('its database is not at the migration level its manifest names');
  } finally {
    await restored.close();
  }
  return manifest;
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

/** A backup from a newer convene (migrations this one does not have) is refused; an older one is migrated at the next start. */
function checkLevel(manifest: Manifest, refuse: (why: string) => BackupError): void {
  const known = new Set(readMigrations().map((m) => m.name));
  const unknown = manifest.migrations.filter((name) => !known.has(name));
  if (unknown.length)
    throw refuse(
      `it was made by a newer convene (migrations ${unknown.slice(0, 3).join(', ')}${unknown.length > 3 ? ' …' : ''}); restore it with that version`,
    );
}

function checkKey(manifest: Manifest, options: RestoreOptions, refuse: (why: string) => BackupError): void {
  const id = manifest.dataKey.id;
  if (id === null) return;
  const configured = [options.dataKey, ...options.oldDataKeys].filter((k): k is string => Boolean(k)).map(keyIdOf);
  if (options.dataKey) {
    if (!configured.includes(id)) {
      throw refuse(
        `its personal data is sealed under data key ${id}, which neither CONVENE_DATA_KEY nor CONVENE_DATA_KEYS_OLD is` +
          (manifest.dataKey.included ? ' (the key is in the archive: unset CONVENE_DATA_KEY to use it)' : ''),
      );
    }
    return;
  }
  if (!manifest.dataKey.included)
    throw refuse(`its personal data is sealed under data key ${id}, which is not in the archive: set CONVENE_DATA_KEY to that key`);
}
