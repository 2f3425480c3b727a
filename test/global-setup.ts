import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../src/platform/db/index.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { makePgliteTemplate } from '../src/platform/db/pglite-template.ts';
import { type ChromiumLaunch, resolveChromium } from './support/chromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
    /** The browser for test/e2e, resolved (and, from npm, unpacked) once per run. */
    chromium: ChromiumLaunch;
  }
}

/**
 * Migrates one template per database kind; every test file then starts from a copy of it:
 * a PGlite data-dir dump (kept between runs, see pglite-template.ts), or a PostgreSQL database created WITH TEMPLATE.
 */
export default async function setup(project: TestProject) {
  // From the server's own template (node_modules/.cache/convene; made here when missing or out of date),
  // opened in a copy and dumped: test files load the dump into memory.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-test-'));
  await makePgliteTemplate();
  const pglite = await openPglite({ dataDir: path.join(dir, 'pglite') });
  await migrate(pglite);
  const dumpFile = path.join(dir, 'template.tar.gz');
  const dump = await pglite.pglite!.dumpDataDir('gzip');
  fs.writeFileSync(dumpFile, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
  fs.rmSync(path.join(dir, 'pglite'), { recursive: true, force: true });
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
  project.provide('chromium', await resolveChromium());

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
