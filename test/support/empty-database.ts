import { type Database, openPglite, openPostgres } from '../../src/platform/db/index.ts';
import { withDatabase } from '../global-setup.ts';
import type { DatabaseKind } from './harness.ts';

/** An empty database of the kind, with no migration applied, for a migration test; dropped again by `dispose`. */
export async function emptyDatabase(kind: DatabaseKind, label: string): Promise<{ db: Database; dispose: () => Promise<void> }> {
  if (kind === 'pglite') {
    const db = await openPglite();
    return { db, dispose: () => db.close() };
  }
  const url = process.env.TEST_DATABASE_URL!;
  const name = `convene_${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = await openPostgres(url, 1);
  await admin.exec(`CREATE DATABASE ${name}`);
  const db = await openPostgres(withDatabase(url, name), 2);
  return {
    db,
    dispose: async () => {
      await db.close();
      await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}
