import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/**
 * The embedded database (PGlite in DATA_DIR) is one PostgreSQL in one process: two processes opening the
 * same directory each get a private copy and overwrite each other's files. So exactly one process at a time
 * owns DATA_DIR: it holds `DATA_DIR/owner.lock` and answers on a Unix socket named in that file, through
 * which every other convene command runs while it lives (the command runs inside the owner, on its
 * database and context). A process finding no owner becomes the owner itself; finding one that does not
 * answer, it changes nothing and says so.
 *
 * The lock file is made complete and atomically (written aside, then hard-linked into place, which fails
 * when a lock exists), and only after its socket listens: so a lock whose socket refuses connections names
 * a process whose channel is closed. Whether that process is gone (a stale lock, removed by the next
 * claimant) or alive without a channel (refused) is judged by `judgeOwner` from the refusal, the host, the
 * kernel's boot id and the pid's start time — a pid alone can be reused, in a container especially.
 */

export const LOCK_FILE = 'owner.lock';
/** Longest socket path the platforms take (sun_path is 108 bytes on Linux, 104 on macOS). */
const MAX_SOCKET_PATH = 100;
const RECOVER_SUFFIX = '.recover';
/** A recovery mutex older than this was left by a claimant that died while removing a stale lock. */
const RECOVER_STALE_MS = 10_000;
const PROBE_TIMEOUT_MS = 5_000;
/** How long a claimant waits for an owner that says it is closing. */
const CLOSING_WAIT_MS = 60_000;
/** How long a command run through the owner may take (seeding, re-sealing many records). */
const RUN_TIMEOUT_MS = 5 * 60_000;
const MAX_MESSAGE_BYTES = 1_000_000;

type OwnerRole = 'serve' | 'worker' | 'command';
type OwnerState = 'starting' | 'ready' | 'closing';

const OwnerInfoSchema = z.object({
  v: z.literal(1),
  pid: z.number().int().positive(),
  hostname: z.string(),
  /** The kernel's boot id (Linux): equal on every container of one machine, new after a reboot. */
  bootId: z.string().nullable(),
  /** The owner's start time in clock ticks since boot (Linux /proc), to tell a reused pid. */
  pidStart: z.string().nullable(),
  startedAt: z.string(),
  role: z.enum(['serve', 'worker', 'command']),
  command: z.string(),
  /** Whether the owner runs the background worker. */
  worker: z.boolean(),
  /** The owner's socket: a file name in DATA_DIR (wherever another container mounts it), or an absolute path. */
  socket: z.string().min(1),
  /** Proves the lock's holder on its channel; the lock file is readable by its user only. */
  secret: z.string().regex(/^[0-9a-f]{64}$/),
});
export type OwnerInfo = z.infer<typeof OwnerInfoSchema>;

export interface OwnerClaim {
  role: OwnerRole;
  /** The command the claimant runs, shown to others (`serve`, `create-user` …). */
  command: string;
  worker: boolean;
  /** Called once when the claimant waits for a short-lived owner (a command) or a closing one. */
  onWait?: (owner: OwnerInfo) => void;
}

export type CommandArgs = Record<string, string>;
type CommandResult = { ok: true; output: string } | { ok: false; message: string };
export type CommandHandler = (command: string, args: CommandArgs) => Promise<CommandResult>;

/** The lock held by this process, and the channel through which other commands reach it. */
export interface OwnerLease {
  readonly info: OwnerInfo;
  readonly lockPath: string;
  /** Starts running other processes' commands with handler (they wait until then). */
  serve(handler: CommandHandler): void;
  /** Takes no new commands (callers are told to try again) and waits for those running. */
  drain(): Promise<void>;
  /** Removes the lock and closes the channel; call after the database is closed. */
  release(): Promise<void>;
}

/** Another live process owns DATA_DIR; `owner` says who and how to reach it. */
export class DataDirOwnedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: OwnerInfo,
  ) {
    super(`The embedded database in ${dataDir} is in use by ${describeOwner(owner)}.`);
  }
}

/** DATA_DIR has an owner (or a lock) this process cannot reach: nothing was done. */
export class OwnerUnreachableError extends Error {
  constructor(dataDir: string, owner: OwnerInfo | null, reason: string) {
    const lockPath = path.join(dataDir, LOCK_FILE);
    super(
      `the embedded database in ${dataDir} belongs to ${owner ? describeOwner(owner) : 'another process'}, which cannot be reached (${reason}). ` +
        `Nothing was changed. If no convene process is using ${dataDir} any more, delete ${lockPath} and try again.`,
    );
  }
}

