#!/usr/bin/env node
// `npm run build`: the TypeScript sources as plain ES modules in dist/, so that `node dist/main.js <command>`
// runs without tsx. tsc (the project's own compiler) rewrites the `.ts` import specifiers to `.js` and emits
// preact JSX; the `.mjs` worker files are copied beside the modules that load them. The directory layout is
// kept (dist/src, dist/demo) so that the paths the code resolves from import.meta.url still hold:
// dist/migrations for migrate.ts, dist/public for app.ts. Type errors are `npm run check`'s job (--noCheck).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sourceHash } from './source-hash.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// `--out DIR` builds elsewhere (test/build.test.ts); inside the repository, so that node_modules resolves.
const outAt = process.argv.indexOf('--out');
const dist = outAt > 0 ? path.resolve(process.argv[outAt + 1] ?? 'dist') : path.join(root, 'dist');
const started = performance.now();

fs.rmSync(dist, { recursive: true, force: true });
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--noCheck', '--outDir', dist], {
  stdio: 'inherit',
  cwd: root,
});
for (const dir of ['migrations', 'public']) fs.cpSync(path.join(root, dir), path.join(dist, dir), { recursive: true });
// Typst templates are read next to the modules that render them (import.meta.url).
for (const dir of ['src', 'demo']) {
  for (const file of fs.readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })) {
    if (file.endsWith('.typ')) fs.cpSync(path.join(root, dir, file), path.join(dist, dir, file));
  }
}
// dist/ may be copied on its own (next to node_modules and no package.json): its modules are ES modules.
fs.writeFileSync(path.join(dist, 'package.json'), `${JSON.stringify({ type: 'module', private: true }, null, 2)}\n`);
// What bin/convene.mjs compares before it runs this build rather than the sources (only for the default dist/).
if (outAt < 0) fs.writeFileSync(path.join(dist, 'source-hash'), `${sourceHash(root)}\n`);
fs.writeFileSync(
  path.join(dist, 'main.js'),
  "// Built by `npm run build` (scripts/build.mjs): the entry point `node dist/main.js <command>`.\nimport './src/main.js';\n",
);
// The migrated PGlite template a new DATA_DIR starts from (made by postinstall too; kept in node_modules/.cache).
const { makePgliteTemplate } = await import(pathToFileURL(path.join(dist, 'src/platform/db/pglite-template.js')).href);
const template = await makePgliteTemplate();
if (template.made) console.log(`PGlite template made: ${template.dir}`);
console.log(
  `${path.relative(root, dist)}/ built in ${((performance.now() - started) / 1000).toFixed(1)} s: node ${path.relative(root, dist)}/main.js --help`,
);
