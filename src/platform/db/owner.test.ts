import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './index.ts';
import {
  bootId,
  claimDataDir,
  DataDirOwnedError,
  type Here,
  judgeOwner,
  LOCK_FILE,
  type OwnerLease,
  type ProbeOutcome,
  processStartTime,
  runThroughOwner,
  socketOf,
  type Verdict,
} from './owner.ts';

const dataDir = '/srv/convene/data';
const inside = `${dataDir}/owner-1.sock`;
const outside = '/tmp/convene-x/owner.sock';

describe('judgeOwner', () => {
  const lock = (hostname: string, boot: string | null, socket = inside) => ({ hostname, bootId: boot, socket });
  const here = (pid: Here['pid'], hostname = 'a', boot: string | null = 'k1'): Here => ({ hostname, bootId: boot, pid });
  const table: [string, ReturnType<typeof lock>, ProbeOutcome, Here, Verdict][] = [
    ['it answers with the secret', lock('a', 'k1'), 'answered', here('same'), 'live'],
    ['it answers, from another host', lock('b', 'k2'), 'answered', here('unknown'), 'live'],
    ['it accepts but stays silent', lock('a', 'k1'), 'silent', here('same'), 'unreachable'],
    ['silent, even with its pid gone', lock('a', 'k1'), 'silent', here('gone'), 'unreachable'],
    ['refused, pid gone', lock('a', 'k1'), 'refused', here('gone'), 'stale'],
    ['refused, pid reused by another process', lock('a', 'k1'), 'refused', here('reused'), 'stale'],
    ['refused, the same process still runs', lock('a', 'k1'), 'refused', here('same'), 'unreachable'],
    ['refused, pid runs, start time unknown', lock('a', null), 'refused', here('unknown', 'a', null), 'unreachable'],
    ['socket missing, pid gone', lock('a', 'k1'), 'missing', here('gone'), 'stale'],
    ['socket missing, the same process runs', lock('a', 'k1'), 'missing', here('same'), 'unreachable'],
    ['the machine rebooted since', lock('a', 'k0'), 'refused', here('same'), 'stale'],
    ['the machine rebooted, socket missing', lock('a', 'k0', outside), 'missing', here('unknown'), 'stale'],
    ['another container, same kernel, socket in DATA_DIR refused', lock('b', 'k1'), 'refused', here('unknown'), 'stale'],
    [
      'another container, same kernel, socket named in DATA_DIR refused',
      lock('b', 'k1', 'owner-1.sock'),
      'refused',
      here('unknown'),
      'stale',
    ],
    ['another container, same kernel, socket missing', lock('b', 'k1'), 'missing', here('unknown'), 'unreachable'],
    ['another container, socket outside DATA_DIR', lock('b', 'k1', outside), 'refused', here('unknown'), 'unreachable'],
    ['another machine', lock('b', 'k2'), 'refused', here('unknown'), 'unreachable'],
    ['another host, boot ids unknown', lock('b', null), 'refused', here('unknown', 'a', null), 'unreachable'],
  ];
  it.each(table)('%s → %s', (_name, found, probe, seen, verdict) => {
    expect(judgeOwner(found, probe, seen, dataDir)).toBe(verdict);
  });
});

const temps: string[] = [];
const temp = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-claim-'));
  temps.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

describe('claimDataDir (in one process)', () => {
  const claim = { role: 'command', command: 'test', worker: false } as const;

  async function contest(dir: string): Promise<{ leases: OwnerLease[]; owned: DataDirOwnedError[] }> {
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => claimDataDir(dir, claim)));
    const leases = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const owned = results.flatMap((r) => (r.status === 'rejected' && r.reason instanceof DataDirOwnedError ? [r.reason] : []));
    return { leases, owned };
  }

  it('gives DATA_DIR to exactly one of several claimants; the others reach it and run through it', async () => {
    const dir = temp();
    const { leases, owned } = await contest(dir);
    expect(leases).toHaveLength(1);
    expect(owned).toHaveLength(5);
    const lease = leases[0]!;
    expect(fs.statSync(path.join(dir, LOCK_FILE)).mode & 0o777).toBe(0o600);
    expect(fs.statSync(socketOf(dir, lease.info)).mode & 0o777).toBe(0o600);
    lease.serve(async (command, args) => ({ ok: true, output: `${command} for ${args.email}` }));
    expect(await runThroughOwner(dir, owned[0]!.owner, 'create-token', { email: 'a@example.org' })).toEqual({
      ok: true,
      output: 'create-token for a@example.org',
    });
    await lease.drain();
    expect(await runThroughOwner(dir, owned[0]!.owner, 'create-token', {})).toBe('retry');
    await lease.release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    expect(fs.existsSync(socketOf(dir, lease.info))).toBe(false);
  });

  it('puts the socket in a private temporary folder when DATA_DIR’s path is too long for one', async () => {
    const dir = path.join(temp(), 'd'.repeat(120));
    const lease = await claimDataDir(dir, claim);
    const socket = socketOf(dir, lease.info);
    expect(path.isAbsolute(lease.info.socket)).toBe(true);
    expect(path.dirname(path.dirname(socket))).toBe(path.resolve(os.tmpdir()));
    expect(fs.statSync(path.dirname(socket)).mode & 0o777).toBe(0o700);
    lease.serve(async () => ({ ok: true, output: 'ran' }));
    const owned = await claimDataDir(dir, claim).then(
      () => null,
      (error: unknown) => error,
    );
    expect(owned).toBeInstanceOf(DataDirOwnedError);
    expect(await runThroughOwner(dir, (owned as DataDirOwnedError).owner, 'migrate', {})).toEqual({ ok: true, output: 'ran' });
    await lease.release();
    expect(fs.existsSync(path.dirname(socket))).toBe(false);
  });

  it('refuses a request without the lock’s secret', async () => {
    const dir = temp();
    const lease = await claimDataDir(dir, claim);
    lease.serve(async () => ({ ok: true, output: 'ran' }));
    const forged = { ...lease.info, secret: randomBytes(32).toString('hex') };
    expect(await runThroughOwner(dir, forged, 'migrate', {})).toEqual({ ok: false, message: 'wrong secret: read it from the lock file' });
    await lease.release();
  });

  it('lets exactly one of several claimants take over a stale lock', async () => {
    const dir = temp();
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    const stale = {
      v: 1,
      pid: gone,
      hostname: os.hostname(),
      bootId: bootId(),
      pidStart: processStartTime(gone),
      startedAt: new Date().toISOString(),
      role: 'serve',
      command: 'serve',
      worker: true,
      socket: path.join(dir, 'owner-dead.sock'),
      secret: randomBytes(32).toString('hex'),
    };
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify(stale));
    const { leases, owned } = await contest(dir);
    expect(leases).toHaveLength(1);
    expect(owned).toHaveLength(5);
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).secret).toBe(leases[0]!.info.secret);
    await leases[0]!.release();
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('with DATABASE_URL', () => {
  it('takes no lock: the command connects to PostgreSQL directly', async () => {
    const dir = temp();
    const database = await openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL, dataDir: dir });
    try {
      expect(database.owner).toBeUndefined();
      expect(await database.exec('SELECT 1 AS one')).toEqual([{ one: 1 }]);
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