export function describeOwner(owner: Pick<OwnerInfo, 'command' | 'pid' | 'hostname' | 'startedAt'>): string {
  const host = owner.hostname === os.hostname() ? '' : ` on host ${owner.hostname}`;
  return `convene ${owner.command} (pid ${owner.pid}${host}, since ${owner.startedAt})`;
}

// ---------------------------------------------------------------------------------------------------------
// The verdict on a lock found in DATA_DIR: a pure rule, table-tested.

/** What connecting to the lock's socket gave: an answer with the lock's secret, ECONNREFUSED, ENOENT, or anything else. */
export type ProbeOutcome = 'answered' | 'refused' | 'missing' | 'silent';
/** The lock's pid seen from here: not running, running since the recorded start, running since another (reused), or unknown. */
type PidStatus = 'gone' | 'same' | 'reused' | 'unknown';
export type Verdict = 'live' | 'stale' | 'unreachable';

export interface Here {
  hostname: string;
  bootId: string | null;
  /** Only meaningful when the lock's host is this host. */
  pid: PidStatus;
}

export function judgeOwner(
  lock: Pick<OwnerInfo, 'hostname' | 'bootId' | 'socket'>,
  probe: ProbeOutcome,
  here: Here,
  dataDir: string,
): Verdict {
  if (probe === 'answered') return 'live';
  if (probe === 'silent') return 'unreachable';
  const sameHost = lock.hostname === here.hostname;
  const bootKnown = lock.bootId !== null && here.bootId !== null;
  const sameKernel = bootKnown && lock.bootId === here.bootId;
  // The machine restarted since the lock was taken: every process of that boot is gone.
  if (sameHost && bootKnown && !sameKernel) return 'stale';
  if (sameHost) return here.pid === 'gone' || here.pid === 'reused' ? 'stale' : 'unreachable';
  // Another container on this kernel: its socket in the shared DATA_DIR refusing connections means no one
  // listens on it any more. A missing socket, or one outside DATA_DIR, proves nothing from here.
  const inDataDir = path.dirname(socketOf(dataDir, lock)) === path.resolve(dataDir);
  if (sameKernel && probe === 'refused' && inDataDir) return 'stale';
  return 'unreachable';
}

/** Where the lock's socket is, seen from this process. */
export function socketOf(dataDir: string, lock: Pick<OwnerInfo, 'socket'>): string {
  return path.resolve(dataDir, lock.socket);
}

// ---------------------------------------------------------------------------------------------------------
// Facts about processes and this machine.

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}

export function bootId(): string | null {
  return readText('/proc/sys/kernel/random/boot_id');
}

/** A process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat), where /proc exists. */
export function processStartTime(pid: number): string | null {
  const stat = readText(`/proc/${pid}/stat`);
  if (!stat) return null;
  // The command name (field 2) is in parentheses and may contain anything: count fields after its end.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19] ?? null;
}

function pidStatus(owner: OwnerInfo): PidStatus {
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return 'gone';
  }
  const start = processStartTime(owner.pid);
  if (start === null || owner.pidStart === null) return 'unknown';
  return start === owner.pidStart ? 'same' : 'reused';
}

// ---------------------------------------------------------------------------------------------------------
// The channel: one JSON request and one JSON answer per connection, each on one line.

const RequestSchema = z.discriminatedUnion('op', [
  z.object({ v: z.literal(1), secret: z.string(), op: z.literal('ping') }),
  z.object({
    v: z.literal(1),
    secret: z.string(),
    op: z.literal('run'),
    command: z.string().max(64),
    args: z.record(z.string().max(64), z.string().max(100_000)),
  }),
]);

const AnswerSchema = z.union([
  z.object({ ok: z.literal(true), state: z.enum(['starting', 'ready', 'closing']) }),
  z.object({ ok: z.literal(true), output: z.string() }),
  z.object({ ok: z.literal(false), message: z.string(), retry: z.boolean().optional() }),
]);
type Answer = z.infer<typeof AnswerSchema>;

class ChannelError extends Error {
  constructor(
    readonly outcome: Exclude<ProbeOutcome, 'answered'>,
    reason: string,
  ) {
    super(reason);
  }
}

