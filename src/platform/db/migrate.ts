import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './index.ts';

export const migrationsDir = fileURLToPath(new URL('../../../migrations/', import.meta.url));
/** Arbitrary constant naming "convene migrations" for pg_advisory_lock. */
const MIGRATION_LOCK = 4_204_202_301;

export interface Migration {
  name: string;
  sql: string;
}

export function readMigrations(dir = migrationsDir): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((file) => ({
      name: file.replace(/\.sql$/, ''),
      sql: fs
        .readFileSync(path.join(dir, file), 'utf8')
        .split('--> statement-breakpoint')
        .map((s) => s.trim().replace(/;$/, ''))
        .filter(Boolean)
        .join(';\n'),
    }));
}

/**
 * Applies pending migrations, each in its own transaction. A session-level advisory lock makes
 * instances that start together wait for each other instead of applying the same file twice.
 */
export function migrate(database: Database, migrations = readMigrations()): Promise<string[]> {
  return database.onOneConnection(async (exec) => {
    const applied: string[] = [];
    await exec(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    try {
      await exec('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      const done = new Set((await exec('SELECT name FROM schema_migrations')).map((r) => String(r.name)));
      for (const m of migrations) {
        if (done.has(m.name)) continue;
        const name = m.name.replace(/'/g, "''");
        try {
          await exec(`BEGIN;\n${m.sql};\nINSERT INTO schema_migrations (name) VALUES ('${name}');\nCOMMIT;`);
        } catch (error) {
          await exec('ROLLBACK').catch(() => {});
          throw new Error(`Migration ${m.name} failed: ${(error as Error).message}`, { cause: error });
        }
        applied.push(m.name);
      }
    } finally {
      await exec(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`);
    }
    return applied;
  });
}
