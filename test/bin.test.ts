/**
 * bin/convene.mjs runs dist/ only while dist/source-hash matches the sources, else the sources through tsx.
 * Checked in a small tree of its own inside the repository (so that tsx resolves from node_modules).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceHash } from '../scripts/source-hash.mjs';

const repo = path.resolve(import.meta.dirname, '..');
const tree = path.join(repo, '.tmp', `bin-test-${process.pid}`);
const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(tree, file)), { recursive: true });
  fs.writeFileSync(path.join(tree, file), text);
};
const run = (env: Record<string, string> = {}) =>
  execFileSync(process.execPath, [path.join(tree, 'bin/convene.mjs')], { env: { ...process.env, ...env }, encoding: 'utf8' }).trim();

describe('bin/convene.mjs', () => {
  beforeAll(() => {
    fs.rmSync(tree, { recursive: true, force: true });
    fs.cpSync(path.join(repo, 'bin/convene.mjs'), path.join(tree, 'bin/convene.mjs'));
    fs.cpSync(path.join(repo, 'scripts/source-hash.mjs'), path.join(tree, 'scripts/source-hash.mjs'));
    fs.cpSync(path.join(repo, 'tsconfig.json'), path.join(tree, 'tsconfig.json'));
    write('src/main.ts', "const from: string = 'sources';\nconsole.log(from);\n");
    write('demo/seed.ts', '');
    write('migrations/0000.sql', '');
    write('public/site.css', '');
    write('tsconfig.build.json', '{}');
    write('scripts/build.mjs', '');
    write('package.json', '{"type":"module"}');
    write('dist/main.js', "console.log('build');\n");
  });
  afterAll(() => fs.rmSync(tree, { recursive: true, force: true }));

  it('runs the sources when there is no build, or it was made from other sources', () => {
    expect(run()).toBe('sources');
    write('dist/source-hash', 'f'.repeat(64));
    expect(run()).toBe('sources');
  });

  it('runs the build made from these sources, and the sources again once one changes', () => {
    write('dist/source-hash', `${sourceHash(tree)}\n`);
    expect(run()).toBe('build');
    expect(run({ CONVENE_FROM_SOURCE: '1' })).toBe('sources');
    write('src/main.ts', "const from: string = 'sources';\nconsole.log(from); // edited\n");
    expect(run()).toBe('sources');
    write('dist/source-hash', `${sourceHash(tree)}\n`);
    write('src/new-module.ts', 'export {};\n');
    expect(run()).toBe('sources');
  });

  it('fingerprints nothing when an input is missing', () => {
    fs.rmSync(path.join(tree, 'public'), { recursive: true });
    expect(sourceHash(tree)).toBeNull();
  });
});
