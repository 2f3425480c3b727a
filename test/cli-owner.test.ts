import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bootId, LOCK_FILE, type OwnerInfo, processStartTime } from '../src/platform/db/owner.ts';
import { freePort } from './support/net.ts';

/**
 * The embedded database has one owner: real processes, as an operator runs them — `convene serve` in one
 * terminal, `convene create-user` in another.
 */

const temps: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-owner-'));
  temps.push(dir);
  return dir;
};
const children = new Set<ChildProcess>();

/** The embedded database always: no DATABASE_URL, whatever the test run has. */
function envFor(dataDir: string, port = 0): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  return { ...env, DATA_DIR: dataDir, PORT: String(port), BASE_URL: `http://127.0.0.1:${port || 3000}`, LOG_LEVEL: 'silent' };
}

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function convene(dataDir: string, args: string[], port = 0, extra: NodeJS.ProcessEnv = {}): Promise<Outcome> {
  const env = { ...envFor(dataDir, port), ...extra };
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/convene.mjs', ...args], { env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

interface Server {
  child: ChildProcess;
  base: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `convene serve` and waits for its "is running" line (or its exit). */
async function startServe(dataDir: string, port: number): Promise<Server> {
  const env = envFor(dataDir, port);
  const child = spawn(process.execPath, ['bin/convene.mjs', 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let text = '';
  child.stdout!.on('data', (chunk) => {
    text += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    text += chunk;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  const running = new Promise<void>((resolve, reject) => {
    const check = () => {
      if (text.includes('convene is running at')) return resolve();
      if (child.exitCode !== null) return reject(new Error(`serve exited: ${text}`));
      setTimeout(check, 100);
    };
    check();
  });
  await running;
  return { child, base: `http://127.0.0.1:${port}`, output: () => text, exited };
}

async function stop(server: Server, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  server.child.kill(signal);
  return server.exited;
}

const setCookies = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]!);

/** Signs in through the login form, as a browser does; the session cookie, or null when refused. */
async function login(base: string, email: string, password: string): Promise<string | null> {
  const page = await fetch(`${base}/login`);
  const csrfCookie = setCookies(page).find((c) => c.startsWith('convene_csrf='))!;
  const csrf = decodeURIComponent(csrfCookie.slice('convene_csrf='.length));
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({ email, password, next: '/', _csrf: csrf }).toString(),
  });
  await res.arrayBuffer();
  if (res.status !== 303) return null;
  return setCookies(res).find((c) => c.startsWith('convene_session=')) ?? null;
}

async function me(base: string, headers: Record<string, string>): Promise<{ status: number; email?: string }> {
  const res = await fetch(`${base}/api/me`, { headers });
  const body = (await res.json()) as { email?: string };
  return { status: res.status, email: body.email };
}

const readLock = (dataDir: string) => fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8');
const entries = (dataDir: string) => fs.readdirSync(dataDir).sort();

/** A lock as a live owner would leave it, for a process that is not convene. */
function writeLock(dataDir: string, pid: number, socket: string): OwnerInfo {
  const info: OwnerInfo = {
    v: 1,
    pid,
    hostname: os.hostname(),
    bootId: bootId(),
    pidStart: processStartTime(pid),
    startedAt: new Date().toISOString(),
    role: 'serve',
    command: 'serve',
    worker: true,
    socket,
    secret: randomBytes(32).toString('hex'),
  };
  fs.writeFileSync(path.join(dataDir, LOCK_FILE), JSON.stringify(info), { mode: 0o600 });
  return info;
}

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the embedded database has one owner', () => {
  const dataDir = tempDir();
  let port = 0;
  let server: Server;
  let token = '';
  const account = { email: 'chair@example.org', password: 'a long password' };

  it('runs create-user and create-token through the running server: the account logs in at once and survives a restart', async () => {
    port = await freePort();
    server = await startServe(dataDir, port);

    const created = await convene(dataDir, [
      'create-user',
      '--email',
      account.email,
      '--password',
      account.password,
      '--name',
      'Shin-Gak Kang',
      '--role',
      'secretariat',
    ]);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(`Created secretariat account ${account.email}`);
    const minted = await convene(dataDir, ['create-token', '--email', account.email]);
    expect(minted.code).toBe(0);
    token = minted.stdout.trim();
    expect(token).toMatch(/^cvn_[\w-]{43}$/);

    // At once, in the running server.
    const session = await login(server.base, account.email, account.password);
    expect(session).not.toBeNull();
    expect(await me(server.base, { cookie: session! })).toEqual({ status: 200, email: account.email });
    expect(await me(server.base, { authorization: `Bearer ${token}` })).toEqual({ status: 200, email: account.email });

    // A graceful stop gives up the lock; the account is still there after a restart.
    expect(await stop(server)).toBe(0);
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
    server = await startServe(dataDir, port);
    expect(await login(server.base, account.email, account.password)).not.toBeNull();
    expect(await me(server.base, { authorization: `Bearer ${token}` })).toEqual({ status: 200, email: account.email });
  }, 180_000);

  it('reports a refused command from the server as the command line would, changing nothing', async () => {
    const again = await convene(dataDir, ['create-user', '--email', account.email, '--password', 'another long one', '--name', 'A B']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
    const bad = await convene(dataDir, ['create-user', '--email', 'nope', '--password', 'short', '--name', 'X']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('email: Please enter a valid e-mail address');
    // Re-sealing inside the server under a key it does not hold would leave it unable to read the data.
    const rotate = await convene(dataDir, ['rotate-data-key'], 0, { CONVENE_DATA_KEY: randomBytes(32).toString('base64') });
    expect(rotate.code).toBe(1);
    expect(rotate.stderr).toContain('the running server seals under data key');
    expect(rotate.stderr).toContain('Nothing was changed');
    // The first password still works, the second was never set.
    expect(await login(server.base, account.email, 'another long one')).toBeNull();
    expect(await login(server.base, account.email, account.password)).not.toBeNull();
  }, 60_000);

  it('refuses a second serve and a worker on the same DATA_DIR, and changes nothing', async () => {
    const lockBefore = readLock(dataDir);
    const entriesBefore = entries(dataDir);
    const otherPort = await freePort();
    const second = await convene(dataDir, ['serve'], otherPort);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`is already in use by convene serve (pid ${server.child.pid}`);
    expect(second.stderr).toContain('Nothing was changed');
    expect(second.stderr).not.toContain('    at ');
    const worker = await convene(dataDir, ['worker']);
    expect(worker.code).toBe(1);
    expect(worker.stderr).toContain('runs the background worker itself');

    expect(readLock(dataDir)).toBe(lockBefore);
    expect(entries(dataDir)).toEqual(entriesBefore);
    await expect(fetch(`http://127.0.0.1:${otherPort}/healthz`)).rejects.toThrow();
    expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
  }, 120_000);

  it('recovers from an owner killed with SIGKILL: the next start takes over its stale lock', async () => {
    const killedPid = server.child.pid;
    await stop(server, 'SIGKILL');
    expect(JSON.parse(readLock(dataDir)).pid).toBe(killedPid);

    server = await startServe(dataDir, port);
    expect(JSON.parse(readLock(dataDir)).pid).toBe(server.child.pid);
    expect(await me(server.base, { authorization: `Bearer ${token}` })).toEqual({ status: 200, email: account.email });
    // And a command recovers the same way when no server follows.
    await stop(server, 'SIGKILL');
    const listed = await convene(dataDir, ['create-token', '--email', account.email]);
    expect(listed.code).toBe(0);
    expect(listed.stdout.trim()).toMatch(/^cvn_/);
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  }, 180_000);
});

describe('a lock whose owner cannot be reached', () => {
  it('refuses when the lock names a live process that does not answer, and changes nothing', async () => {
    const dataDir = tempDir();
    const socket = path.join(dataDir, 'owner-silent.sock');
    // A live process listening on the lock's socket that never answers.
    const silent = spawn(
      process.execPath,
      ['-e', `require('node:net').createServer(() => {}).listen(${JSON.stringify(socket)}, () => console.log('up'))`],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    children.add(silent);
    await new Promise((resolve) => silent.stdout!.once('data', resolve));
    writeLock(dataDir, silent.pid!, socket);
    const before = entries(dataDir);
    const lock = readLock(dataDir);

    for (const args of [['create-user', '--email', 'x@example.org', '--password', 'a long password', '--name', 'X Y'], ['serve']]) {
      const refused = await convene(dataDir, args);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`belongs to convene serve (pid ${silent.pid}`);
      expect(refused.stderr).toContain('cannot be reached (no answer within');
      expect(refused.stderr).toContain(`delete ${path.join(dataDir, LOCK_FILE)}`);
    }
    expect(entries(dataDir)).toEqual(before);
    expect(readLock(dataDir)).toBe(lock);
    silent.kill('SIGKILL');
  }, 60_000);

  it('refuses when the lock names a live process whose socket is gone', async () => {
    const dataDir = tempDir();
    writeLock(dataDir, process.pid, path.join(dataDir, 'owner-gone.sock'));
    const before = entries(dataDir);
    const refused = await convene(dataDir, ['migrate']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`belongs to convene serve (pid ${process.pid}`);
    expect(refused.stderr).toContain('Nothing was changed');
    expect(entries(dataDir)).toEqual(before);
  }, 60_000);

  it('takes over the stale lock of a process that is gone', async () => {
    const dataDir = tempDir();
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.once('exit', resolve));
    writeLock(dataDir, gone.pid!, path.join(dataDir, 'owner-dead.sock'));
    const migrated = await convene(dataDir, ['migrate']);
    expect(migrated.stderr).toBe('');
    expect(migrated.stdout).toContain('Database is up to date.');
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'pglite'))).toBe(true);
  }, 60_000);
});
