import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { migrationsDir } from './migrate.ts';

/**
 * A new PGlite data directory is made by initdb: ~6 s (up to 15 s on a busy machine) and ~650 MB of
 * WebAssembly memory that the process keeps. Copying a freshly migrated one takes a fraction of a second
 * instead (41 MB of files), and then it is opened like any existing one (~0.7 s). The template is made
 * once — by `npm install` (postinstall), `npm run build` or the first test run — and kept in
 * node_modules/.cache/convene: it belongs to the installed PGlite, so it goes with node_modules. Its
 * name carries PGlite's version and a hash of the migration files, so a template made before a migration
 * was added or edited is never used. (PGlite's own `loadDataDir` unpacks a dump through its emulated
 * file system: ~3 s and ~100 MB more WebAssembly memory.)
 */
export function pgliteTemplateDir(): string {
  const require = createRequire(import.meta.url);
  // The package's main entry lies in its dist/; its package.json one level up (not exported).
  const pgliteDir = path.dirname(path.dirname(require.resolve('@electric-sql/pglite')));
  const { version } = JSON.parse(fs.readFileSync(path.join(pgliteDir, 'package.json'), 'utf8')) as { version: string };
  const hash = createHash('sha256');
  for (const file of fs
    .readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    hash
      .update(file)
      .update('\0')
      .update(fs.readFileSync(path.join(migrationsDir, file)))
      .update('\0');
  }
  const nodeModules = path.dirname(path.dirname(pgliteDir));
  return path.join(nodeModules, '.cache', 'convene', `pglite-${version}-${hash.digest('hex').slice(0, 16)}`);
}

/** A complete template has PG_VERSION: it is renamed into place only once made. */
export const hasPgliteTemplate = (dir = pgliteTemplateDir()): boolean => fs.existsSync(path.join(dir, 'PG_VERSION'));

/**
 * Copies the template into `dataDir` (absent or empty). Returns false, leaving nothing behind,
 * when there is no template or the copy failed: the caller then lets initdb make the directory.
 */
export function copyPgliteTemplate(dataDir: string, dir = pgliteTemplateDir()): boolean {
  if (!hasPgliteTemplate(dir)) return false;
  if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) return false; // not ours to fill
  try {
    fs.cpSync(dir, dataDir, { recursive: true, errorOnExist: true, force: false });
    return true;
  } catch {
    fs.rmSync(dataDir, { recursive: true, force: true });
    return false;
  }
}

/**
 * Makes the template unless it is there: initdb in a directory beside it, migrated, closed, renamed into
 * place (so a reader sees a whole template or none). Returns its path and whether it was made now.
 */
export async function makePgliteTemplate(dir = pgliteTemplateDir()): Promise<{ dir: string; made: boolean }> {
  if (hasPgliteTemplate(dir)) return { dir, made: false };
  // Imported here: index.ts reads this module for openPglite.
  const { openPglite } = await import('./index.ts');
  const { migrate } = await import('./migrate.ts');
  const partial = `${dir}.${process.pid}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  const database = await openPglite({ dataDir: partial, template: false });
  try {
    await migrate(database);
  } finally {
    await database.close();
  }
  try {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(partial, dir);
  } catch (error) {
    fs.rmSync(partial, { recursive: true, force: true });
    // Another process made it at the same time: theirs will do.
    if (!hasPgliteTemplate(dir)) throw error;
  }
  return { dir, made: true };
}

/**
 * The server's PostgreSQL settings on top of PGlite's own. shared_buffers: PostgreSQL's default, 128 MB,
 * fills up the WebAssembly memory, which never shrinks; 16 MB keeps an idle server ~150 MB smaller, and
 * pages beyond it are read from the data directory through the OS's page cache.
 */
export const pgliteStartParams = (): string[] => [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];
