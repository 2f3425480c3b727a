/**
 * Several instances on one PostgreSQL database and one S3 bucket, as the README's topology runs them: two
 * `convene serve --no-worker` (A and B) and two `convene worker` — the first with `--smtp-in` — as real
 * child processes, each with a DATA_DIR of its own, sharing only DATABASE_URL, FILE_STORE and
 * CONVENE_DATA_KEY. A document uploaded through A downloads byte for byte through B and is in A's (and B's)
 * documents ZIP; a registration made on A shows on B at once; confirmation mails and the deadline reminders
 * (REMINDER_DAYS_BEFORE=60 makes the first demo meeting's due at once; the second's, 90 days ahead, wait) reach
 * the SMTP sink exactly once; only the worker started with --smtp-in listens for mail. Runs only when
 * TEST_DATABASE_URL is set; it makes a database of its own on that server (from the migrated test template) and
 * drops it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoSecretariat } from '../demo/fg-mv.ts';
import { randomToken, sha256 } from '../src/platform/crypto.ts';
import { withDatabase } from './global-setup.ts';
import { type Mailbox, startMailbox } from './support/mailbox.ts';
import { freePort, poll } from './support/net.ts';
import { startS3, type TestS3 } from './support/s3.ts';
import { preparePeople, query } from './support/sql.ts';

const repo = path.resolve(import.meta.dirname, '..');
const serverUrl = process.env.TEST_DATABASE_URL;
const PEOPLE = 6;

/** The first line an SMTP server sends, or the connection's error code (ECONNREFUSED when nothing listens). */
function smtpGreeting(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setTimeout(3_000, () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.once('data', (data) => {
      socket.end('QUIT\r\n');
      resolve(data.toString().split('\r\n')[0]!);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

interface Child {
  name: string;
  base: string;
  child: ChildProcess;
  output: string[];
  exited: Promise<void>;
}

/** Each process's own DATA_DIR, removed at the end. */
const dataDirs: string[] = [];

function startChild(name: string, args: string[], env: Record<string, string>, port = 0): Child {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `convene-mi-${name}-`));
  dataDirs.push(dataDir);
  const child = spawn(process.execPath, ['bin/convene.mjs', ...args], {
    cwd: repo,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.splice(0, 50);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { name, base: `http://127.0.0.1:${port}`, child, output, exited };
}

async function startServe(name: string, env: Record<string, string>, extra: string[] = []): Promise<Child> {
  const port = await freePort();
  const server = startChild(name, ['serve', '--no-worker', ...extra], env, port);
  const up = await poll(async () => ((await fetch(`${server.base}/healthz`)).ok ? true : undefined), 45_000, 100);
  if (!up) throw new Error(`${name} did not start:\n${server.output.join('')}`);
  return server;
}

async function startWorker(name: string, env: Record<string, string>, extra: string[] = []): Promise<Child> {
  const worker = startChild(name, ['worker', ...extra], env);
  const ready = await poll(async () => (worker.output.join('').includes('convene worker running') ? true : undefined), 45_000, 100);
  if (!ready) throw new Error(`${name} did not start:\n${worker.output.join('')}`);
  return worker;
}

async function stop(proc: Child | undefined) {
  if (!proc || proc.child.exitCode !== null) return;
  proc.child.kill('SIGTERM');
  await Promise.race([proc.exited, sleep(5_000).then(() => proc.child.kill('SIGKILL'))]);
}

describe.skipIf(!serverUrl)('several instances on one PostgreSQL database and one S3 bucket', () => {
  const name = `convene_mi_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const databaseUrl = serverUrl ? withDatabase(serverUrl, name) : '';
  let s3: TestS3;
  let mailbox: Mailbox;
  let a: Child;
  let b: Child;
  const workers: Child[] = [];
  let shared: Record<string, string>;
  const inPorts: Record<string, number> = {};

  beforeAll(async () => {
    await query(serverUrl!, `CREATE DATABASE ${name} TEMPLATE ${inject('postgresTemplate')}`);
    [s3, mailbox] = await Promise.all([startS3(), startMailbox()]);
    shared = {
      DATABASE_URL: databaseUrl,
      ...s3.env('uploads'),
      CONVENE_DATA_KEY: randomBytes(32).toString('base64'),
      BASE_URL: 'http://convene.test',
      SMTP_URL: mailbox.url,
      REMINDER_DAYS_BEFORE: '60',
    };
    for (const which of ['a', 'b', 'w1', 'w2']) inPorts[which] = await freePort();
    // A seeds the demo (a meeting two months ahead); B starts on the same database.
    a = await startServe('a', { ...shared, SMTP_IN_PORT: String(inPorts.a) }, ['--demo']);
    b = await startServe('b', { ...shared, SMTP_IN_PORT: String(inPorts.b) });
  }, 90_000);

  afterAll(async () => {
    await Promise.all([a, b, ...workers].map(stop));
    await mailbox?.close();
    await s3?.close();
    if (serverUrl) await query(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** People with an API token each, and one for the demo secretariat (written directly: no password hashing). */
  async function tokens(): Promise<{ people: { email: string; token: string }[]; secretariat: string }> {
    const people = await preparePeople(databaseUrl, PEOPLE, 'Multi');
    const secretariat = randomToken('cvn_');
    await query(
      databaseUrl,
      `INSERT INTO api_tokens (account_id, token_hash, name) SELECT id, $2, 'multi' FROM accounts WHERE lower(email) = lower($1)`,
      [demoSecretariat.email, sha256(secretariat)],
    );
    return { people, secretariat };
  }

  it('shares documents, registrations and mail across the instances, each mail once', async () => {
    const { people, secretariat } = await tokens();
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const meetings = (await (await fetch(`${a.base}/api/groups/fg-mv/meetings`)).json()) as { id: number; startDate?: string }[];
    // The demo's first upcoming meeting: by first day, the past one, it, then the one asking for approval.
    const meetingId = meetings[1]!.id;

    // A document uploaded through A (8 MB: a multipart upload to the bucket) …
    const file = zipSync({ 'data.bin': randomBytes(8 * 1024 * 1024) }, { level: 0 });
    const form = new FormData();
    for (const [k, v] of Object.entries({
      title: 'Uploaded through A',
      sources: 'ETRI',
      workingGroups: 'WG1',
      contacts: JSON.stringify([{ name: 'Kim Min', organization: 'ETRI', email: 'kim@example.org' }]),
    })) {
      form.append(k, v);
    }
    form.append('file', new Blob([file as BlobPart]), 'through-a.zip');
    const submitted = await fetch(`${a.base}/api/meetings/${meetingId}/documents`, {
      method: 'POST',
      headers: bearer(people[0]!.token),
      body: form,
    });
    expect(submitted.status, await submitted.clone().text()).toBe(201);
    const { number } = (await submitted.json()) as { number: string };
    // … downloads byte for byte through B, and is in the ZIP of either.
    const download = await fetch(`${b.base}/documents/${number}/file`);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(file))).toBe(true);
    for (const instance of [a, b]) {
      const zip = await fetch(`${instance.base}/meetings/${meetingId}/documents.zip`);
      expect(zip.status).toBe(200);
      const entries = unzipSync(new Uint8Array(await zip.arrayBuffer()));
      expect(Buffer.from(entries[`${number}-through-a.zip`]!).equals(Buffer.from(file))).toBe(true);
    }

    // Registrations made on A show on B at once.
    const registered: number[] = [];
    for (const person of people) {
      const res = await fetch(`${a.base}/api/meetings/${meetingId}/registrations`, {
        method: 'POST',
        headers: { ...bearer(person.token), 'content-type': 'application/json' },
        body: JSON.stringify({ mode: 'remote', sessions: ['WG1'] }),
      });
      expect(res.status, await res.clone().text()).toBe(201);
      const { id } = (await res.json()) as { id: number };
      registered.push(id);
      const onB = await fetch(`${b.base}/api/registrations/${id}`, { headers: bearer(person.token) });
      expect(onB.status).toBe(200);
      expect(((await onB.json()) as { id: number }).id).toBe(id);
    }
    const listed = await fetch(`${b.base}/api/meetings/${meetingId}/registrations`, { headers: bearer(secretariat) });
    expect(listed.status).toBe(200);
    const ids = ((await listed.json()) as { id: number }[]).map((r) => r.id);
    for (const id of registered) expect(ids).toContain(id);

    // The web instances send nothing and plan nothing: mail waits in the outbox until a worker runs.
    await sleep(1_000);
    expect(mailbox.received).toEqual([]);
    expect(await query(databaseUrl, `SELECT 1 FROM jobs WHERE kind LIKE 'reminder-%'`)).toEqual([]);

    // Two workers, one of them taking mail in: mail and reminders go out once.
    workers.push(await startWorker('w1', { ...shared, SMTP_IN_PORT: String(inPorts.w1) }, ['--smtp-in']));
    workers.push(await startWorker('w2', { ...shared, SMTP_IN_PORT: String(inPorts.w2) }));
    const settled = await poll(
      async () => {
        const [pending] = await query<{ mails: number; jobs: number }>(
          databaseUrl,
          `SELECT (SELECT count(*)::int FROM outbox WHERE status <> 'sent') AS mails,
                  (SELECT count(*)::int FROM jobs WHERE kind LIKE 'reminder-%' AND status <> 'done' AND run_at <= now()) AS jobs`,
        );
        const reminders = await query(databaseUrl, `SELECT 1 FROM outbox WHERE kind LIKE 'reminder-%'`);
        return pending!.mails === 0 && pending!.jobs === 0 && reminders.length > 0 ? true : undefined;
      },
      30_000,
      200,
    );
    expect(settled, workers.map((w) => w.output.join('')).join('\n')).toBe(true);
    await sleep(1_500); // time for a duplicate to arrive, were there one

    const sent = await query<{ kind: string; to_address: string; message_id: string }>(
      databaseUrl,
      'SELECT kind, to_address, message_id FROM outbox ORDER BY id',
    );
    // Every queued mail reached the sink once: as many messages as rows, each Message-ID once.
    expect(mailbox.received.length).toBe(sent.length);
    expect(new Set(mailbox.received.map((m) => m.messageId)).size).toBe(sent.length);
    expect(new Set(mailbox.received.map((m) => m.messageId))).toEqual(new Set(sent.map((s) => s.message_id)));
    // Each person: one registration confirmation and one contributions reminder; no mail queued twice.
    const pairs = sent.map((s) => `${s.kind} ${s.to_address}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    for (const person of people) {
      const theirs = sent.filter((s) => s.to_address === person.email).map((s) => s.kind);
      expect(theirs).toContain('reminder-contributions');
      expect(theirs.filter((k) => k.startsWith('registration')).length, theirs.join(', ')).toBe(1);
    }

    // Only the worker started with --smtp-in takes mail; the web instances and the other worker do not listen.
    expect(await smtpGreeting(inPorts.w1!)).toMatch(/^220 /);
    for (const which of ['a', 'b', 'w2']) expect(await smtpGreeting(inPorts[which]!), which).toBe('ECONNREFUSED');
  }, 90_000);
});
