#!/usr/bin/env node
// Run by `npm install` / `npm ci` (postinstall): makes the migrated PGlite template a new DATA_DIR starts
// from (src/platform/db/pglite-template.ts), so the first `npm start` skips initdb, and builds dist/
// (below). Never fails the install:
// without the template a new DATA_DIR is made by initdb, as before (~6 s more).
import { fileURLToPath } from 'node:url';

const started = performance.now();
try {
  const { register } = await import('tsx/esm/api');
  register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
  const { makePgliteTemplate } = await import('../src/platform/db/pglite-template.ts');
  const { dir, made } = await makePgliteTemplate();
  if (made) console.log(`convene: PGlite template made in ${((performance.now() - started) / 1000).toFixed(1)} s: ${dir}`);
} catch (error) {
  console.warn(`convene: no PGlite template (a new DATA_DIR will run initdb): ${error instanceof Error ? error.message : error}`);
}

// Then the build (dist/), which `npm start` runs while it matches the sources (bin/convene.mjs): ~70 MB less
// memory and a faster start than tsx. Without the compiler (npm ci --omit=dev) or should the build fail, the
// server's modules are compiled through tsx instead, which keeps them in the temporary directory: the first
// start from the sources is then about a second faster. Nothing here fails the install.
try {
  const building = performance.now();
  const { execFileSync } = await import('node:child_process');
  execFileSync(process.execPath, [fileURLToPath(new URL('./build.mjs', import.meta.url))], { stdio: ['ignore', 'ignore', 'pipe'] });
  console.log(`convene: built dist/ in ${((performance.now() - building) / 1000).toFixed(1)} s`);
} catch (error) {
  console.warn(
    `convene: no build (npm start runs the sources through tsx): ${error instanceof Error ? error.message.split('\n')[0] : error}`,
  );
  try {
    await Promise.all(['../src/app.ts', '../src/commands.ts', '../src/worker.ts', '../demo/seed.ts'].map((m) => import(m)));
  } catch {}
}
