import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { migrationsDir } from './migrate.ts';

/**
 * A new PGlite data directory is made by initdb, ~6 s (up to 15 s on a busy machine) and ~650 MB of
 * WebAssembly memory that the process keeps. Loading a dump of a freshly migrated one takes ~1.5 s
 * instead. The dump is made once — by `npm install` (postinstall), `npm run build` or the first test
 * run — and kept in node_modules/.cache/convene: it belongs to the installed PGlite, so it goes with
 * node_modules. Its name carries PGlite's version and a hash of the migration files, so a dump made
 * before a migration was added or edited is never used.
 */
export function pgliteTemplateFile(): string {
  const require = createRequire(import.meta.url);
  // The package's main entry lies in its dist/; its package.json one level up (not exported).
  const pgliteDir = path.dirname(path.dirname(require.resolve('@electric-sql/pglite')));
  const { version } = JSON.parse(fs.readFileSync(path.join(pgliteDir, 'package.json'), 'utf8')) as { version: string };
  const hash = createHash('sha256');
  for (const file of fs.readdirSync(migrationsDir).filter((f) => f.endsWith('.sql')).sort()) {
    hash.update(file).update('\0').update(fs.readFileSync(path.join(migrationsDir, file))).update('\0');
  }
  const nodeModules = path.dirname(path.dirname(pgliteDir));
  return path.join(nodeModules, '.cache', 'convene', `pglite-${version}-${hash.digest('hex').slice(0, 16)}.tar.gz`);
}

/** The template's bytes when it exists (for `loadDataDir`), else undefined. */
export function readPgliteTemplate(file = pgliteTemplateFile()): Blob | undefined {
  try {
    return new Blob([fs.readFileSync(file)]);
  } catch {
    return undefined;
  }
}

/** Writes a dump (gzip tarball) as the template, atomically: a reader sees the whole file or none. */
export function savePgliteTemplate(dump: Uint8Array, file = pgliteTemplateFile()): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, dump);
  fs.renameSync(partial, file);
}

/**
 * Makes the template unless it is there: an in-memory database, migrated, dumped. Returns its path and
 * whether it was made now.
 */
export async function makePgliteTemplate(file = pgliteTemplateFile()): Promise<{ file: string; made: boolean }> {
  if (fs.existsSync(file)) return { file, made: false };
  // Imported here: index.ts reads this module for openPglite.
  const { openPglite } = await import('./index.ts');
  const { migrate } = await import('./migrate.ts');
  const database = await openPglite({ template: false });
  try {
    await migrate(database);
    const dump = await database.pglite!.dumpDataDir('gzip');
    savePgliteTemplate(new Uint8Array(await dump.arrayBuffer()), file);
  } finally {
    await database.close();
  }
  return { file, made: true };
}

/**
 * The server's PostgreSQL settings on top of PGlite's own. shared_buffers: PostgreSQL's default, 128 MB,
 * fills up the WebAssembly memory, which never shrinks; 16 MB keeps an idle server ~150 MB smaller, and
 * pages beyond it are read from the data directory through the OS's page cache.
 */
export const pgliteStartParams = (): string[] => [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];
