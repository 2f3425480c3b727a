#!/usr/bin/env node
// Run by `npm install` / `npm ci` (postinstall): makes the migrated PGlite template a new DATA_DIR starts
// from (src/platform/db/pglite-template.ts), so the first `npm start` skips initdb, and compiles the server's
// modules ahead (below). Never fails the install:
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

// tsx keeps what it compiled in the temporary directory: compiling the server's modules now saves the first
// `npm start` about a second. Loading them starts nothing.
try {
  const warmed = performance.now();
  await Promise.all(['../src/app.ts', '../src/commands.ts', '../src/worker.ts', '../demo/seed.ts'].map((m) => import(m)));
  console.log(`convene: server modules compiled in ${((performance.now() - warmed) / 1000).toFixed(1)} s`);
} catch (error) {
  console.warn(`convene: server modules not compiled ahead: ${error instanceof Error ? error.message : error}`);
}

