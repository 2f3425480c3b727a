import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSecretariat } from '../demo/fg-mv.ts';
import { docxWith } from './support/documents.ts';
import { hostilePptx } from './support/hostile-files.ts';
import { freePort } from './support/net.ts';

/**
 * Uploads in a real `convene serve` over real sockets: refused before the body is read, and the
 * extraction worker thread (TypeScript run through tsx by bin/convene.mjs, the thread itself plain
 * JavaScript) finding text for search, a hostile file stored, the server answering.
 */
describe('uploads in a real server process', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-extract-'));
  // A port nothing listens on: a fixed range met the machine's message broker on 5672.
  let base = '';
  let server: ChildProcess | undefined;
  /** The demo secretariat's session: cookies, and the CSRF token the API wants with them. */
  let session: Record<string, string> = {};

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', PORT: String(port), BASE_URL: base };
    server = spawn(process.execPath, ['bin/convene.mjs', 'serve', '--demo', '--no-worker'], {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    let up = false;
    for (let i = 0; i < 600 && !up; i++) {
      up = await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (!up) await new Promise((r) => setTimeout(r, 100));
    }
    if (!up) throw new Error('the server did not start');
    const csrf = (await fetch(`${base}/login`)).headers
      .getSetCookie()
      .find((c) => c.startsWith('convene_csrf='))!
      .split(';')[0]!;
    const login = await fetch(`${base}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: csrf, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        email: demoSecretariat.email,
        password: demoSecretariat.password,
        next: '/',
        _csrf: csrf.split('=')[1]!,
      }).toString(),
    });
    const cookies = [csrf, ...login.headers.getSetCookie().map((c) => c.split(';')[0]!)].join('; ');
    session = { cookie: cookies, 'x-csrf-token': csrf.split('=')[1]! };
  }, 90_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const submit = async (meetingId: number, title: string, file: Uint8Array, filename: string) => {
    const form = new FormData();
    form.append('title', title);
    form.append('sources', 'ETRI');
    form.append('contacts', JSON.stringify([{ name: 'Li Wei', organization: 'ETRI', email: 'delegate@example.org' }]));
    form.append('file', new Blob([file as BlobPart]), filename);
    return fetch(`${base}/api/meetings/${meetingId}/documents`, { method: 'POST', headers: session, body: form });
  };

  it('refuses anonymous and misdirected 10 MB uploads before reading them, keeping nothing', async () => {
    const filesDir = path.join(dataDir, 'files');
    const count = () =>
      fs.existsSync(filesDir) ? fs.readdirSync(filesDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length : 0;
    const before = count();
    const post = (url: string, headers: Record<string, string>, i: number) => {
      // 10 MB each, every one different (the store keeps identical bytes once).
      const big = Buffer.alloc(10 * 1024 * 1024, 1);
      big.write(`%PDF-1.4\n% ${i}\n`);
      const form = new FormData();
      form.append('title', 'Ten megabytes');
      form.append('file', new Blob([big]), 'big.pdf');
      return fetch(`${base}${url}`, { method: 'POST', headers, body: form });
    };
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await post('/api/meetings/1/documents', {}, i)).status);
    statuses.push((await post('/api/meetings/424242/documents', session, 5)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 404]);
    expect(count()).toBe(before);
  }, 60_000);

  it('extracts text in its worker thread and stays up under a hostile file', async () => {
    const meetings = (await (await fetch(`${base}/api/groups/fg-mv/meetings`)).json()) as { id: number }[];
    const upcoming = Math.max(...meetings.map((m) => m.id));
    const created = await submit(upcoming, 'Plain contribution', await docxWith(['A word found only inside: xylophonic']), 'plain.docx');
    expect(created.status).toBe(201);
    const hits = (await (await fetch(`${base}/api/search?q=xylophonic`)).json()) as { hits: { number: string }[] };
    expect(hits.hits.map((h) => h.number)).toEqual([((await created.json()) as { number: string }).number]);

    const hostile = hostilePptx({ slides: 10, slideMegabytes: 50, fill: 'markup' });
    const [stored, health] = await Promise.all([submit(upcoming, 'Hostile deck', hostile, 'deck.pptx'), fetch(`${base}/healthz`)]);
    expect(stored.status).toBe(201);
    expect(health.status).toBe(200);
    expect(server!.exitCode).toBeNull();
  }, 60_000);
});
