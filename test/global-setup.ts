import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../src/platform/db/index.ts';
import { migrate } from '../src/platform/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}

/**
 * Migrates one template per database kind; every test file then starts from a copy of it:
 * a PGlite data-dir dump, or a PostgreSQL database created WITH TEMPLATE.
 */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-test-'));
  const pglite = await openPglite();
  await migrate(pglite);
  const dumpFile = path.join(dir, 'template.tar.gz');
  const dump = await pglite.pglite!.dumpDataDir('gzip');
  fs.writeFileSync(dumpFile, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
  project.provide('pgliteTemplate', dumpFile);

  const url = process.env.TEST_DATABASE_URL;
  let templateName = '';
  if (url) {
    templateName = `convene_template_${process.pid}`;
    const admin = await openPostgres(url, 1);
    await admin.exec(`DROP DATABASE IF EXISTS ${templateName}`);
    await admin.exec(`CREATE DATABASE ${templateName}`);
    const template = await openPostgres(withDatabase(url, templateName), 1);
    await migrate(template);
    await template.close();
    await admin.close();
  }
  project.provide('postgresTemplate', templateName);

  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (url && templateName) {
      const admin = await openPostgres(url, 1);
      await admin.exec(`DROP DATABASE IF EXISTS ${templateName} WITH (FORCE)`);
      await admin.close();
    }
  };
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