/** Sends one request to a socket and reads the one-line answer. */
function exchange(socketPath: string, request: unknown, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection({ path: socketPath });
    let text = '';
    let settled = false;
    const finish = (error: ChannelError | null, answer?: Answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(answer!);
    };
    const timer = setTimeout(() => finish(new ChannelError('silent', `no answer within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${JSON.stringify(request)}\n`));
    socket.on('data', (chunk: string) => {
      text += chunk;
      if (text.length > MAX_MESSAGE_BYTES) return finish(new ChannelError('silent', 'an oversized answer'));
      const end = text.indexOf('\n');
      if (end < 0) return;
      let parsed: ReturnType<typeof AnswerSchema.safeParse>;
      try {
        parsed = AnswerSchema.safeParse(JSON.parse(text.slice(0, end)));
      } catch {
        return finish(new ChannelError('silent', 'an answer that is not convene’s'));
      }
      if (!parsed.success) return finish(new ChannelError('silent', 'an answer that is not convene’s'));
      finish(null, parsed.data);
    });
    socket.on('end', () => finish(new ChannelError('silent', 'the connection closed without an answer')));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED') finish(new ChannelError('refused', `nothing listening on ${socketPath}`));
      else if (error.code === 'ENOENT') finish(new ChannelError('missing', `no socket ${socketPath}`));
      else finish(new ChannelError('silent', `${error.code ?? 'error'} on ${socketPath}`));
    });
  });
}

type Probe = { outcome: 'answered'; state: OwnerState } | { outcome: Exclude<ProbeOutcome, 'answered'>; reason: string };

async function probe(dataDir: string, owner: OwnerInfo, timeoutMs: number): Promise<Probe> {
  try {
    const answer = await exchange(socketOf(dataDir, owner), { v: 1, secret: owner.secret, op: 'ping' }, timeoutMs);
    if (answer.ok && 'state' in answer) return { outcome: 'answered', state: answer.state };
    return { outcome: 'silent', reason: answer.ok ? 'an unexpected answer' : answer.message };
  } catch (error) {
    if (error instanceof ChannelError) return { outcome: error.outcome, reason: error.message };
    throw error;
  }
}

/**
 * Runs a command inside the owner. 'retry' means the owner was closing or is gone: claim DATA_DIR again
 * (this process may become the owner). A timeout is reported as such: the command may have run.
 */
