/**
 * Graceful stop of `convene serve` as a real child process on the embedded database. SIGTERM while a
 * registration's body is still arriving: the request completes (201), new connections are refused at once,
 * the process exits 0 and leaves DATA_DIR's lock released, so the next serve on the same DATA_DIR starts
 * without waiting and finds the registration. A request that never finishes is cut after SHUTDOWN_GRACE_MS
 * (still exit 0); a second signal exits at once. Along the way: `convene backup` taken through the running
 * serve, `convene restore` refused while serve owns DATA_DIR, and that backup restored into a new DATA_DIR.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { demoSecretariat } from '../../demo/fg-mv.ts';
import { freePort } from '../support/net.ts';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-shutdown-'));
const backupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-shutdown-backup-'));

interface Server {
  port: number;
  child: ChildProcess;
  output: string[];
  exited: Promise<{ code: number | null; signal: string | null }>;
  startedInMs: number;
}

const env = (port: number, extra: Record<string, string> = {}) => ({
  ...process.env,
  DATA_DIR: dataDir,
  PORT: String(port),
  HOST: '127.0.0.1',
  BASE_URL: `http://127.0.0.1:${port}`,
  LOG_LEVEL: 'warn',
  ...extra,
});

async function startServe(args: string[], extra: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  const started = Date.now();
  const child = spawn(process.execPath, ['bin/convene.mjs', 'serve', ...args], {
    cwd: repo,
    env: env(port, extra),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (c: Buffer) => output.push(c.toString()));
  child.stderr!.on('data', (c: Buffer) => output.push(c.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let done = false;
  void exited.then(() => {
    done = true;
  });
  for (let i = 0; i < 600 && !done; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { port, child, output, exited, startedInMs: Date.now() - started };
    await sleep(100);
  }
  throw new Error(`convene serve did not start:\n${output.join('')}`);
}

/** Whether a new TCP connection to the port is refused. */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

/** A POST whose body is sent in two parts, the second when `finish` is called; `answer` is the raw response. */
function slowPost(port: number, pathname: string, headers: Record<string, string>, body: string) {
  const socket = net.connect({ port, host: '127.0.0.1' });
  const bytes = Buffer.from(body);
  const half = Math.floor(bytes.length / 2);
  const head = [
    `POST ${pathname} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    'Connection: close',
    `Content-Length: ${bytes.length}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  let text = '';
  const answer = new Promise<string>((resolve) => {
    socket.on('data', (c: Buffer) => {
      text += c.toString();
    });
    socket.on('close', () => resolve(text));
    socket.on('error', () => {});
  });
  const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return {
    started: connected.then(
      () =>
        new Promise<void>((resolve) => {
          socket.write(`${head.join('\r\n')}\r\n\r\n`);
          socket.write(bytes.subarray(0, half), () => resolve());
        }),
    ),
    finish: () => socket.end(bytes.subarray(half)),
    answer,
  };
}

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(backupDir, { recursive: true, force: true });
});

