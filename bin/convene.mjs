#!/usr/bin/env node
// Runs the build in dist/ when it was made from exactly these sources (dist/source-hash; `npm install` and
// `npm run build` make it), otherwise the TypeScript sources through tsx, so an edited checkout never runs a
// stale build. CONVENE_FROM_SOURCE=1 always runs the sources. The project's tsconfig (JSX through preact) is
// named explicitly, so the command works from any directory.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sourceHash } from '../scripts/source-hash.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = (() => {
  if (process.env.CONVENE_FROM_SOURCE) return false;
  try {
    return fs.readFileSync(new URL('../dist/source-hash', import.meta.url), 'utf8').trim() === sourceHash(root);
  } catch {
    return false;
  }
})();

if (built) {
  await import('../dist/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
  await import('../src/main.ts');
}
