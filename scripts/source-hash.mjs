// The fingerprint of what `npm run build` compiles: bin/convene.mjs runs dist/ only while dist/source-hash
// still matches the sources, so a checkout never runs a stale build (edit a file and it runs the sources).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const INPUTS = ['src', 'demo', 'migrations', 'public', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs', 'package.json'];

/** sha-256 over every input file's path and bytes, in a fixed order; null when an input is missing. */
export function sourceHash(root) {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    const full = path.join(root, input);
    if (!fs.existsSync(full)) return null;
    const files = fs.statSync(full).isDirectory()
      ? fs
          .readdirSync(full, { recursive: true, encoding: 'utf8' })
          .map((f) => path.join(input, f))
          .filter((f) => fs.statSync(path.join(root, f)).isFile())
          .sort()
      : [input];
    for (const file of files) {
      hash.update(`${file.split(path.sep).join('/')}\0`);
      hash.update(fs.readFileSync(path.join(root, file)));
      hash.update('\0');
    }
  }
  return hash.digest('hex');
}
