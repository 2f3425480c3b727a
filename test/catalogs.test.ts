/**
 * The catalogs per module: src/platform/i18n/catalog/<locale>.ts and src/modules/<m>/catalog/<locale>.ts. Each
 * module's non-English catalogs have exactly its English keys, every module's catalog is registered (by its manifest; in tests by test/setup-catalogs.ts),
 * and no key is in two catalogs. The merged catalogs are checked by src/platform/i18n/i18n.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogs, locales, type ModuleCatalog, registerCatalog, registeredCatalogs } from '../src/platform/i18n/index.ts';

const src = path.resolve(import.meta.dirname, '../src');
const catalogDirs = [
  'platform/i18n/catalog',
  ...fs
    .readdirSync(path.join(src, 'modules'))
    .map((m) => `modules/${m}/catalog`)
    .filter((dir) => fs.existsSync(path.join(src, dir, 'index.ts'))),
];
const loaded = await Promise.all(
  catalogDirs.map(async (dir) => [dir, ((await import(path.join(src, dir, 'index.ts'))) as { catalog: ModuleCatalog }).catalog] as const),
);

describe('catalogs per module', () => {
  it('every module has one', () => {
    const modules = fs.readdirSync(path.join(src, 'modules'));
    expect(modules.filter((m) => !catalogDirs.includes(`modules/${m}/catalog`))).toEqual([]);
  });

  it.each(loaded)('%s: every language has exactly the English keys, none empty', (_dir, catalog) => {
    const reference = Object.keys(catalog.en).sort();
    expect(reference.length).toBeGreaterThan(0);
    for (const locale of locales) {
      expect(Object.keys(catalog[locale]).sort(), locale).toEqual(reference);
      for (const [key, value] of Object.entries(catalog[locale])) expect(value.trim(), `${locale}:${key}`).not.toBe('');
    }
  });

  it.each(loaded)('%s: is registered, so that translator() knows its keys', (_dir, catalog) => {
    expect(registeredCatalogs()).toContain(catalog);
    for (const key of Object.keys(catalog.en)) expect((catalogs.ru as Record<string, string>)[key], key).toBe(catalog.ru[key]);
  });

  it('no key is in two catalogs, and the merged catalogs are just the registered ones', () => {
    const owners = new Map<string, string[]>();
    for (const [dir, catalog] of loaded) for (const key of Object.keys(catalog.en)) owners.set(key, [...(owners.get(key) ?? []), dir]);
    expect([...owners].filter(([, dirs]) => dirs.length > 1)).toEqual([]);
    expect(Object.keys(catalogs.en).sort()).toEqual([...owners.keys()].sort());
    expect(registeredCatalogs()).toHaveLength(loaded.length);
  });

  it('refuses a catalog that takes another one’s key, and registers a catalog once', () => {
    const [, platform] = loaded[0]!;
    const clash = Object.fromEntries(locales.map((l) => [l, { 'nav.skip': 'x', 'test.only': 'y' }])) as unknown as ModuleCatalog;
    expect(() => registerCatalog(clash)).toThrow(/nav\.skip/);
    expect((catalogs.en as Record<string, string>)['test.only']).toBeUndefined();
    const before = registeredCatalogs().length;
    registerCatalog(platform);
    expect(registeredCatalogs()).toHaveLength(before);
  });
});
