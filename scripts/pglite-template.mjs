#!/usr/bin/env node
// Run by `npm install` / `npm ci` (postinstall): makes the migrated PGlite template a new DATA_DIR starts
// from (src/platform/db/pglite-template.ts), so the first `npm start` skips initdb. Never fails the install:
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
