/**
 * The house's dependency order, platform ← accounts ← groups ← meetings ← features (issue #12): every import
 * under src/ is parsed, and one against the order — upwards, between modules of one rank, from the platform into a
 * module, or into another module's tables outside a schema.ts — fails. Each module's rank is its manifest's.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConveneModule } from '../src/platform/modules/manifest.ts';
import { edgesAgainstOrder, unusedExports } from './support/imports.ts';

const repo = path.resolve(import.meta.dirname, '..');

describe('dependency order', () => {
  let modules: readonly ConveneModule[];
  let ranks: Record<string, number>;
  beforeAll(async () => {
    ({ modules } = await import('../src/modules.ts'));
    ranks = Object.fromEntries(modules.map((m) => [m.name, m.rank]));
  }, 60_000);

  it('has no import against the order', () => {
    expect(
      Object.fromEntries(edgesAgainstOrder(path.join(repo, 'src'), ranks)),
      'platform ← accounts ← groups ← meetings ← features',
    ).toEqual({});
  });

  it('finds each kind of edge against the order, and passes the ones along it', () => {
    const src = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-imports-'));
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(src, file)), { recursive: true });
      fs.writeFileSync(path.join(src, file), text);
    };
    write('platform/db/schema.ts', "export * from '../../modules/visas/schema.ts';\n");
    write('platform/x.ts', "import type { Config } from '../config.ts';\n");
    write('config.ts', 'export type Config = {};\n');
    write(
      'modules/visas/schema.ts',
      "import { meetings } from '../meetings/schema.ts';\nimport { cap } from '../registrations/rules.ts';\n",
    );
    write(
      'modules/visas/service.ts',
      "import { registrations } from '../registrations/schema.ts';\nimport { q } from '../registrations/queries.ts';\n",
    );
    write('modules/documents/service.ts', "import { c } from '../circulars/queries.ts';\n");
    write('modules/documents/views.tsx', "import type { MeetingRow } from '../meetings/schema.ts';\n");
    write('modules/meetings/schema.ts', "import { groups } from '../groups/schema.ts';\nimport { x } from '../../platform/x.ts';\n");
    write('modules/groups/schema.ts', "import '../meetings/events.ts';\n");
    write('modules/groups/page.tsx', "const m = await import('../meetings/service.ts');\n");
    write('modules/registrations/rules.ts', "import { app } from '../../app.ts';\n");
    write('modules/registrations/rules.test.ts', "import { v } from '../visas/schema.ts';\n");
    write('app.ts', "import { v } from './modules/visas/schema.ts';\n");
    const found = Object.fromEntries(
      edgesAgainstOrder(src, { accounts: 1, groups: 2, meetings: 3, registrations: 4, documents: 4, circulars: 4, visas: 5 }),
    );
    fs.rmSync(src, { recursive: true, force: true });
    expect(found).toEqual({
      'platform -> visas': 1,
      'visas -> registrations tables': 1,
      'documents -> circulars': 1,
      'groups -> meetings': 2,
      'registrations -> app': 1,
    });
  });

  it('lists every module folder once in src/modules.ts, in an order the ranks allow', async () => {
    const folders = fs.readdirSync(path.join(repo, 'src/modules')).sort();
    expect(modules.map((m) => m.name).sort()).toEqual(folders);
    for (const m of modules) {
      const own = (await import(path.join(repo, 'src/modules', m.name, 'catalog/index.ts'))) as { catalog: unknown };
      expect(m.catalog, `${m.name}'s manifest lists its catalog`).toBe(own.catalog);
    }
    const order = modules.map((m) => m.rank);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('exports nothing no other file uses (dead, or needlessly exported)', () => {
    const dirs = ['src', 'test', 'bench', 'demo', 'scripts'].map((d) => path.join(repo, d));
    expect(unusedExports(path.join(repo, 'src'), dirs)).toEqual([]);
  });
});
