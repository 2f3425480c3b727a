import fs from 'node:fs';
import path from 'node:path';

/** Where a source file sits in the house: platform, a module, or the application that assembles them. */
export type Place = { kind: 'platform' } | { kind: 'module'; name: string } | { kind: 'app' };

/** Each module's rank (its manifest's `rank`): a module may import platform and modules of a lower rank only. */
export type Ranks = Readonly<Record<string, number>>;

/** src/config.ts is read by platform and modules alike: it counts as platform. */
export function placeOf(srcDir: string, file: string): Place {
  const rel = path.relative(srcDir, file).split(path.sep);
  if (rel[0] === 'platform' || (rel.length === 1 && rel[0] === 'config.ts')) return { kind: 'platform' };
  if (rel[0] === 'modules' && rel[1]) return { kind: 'module', name: rel[1] };
  return { kind: 'app' };
}

const SPECIFIER =
  /(?:^|[^\w.])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g;

/** The relative imports (static, re-exports and dynamic) of every .ts/.tsx file under `dir`, tests left out. */
export function relativeImports(dir: string): { from: string; to: string; typeOnly: boolean }[] {
  const edges: { from: string; to: string; typeOnly: boolean }[] = [];
  for (const name of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!/\.tsx?$/.test(name) || /\.test\.tsx?$/.test(name)) continue;
    const file = path.join(dir, name);
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(SPECIFIER)) {
      const specifier = match[1] ?? match[2] ?? match[3];
      if (!specifier?.startsWith('.')) continue;
      const typeOnly = /^\W?\s*(?:import|export)\s+type\s/.test(match[0]);
      edges.push({ from: file, to: path.resolve(path.dirname(file), specifier), typeOnly });
    }
  }
  return edges;
}

const label = (place: Place) => (place.kind === 'module' ? place.name : place.kind);

/**
 * Every import against the order platform ← accounts ← groups ← meetings ← features, as "from -> to"
 * with its count: platform importing a module, a module importing the application or a module of the same or a
 * higher rank, or a module reading another's tables outside its own schema ("a -> b tables").
 */
export function edgesAgainstOrder(srcDir: string, ranks: Ranks): Map<string, number> {
  const against = new Map<string, number>();
  for (const { from, to, typeOnly } of relativeImports(srcDir)) {
    if (!to.startsWith(srcDir + path.sep)) continue;
    const a = placeOf(srcDir, from);
    const b = placeOf(srcDir, to);
    if (a.kind === 'app' || b.kind === 'platform') continue;
    if (a.kind === 'module' && b.kind === 'module') {
      if (a.name === b.name) continue;
      // Another module's tables are for foreign keys only: its data is read through its query functions.
      // (A row's type is not a read: `import type` passes.)
      if (path.basename(to) === 'schema.ts' && path.basename(from) !== 'schema.ts' && !typeOnly) {
        const key = `${a.name} -> ${b.name} tables`;
        against.set(key, (against.get(key) ?? 0) + 1);
        continue;
      }
      const ra = ranks[a.name] ?? Number.POSITIVE_INFINITY;
      const rb = ranks[b.name] ?? Number.POSITIVE_INFINITY;
      if (rb < ra) continue;
    }
    const key = `${label(a)} -> ${label(b)}`;
    against.set(key, (against.get(key) ?? 0) + 1);
  }
  return against;
}

const EXPORTED = /^export\s+(?:declare\s+)?(?:async\s+)?(?:const|let|function\*?|class|type|interface|enum)\s+([A-Za-z_$][\w$]*)/gm;

/**
 * Exports of `srcDir` that no other file of `dirs` names (by word: imports, namespace uses, dynamic imports):
 * each is either dead or needlessly exported. "file: name" each.
 */
export function unusedExports(srcDir: string, dirs: string[]): string[] {
  const texts = new Map<string, string>();
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
      if (/\.(ts|tsx|mts|mjs)$/.test(name) && !name.includes('node_modules'))
        texts.set(path.join(dir, name), fs.readFileSync(path.join(dir, name), 'utf8'));
    }
  }
  const found: string[] = [];
  for (const [file, text] of texts) {
    if (!file.startsWith(srcDir + path.sep)) continue;
    for (const match of text.matchAll(EXPORTED)) {
      const name = match[1]!;
      const word = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`);
      let used = false;
      for (const [other, otherText] of texts) {
        if (other !== file && word.test(otherText)) {
          used = true;
          break;
        }
      }
      if (!used) found.push(`${path.relative(srcDir, file)}: ${name}`);
    }
  }
  return found.sort();
}
