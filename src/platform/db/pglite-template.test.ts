import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from './index.ts';
import { readMigrations } from './migrate.ts';
import { copyPgliteTemplate, hasPgliteTemplate, makePgliteTemplate, pgliteTemplateDir } from './pglite-template.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-template-'));

describe('the PGlite template a new DATA_DIR is copied from', () => {
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('is named after PGlite’s version and the migrations, and lives in node_modules/.cache', () => {
    const dir = pgliteTemplateDir();
    expect(dir).toMatch(/node_modules[/\\]\.cache[/\\]convene[/\\]pglite-\d+\.\d+\.\d+-[0-9a-f]{16}$/);
    expect(pgliteTemplateDir()).toBe(dir);
  });

  it('gives a new data directory every migration, without initdb', async () => {
    const { dir } = await makePgliteTemplate(); // made by the global setup already: a no-op here
    expect(hasPgliteTemplate(dir)).toBe(true);
    const dataDir = path.join(tmp, 'new', 'pglite');
    const database = await openPglite({ dataDir });
    try {
      const rows = await database.exec('SELECT name FROM schema_migrations ORDER BY name');
      expect(rows.map((r) => r.name)).toEqual(readMigrations().map((m) => m.name));
      await database.exec("INSERT INTO schema_migrations (name) VALUES ('written-in-the-copy')");
    } finally {
      await database.close();
    }
    // The copy is the new directory's own: the template is unchanged.
    const again = await openPglite({ dataDir: path.join(tmp, 'again', 'pglite') });
    try {
      expect(await again.exec("SELECT count(*)::int AS n FROM schema_migrations WHERE name = 'written-in-the-copy'")).toEqual([{ n: 0 }]);
    } finally {
      await again.close();
    }
  });

  it('is not copied over a directory that has files, nor from a template that is incomplete', () => {
    const busy = path.join(tmp, 'busy');
    fs.mkdirSync(busy);
    fs.writeFileSync(path.join(busy, 'keep.txt'), 'mine');
    expect(copyPgliteTemplate(busy)).toBe(false);
    expect(fs.readdirSync(busy)).toEqual(['keep.txt']);

    const incomplete = path.join(tmp, 'incomplete-template');
    fs.mkdirSync(incomplete);
    fs.writeFileSync(path.join(incomplete, 'base'), '');
    expect(copyPgliteTemplate(path.join(tmp, 'from-incomplete'), incomplete)).toBe(false);
    expect(fs.existsSync(path.join(tmp, 'from-incomplete'))).toBe(false);
  });
});
