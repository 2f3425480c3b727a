import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { inject } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Actor } from '../../src/modules/accounts/profile.ts';
import { createVerifiedUser } from '../../src/modules/accounts/sign-up.ts';
import { FixedClock } from '../../src/platform/clock.ts';
import type { AppContext } from '../../src/platform/context.ts';
import { makeKeyring } from '../../src/platform/data-key.ts';
import { type Database, openPglite, openPostgres } from '../../src/platform/db/index.ts';
import { diskFileStore, type FileStore } from '../../src/platform/files/store.ts';
import type { LogStream } from '../../src/platform/log.ts';
import { withDatabase } from '../global-setup.ts';
import { recordApiAnswers } from './openapi.ts';

export type DatabaseKind = 'pglite' | 'postgres';
/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export const databaseKinds: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase extends Database {
  dispose(): Promise<void>;
}

export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const dump = fs.readFileSync(inject('pgliteTemplate'));
    const database = await openPglite({ loadDataDir: new Blob([dump]) });
    return { ...database, dispose: () => database.close() };
  }
  const url = process.env.TEST_DATABASE_URL!;
  const name = `convene_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = await openPostgres(url, 1);
  await admin.exec(`CREATE DATABASE ${name} TEMPLATE ${inject('postgresTemplate')}`);
  const database = await openPostgres(withDatabase(url, name), 20);
  return {
    ...database,
    dispose: async () => {
      await database.close();
      await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}

export const testConfig = (overrides: Record<string, string> = {}) =>
  loadConfig({ BASE_URL: 'https://convene.test', LOG_LEVEL: 'silent', DATA_DIR: '.tmp/test-data', ...overrides });

export interface Harness {
  kind: DatabaseKind;
  database: TestDatabase;
  app: Awaited<ReturnType<typeof buildApp>>;
  ctx: AppContext;
  clock: FixedClock;
  /** The file store's folder. */
  filesDir: string;
  close(): Promise<void>;
}

export async function startHarness(
  kind: DatabaseKind,
  now = '2023-04-06T08:00:00Z',
  options: { logStream?: LogStream; files?: FileStore } = {},
): Promise<Harness> {
  const database = await openTestDatabase(kind);
  const clock = new FixedClock(new Date(now));
  const config = testConfig(options.logStream ? { LOG_LEVEL: 'info' } : {});
  const keyring = makeKeyring(randomBytes(32));
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-files-'));
  const files = options.files ?? diskFileStore(filesDir);
  const app = await buildApp({
    db: database.db,
    clock,
    config,
    keyring,
    files,
    ...(options.logStream ? { logStream: options.logStream } : { logger: false }),
  });
  // Every answer of the API in every test that uses the harness is held against the OpenAPI document.
  const apiAnswers = recordApiAnswers(app);
  await app.ready();
  const ctx: AppContext = { db: database.db, clock, config, log: pino({ level: 'silent' }), keyring, files };
  return {
    kind,
    database,
    app,
    ctx,
    clock,
    filesDir,
    close: async () => {
      const undocumented = apiAnswers.check();
      await app.close();
      await database.dispose();
      fs.rmSync(filesDir, { recursive: true, force: true });
      if (undocumented.length) throw new Error(`API answers the OpenAPI document does not declare:\n${undocumented.join('\n')}`);
    },
  };
}

let userCounter = 0;
export async function makeUser(
  ctx: AppContext,
  overrides: Partial<Parameters<typeof createVerifiedUser>[1]> = {},
): Promise<Actor & { password: string }> {
  userCounter += 1;
  const password = 'correct horse battery';
  const actor = await createVerifiedUser(ctx, {
    email: `user${userCounter}-${Math.random().toString(36).slice(2, 6)}@example.org`,
    password,
    givenName: 'Test',
    familyName: `User${userCounter}`,
    ...overrides,
  });
  return { ...actor, password };
}