describe('convene serve stops gracefully', () => {
  it('finishes the request in flight, refuses new connections, exits 0 and releases DATA_DIR', { timeout: 180_000 }, async () => {
    const first = await startServe(['--demo'], { SHUTDOWN_GRACE_MS: '20000' });
    const { stdout } = await run(process.execPath, ['bin/convene.mjs', 'create-token', '--email', demoSecretariat.email], {
      cwd: repo,
      env: env(first.port),
    });
    const token = stdout.trim().split('\n').at(-1)!;
    expect(token).toMatch(/^\S{20,}$/);
    // A backup taken while serve runs goes through serve (the owner of DATA_DIR); the path is the caller's.
    const backup = await run(process.execPath, [path.join(repo, 'bin/convene.mjs'), 'backup', '--out', 'live.tar.gz'], {
      cwd: backupDir,
      env: env(first.port),
    });
    expect(backup.stdout).toMatch(/^Backup written to .*live\.tar\.gz .*database at migration \d{4}_/m);
    expect(fs.existsSync(path.join(backupDir, 'live.tar.gz'))).toBe(true);
    const base = `http://127.0.0.1:${first.port}`;
    const meetings = (await (await fetch(`${base}/api/groups/fg-mv/meetings`)).json()) as {
      id: number;
      sessions: { startDate: string; code?: string }[];
    }[];
    const today = new Date().toISOString().slice(0, 10);
    const meetingId = meetings.find((m) => m.sessions[0]!.startDate > today)!.id;

    const post = slowPost(
      first.port,
      `/api/meetings/${meetingId}/registrations`,
      { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      JSON.stringify({ mode: 'remote', sessions: ['WG1'] }),
    );
    await post.started;
    await sleep(200);
    const signalledAt = Date.now();
    first.child.kill('SIGTERM');
    // New connections are refused while the one in flight is still open.
    let refusedAt = 0;
    for (let i = 0; i < 100 && !refusedAt; i++) {
      if (await refused(first.port)) refusedAt = Date.now();
      else await sleep(20);
    }
    expect(refusedAt).toBeGreaterThan(0);
    expect(refusedAt - signalledAt).toBeLessThan(2_000);
    post.finish();
    const answer = await post.answer;
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 201 Created');
    const exit = await first.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    // Well before the grace period: nothing was left to wait for.
    expect(Date.now() - signalledAt).toBeLessThan(15_000);
    expect(fs.existsSync(path.join(dataDir, 'owner.lock'))).toBe(false);

    // The next serve on the same DATA_DIR starts at once (no stale lock to judge, no owner to wait for)
    // and has the registration. Its grace is short: a request that never finishes is cut.
    const second = await startServe([], { SHUTDOWN_GRACE_MS: '1000' });
    expect(second.output.join('')).not.toMatch(/Waiting for|cannot be reached/);
    // A restore is refused while serve owns DATA_DIR, and changes nothing.
    const refusedRestore = await run(
      process.execPath,
      ['bin/convene.mjs', 'restore', '--from', path.join(backupDir, 'live.tar.gz'), '--force'],
      { cwd: repo, env: env(second.port) },
    ).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(refusedRestore?.code).toBe(1);
    expect(refusedRestore?.stderr).toMatch(/in use by convene serve .*stop it before restoring\. Nothing was changed/);
    const mine = (await (
      await fetch(`http://127.0.0.1:${second.port}/api/me/registrations`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { meetingId?: number }[];
    expect(mine).toHaveLength(1);
    const stuck = slowPost(
      second.port,
      `/api/meetings/${meetingId}/registrations`,
      { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      JSON.stringify({ mode: 'remote', sessions: ['WG1'] }),
    );
    await stuck.started;
    await sleep(200);
    const cutFrom = Date.now();
    second.child.kill('SIGTERM');
    // Cut without an answer: the body never came.
    expect(await stuck.answer).toBe('');
    expect(await second.exited).toEqual({ code: 0, signal: null });
    const took = Date.now() - cutFrom;
    expect(took).toBeGreaterThanOrEqual(900);
    expect(took).toBeLessThan(8_000);
    expect(fs.existsSync(path.join(dataDir, 'owner.lock'))).toBe(false);

    // A second signal does not wait for the grace period.
    const third = await startServe([], { SHUTDOWN_GRACE_MS: '60000' });
    const held = slowPost(
      third.port,
      `/api/meetings/${meetingId}/registrations`,
      { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      '{"mode":"remote","sessions":["WG1"]}',
    );
    await held.started;
    // Until the server has read the request's headers its connection counts as idle (closed at once).
    await sleep(200);
    const forcedFrom = Date.now();
    third.child.kill('SIGTERM');
    await sleep(300);
    third.child.kill('SIGTERM');
    const thirdExit = await third.exited;
    if (thirdExit.code !== 1)
      console.log(`third: ${JSON.stringify(thirdExit)} after ${Date.now() - forcedFrom} ms\n${third.output.join('')}`);
    expect(thirdExit.code).toBe(1);
    expect(Date.now() - forcedFrom).toBeLessThan(5_000);
    // Even then the lock goes with the process (its exit handler).
    expect(fs.existsSync(path.join(dataDir, 'owner.lock'))).toBe(false);
    // The live backup restores into a new DATA_DIR, where the token's account is.
    const fresh = path.join(backupDir, 'restored');
    const restored = await run(process.execPath, ['bin/convene.mjs', 'restore', '--from', path.join(backupDir, 'live.tar.gz')], {
      cwd: repo,
      env: { ...env(0), DATA_DIR: fresh },
    });
    expect(restored.stdout).toMatch(/^Restored .* into .*restored in [\d.]+ s: database at migration \d{4}_.*every sha-256 checked/m);
    expect(fs.existsSync(path.join(fresh, 'pglite'))).toBe(true);
    expect(fs.readFileSync(path.join(fresh, 'data.key'))).toEqual(fs.readFileSync(path.join(dataDir, 'data.key')));
    console.log(
      `shutdown test: first start ${first.startedInMs} ms (with --demo), restart on the same DATA_DIR ${second.startedInMs} ms, then ${third.startedInMs} ms`,
    );
  });
});