export async function runThroughOwner(
  dataDir: string,
  owner: OwnerInfo,
  command: string,
  args: CommandArgs,
): Promise<CommandResult | 'retry'> {
  let answer: Answer;
  try {
    answer = await exchange(socketOf(dataDir, owner), { v: 1, secret: owner.secret, op: 'run', command, args }, RUN_TIMEOUT_MS);
  } catch (error) {
    if (!(error instanceof ChannelError)) throw error;
    if (error.outcome === 'refused' || error.outcome === 'missing') return 'retry';
    throw new Error(
      `${describeOwner(owner)}, which owns the embedded database in ${dataDir}, took the command but did not report on it (${error.message}); its log tells whether it was done.`,
    );
  }
  if (!answer.ok) return answer.retry ? 'retry' : { ok: false, message: answer.message };
  if ('output' in answer) return { ok: true, output: answer.output };
  return { ok: false, message: 'the owner gave an unexpected answer' };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

// ---------------------------------------------------------------------------------------------------------
// Claiming DATA_DIR.

type Found = { kind: 'none' } | { kind: 'bad' } | { kind: 'owner'; info: OwnerInfo };

function readLock(lockPath: string): Found {
  let text: string;
  try {
    text = fs.readFileSync(lockPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    throw error;
  }
  try {
    const parsed = OwnerInfoSchema.safeParse(JSON.parse(text));
    return parsed.success ? { kind: 'owner', info: parsed.data } : { kind: 'bad' };
  } catch {
    return { kind: 'bad' };
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const PRIVATE_PREFIX = 'convene-owner-';
const PRIVATE_SOCKET = 'owner.sock';

/** The socket's path and how the lock names it (a bare name for one in DATA_DIR). */
function socketPathFor(dataDir: string): { socket: string; named: string; privateDir: string | null } {
  const named = `owner-${randomBytes(6).toString('hex')}.sock`;
  const inDataDir = path.join(dataDir, named);
  if (Buffer.byteLength(inDataDir) <= MAX_SOCKET_PATH) return { socket: inDataDir, named, privateDir: null };
  // DATA_DIR's path is too long for a socket: a private folder (mode 0700) in the system's temporary folder.
  const privateDir = fs.mkdtempSync(path.join(os.tmpdir(), PRIVATE_PREFIX));
  const socket = path.join(privateDir, PRIVATE_SOCKET);
  return { socket, named: socket, privateDir };
}

/** Removes a dead owner's socket: only a socket file, and its folder only if it is one of ours and empty. */
function removeDeadSocket(socket: string): void {
  if (fs.lstatSync(socket, { throwIfNoEntry: false })?.isSocket()) fs.rmSync(socket, { force: true });
  const dir = path.dirname(socket);
  if (
    path.basename(socket) === PRIVATE_SOCKET &&
    path.dirname(dir) === path.resolve(os.tmpdir()) &&
    path.basename(dir).startsWith(PRIVATE_PREFIX)
  ) {
    try {
      fs.rmdirSync(dir);
    } catch {
      // Not empty, or gone: leave it.
    }
  }
}

function listen(server: net.Server, socket: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // The socket is created readable and writable by this user only (the umask applies to bind()).
    let previous: number | null = null;
    try {
      previous = process.umask(0o177);
    } catch {
      // Not settable in a worker thread; the chmod below still applies before the lock names the socket.
    }
    try {
      server.listen(socket, () => {
        server.off('error', reject);
        resolve();
      });
    } finally {
      if (previous !== null) process.umask(previous);
    }
  });
}

/** Places the lock file atomically; false when one exists. */
function placeLock(lockPath: string, info: OwnerInfo): boolean {
  const text = `${JSON.stringify(info, null, 2)}\n`;
  const aside = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}`;
  fs.writeFileSync(aside, text, { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(aside, lockPath);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
  } finally {
    fs.rmSync(aside, { force: true });
  }
  // A file system without hard links: exclusive creation (a reader may briefly see it partly written).
  try {
    fs.writeFileSync(lockPath, text, { mode: 0o600, flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function lockIsOurs(lockPath: string, secret: string): boolean {
  const found = readLock(lockPath);
  return found.kind === 'owner' && found.info.secret === secret;
}

async function tryOwn(dataDir: string, lockPath: string, claim: OwnerClaim): Promise<OwnerLease | null> {
  const { socket, named, privateDir } = socketPathFor(dataDir);
  const info: OwnerInfo = {
    v: 1,
    pid: process.pid,
    hostname: os.hostname(),
    bootId: bootId(),
    pidStart: processStartTime(process.pid),
    startedAt: new Date().toISOString(),
    role: claim.role,
    command: claim.command,
    worker: claim.worker,
    socket: named,
    secret: randomBytes(32).toString('hex'),
  };

  let state: OwnerState = 'starting';
  let handler: CommandHandler | null = null;
  let handlerSet: (h: CommandHandler | null) => void = () => {};
  const handlerReady = new Promise<CommandHandler | null>((resolve) => {
    handlerSet = resolve;
  });
  const running = new Set<Promise<unknown>>();

  const answer = async (line: string): Promise<Answer> => {
    let request: z.infer<typeof RequestSchema>;
    try {
      const parsed = RequestSchema.safeParse(JSON.parse(line));
      if (!parsed.success) return { ok: false, message: 'malformed request' };
      request = parsed.data;
    } catch {
      return { ok: false, message: 'malformed request' };
    }
    if (!sameSecret(request.secret, info.secret)) return { ok: false, message: 'wrong secret: read it from the lock file' };
    if (request.op === 'ping') return { ok: true, state };
    if (state === 'closing') return { ok: false, retry: true, message: 'closing' };
    const run = (async (): Promise<Answer> => {
      const h = handler ?? (await handlerReady);
      if (!h) return { ok: false, retry: true, message: 'closing' };
      return h(request.command, request.args).catch((error: unknown) => ({
        ok: false as const,
        message: error instanceof Error ? error.message : String(error),
      }));
    })();
    running.add(run);
    try {
      return await run;
    } finally {
      running.delete(run);
    }
  };

  const server = net.createServer((connection) => {
    let text = '';
    let answered = false;
    connection.setEncoding('utf8');
    connection.setTimeout(10_000, () => connection.destroy());
    connection.on('error', () => {});
    connection.on('data', (chunk: string) => {
      if (answered) return;
      text += chunk;
      if (text.length > MAX_MESSAGE_BYTES) return void connection.destroy();
      const end = text.indexOf('\n');
      if (end < 0) return;
      answered = true;
      connection.setTimeout(0);
      void answer(text.slice(0, end)).then((reply) => {
        if (!connection.destroyed) connection.end(`${JSON.stringify(reply)}\n`);
      });
    });
  });
  // After listening, a failing connection must not take the owner down.
  server.on('error', () => {});

  const cleanUp = () => {
    fs.rmSync(socket, { force: true });
    if (privateDir) fs.rmSync(privateDir, { recursive: true, force: true });
  };
  try {
    await listen(server, socket);
    fs.chmodSync(socket, 0o600);
  } catch (error) {
    server.close();
    cleanUp();
    throw error;
  }
  if (!placeLock(lockPath, info)) {
    await new Promise((resolve) => server.close(resolve));
    cleanUp();
    return null;
  }

  // An exit without release (an error, process.exit) still gives up the lock: the process and its
  // database are gone then. A killed process leaves it, for the next claimant to judge stale.
  const onExit = () => {
    if (lockIsOurs(lockPath, info.secret)) fs.rmSync(lockPath, { force: true });
    cleanUp();
  };
  process.on('exit', onExit);

  let released = false;
  return {
    info,
    lockPath,
    serve(h) {
      if (state !== 'starting') return;
      handler = h;
      state = 'ready';
      handlerSet(h);
    },
    async drain() {
      state = 'closing';
      handlerSet(null);
      await Promise.allSettled([...running]);
    },
    async release() {
      if (released) return;
      released = true;
      state = 'closing';
      handlerSet(null);
      process.off('exit', onExit);
      // The lock goes first, while the socket still answers "closing": no one may find a lock whose socket
      // refuses while this process lives.
      if (lockIsOurs(lockPath, info.secret)) fs.rmSync(lockPath, { force: true });
      await new Promise((resolve) => server.close(resolve));
      cleanUp();
    },
  };
}

/** Removes a lock judged stale, unless another claimant replaced it meanwhile. */
async function removeStaleLock(lockPath: string, stale: OwnerInfo, dataDir: string): Promise<void> {
  const mutex = `${lockPath}${RECOVER_SUFFIX}`;
  try {
    fs.writeFileSync(mutex, `${process.pid}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const age = Date.now() - (fs.statSync(mutex, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > RECOVER_STALE_MS) fs.rmSync(mutex, { force: true });
    else await sleep(50);
    return;
  }
  try {
    if (!lockIsOurs(lockPath, stale.secret)) return;
    fs.rmSync(lockPath, { force: true });
    removeDeadSocket(socketOf(dataDir, stale));
  } finally {
    fs.rmSync(mutex, { force: true });
  }
}

/**
 * Makes this process the owner of DATA_DIR, or says who is. Throws DataDirOwnedError when a live owner
 * answers (a command then runs through it), OwnerUnreachableError when a lock's holder may be alive but does
 * not answer. A server or worker waits while the owner is a short command; anyone waits for a closing owner.
 */
export async function claimDataDir(dataDir: string, claim: OwnerClaim, options: { probeTimeoutMs?: number } = {}): Promise<OwnerLease> {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, LOCK_FILE);
  let waited = false;
  let closingSince: number | null = null;
  let unreadable = 0;
  let contested = 0;
  for (;;) {
    const found = readLock(lockPath);
    if (found.kind === 'none') {
      const lease = await tryOwn(dataDir, lockPath, claim);
      if (lease) return lease;
      contested += 1;
    } else if (found.kind === 'bad') {
      // Possibly being written on a file system without hard links; a lasting one is for a person to judge.
      if (++unreadable > 20) throw new OwnerUnreachableError(dataDir, null, `its lock file ${lockPath} cannot be read`);
      await sleep(100);
      continue;
    } else {
      const owner = found.info;
      const seen = await probe(dataDir, owner, options.probeTimeoutMs ?? PROBE_TIMEOUT_MS);
      const here: Here = {
        hostname: os.hostname(),
        bootId: bootId(),
        pid: owner.hostname === os.hostname() ? pidStatus(owner) : 'unknown',
      };
      const verdict = judgeOwner(owner, seen.outcome, here, dataDir);
      if (verdict === 'unreachable')
        throw new OwnerUnreachableError(dataDir, owner, seen.outcome === 'answered' ? 'no answer' : seen.reason);
      if (verdict === 'live' && seen.outcome === 'answered') {
        const wait = seen.state === 'closing' || (claim.role !== 'command' && owner.role === 'command');
        if (!wait) throw new DataDirOwnedError(dataDir, owner);
        if (seen.state !== 'closing') closingSince = null;
        else if (closingSince === null) closingSince = Date.now();
        else if (Date.now() - closingSince > CLOSING_WAIT_MS)
          throw new OwnerUnreachableError(dataDir, owner, `closing for more than ${CLOSING_WAIT_MS / 1000} s`);
        if (!waited) claim.onWait?.(owner);
        waited = true;
        await sleep(200);
        continue;
      }
      await removeStaleLock(lockPath, owner, dataDir);
      contested += 1;
    }
    if (contested > 50) throw new OwnerUnreachableError(dataDir, null, 'other processes kept taking and leaving its lock');
  }
}
