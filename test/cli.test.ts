import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-cli-'));
const convene = (args: string[]) =>
  run(process.execPath, ['bin/convene.mjs', ...args], {
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', BASE_URL: 'http://localhost:3000' },
  });

describe('convene CLI', () => {
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('prints its usage', async () => {
    const { stdout } = await convene(['--help']);
    for (const command of ['serve', 'migrate', 'seed-demo', 'create-user', 'create-token']) expect(stdout).toContain(command);
  });

  it('refuses bad configuration with a clear message', async () => {
    const bad = await run(process.execPath, ['bin/convene.mjs', 'migrate'], { env: { ...process.env, PORT: 'eighty' } }).catch((e) => e);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Invalid configuration');
    expect(bad.stderr).toContain('PORT');
    expect(bad.stderr).not.toContain('    at ');
  });

  it('creates a verified user and a token on the embedded database, and explains bad input', async () => {
    const created = await convene([
      'create-user',
      '--email',
      'Chair@Example.org',
      '--password',
      'a long password',
      '--name',
      'Shin-Gak Kang',
      '--role',
      'secretariat',
      '--category',
      'member-state',
      '--organization',
      'ETRI',
      '--country',
      'kr',
    ]);
    expect(created.stdout).toContain('Created secretariat account chair@example.org');
    const token = (await convene(['create-token', '--email', 'chair@example.org'])).stdout.trim();
    expect(token).toMatch(/^cvn_[\w-]{43}$/);

    const bad = await convene(['create-user', '--email', 'nope', '--password', 'short', '--name', 'X']).catch((e) => e);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('email: Please enter a valid e-mail address');
    expect(bad.stderr).toContain('password: Use at least 10 characters');
    const dup = await convene(['create-user', '--email', 'chair@example.org', '--password', 'a long password', '--name', 'A B']).catch(
      (e) => e,
    );
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('already exists');
    const unknown = await convene(['frobnicate']).catch((e) => e);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Unknown command');
  }, 180_000);
});
