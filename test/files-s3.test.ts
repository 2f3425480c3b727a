import { randomBytes } from 'node:crypto';
import { utimes } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/modules/accounts/api-tokens.ts';
import { openFileStore } from '../src/platform/files/open.ts';
import { sweepOrphanFiles } from '../src/platform/files/references.ts';
import type { FileStore } from '../src/platform/files/store.ts';
import { multipartBody } from './support/agent.ts';
import { buildMeeting, secretariatOf } from './support/factories.ts';
import { type Harness, startHarness } from './support/harness.ts';
import { s3rverCredentials, startS3, type TestS3 } from './support/s3.ts';

/** Documents whose files live in S3 (s3rver): uploads, downloads and the meeting's ZIP stream to and from the bucket. */
describe('documents on S3 storage', () => {
  let meetingId: number;
  let s3: TestS3;
  let h: Harness;
  let auth: Record<string, string>;
  let client: S3Client;
  /** Hashes whose stream the store fails part way (a file gone, the store failing, mid-archive). */
  const failMidway = new Set<string>();

  beforeAll(async () => {
    s3 = await startS3();
    Object.assign(process.env, s3rverCredentials);
    const store = openFileStore({ kind: 's3', bucket: s3.bucket, prefix: 'files/', endpoint: s3.endpoint, region: 'us-east-1' });
    const files: FileStore = {
      ...store,
      async open(hash) {
        if (!failMidway.has(hash)) return store.open(hash);
        const whole = await store.open(hash);
        (whole as Readable).destroy();
        return Readable.from(
          (async function* () {
            yield Buffer.alloc(64 * 1024, 1);
            throw new Error('the store failed part way');
          })(),
        );
      },
    };
    h = await startHarness('pglite', '2023-04-20T08:00:00Z', { files });
    meetingId = (await buildMeeting(h.ctx, { group: { subgroups: ['WG5'] } })).id;
    auth = { authorization: `Bearer ${await createApiToken(h.ctx, await secretariatOf(h.ctx))}` };
    client = new S3Client({ endpoint: s3.endpoint, forcePathStyle: true, region: 'us-east-1' });
  });
  afterAll(async () => {
    client?.destroy();
    await h?.close();
    await s3?.close();
  });

  const submit = async (title: string, name: string, content: Uint8Array) => {
    const form = new FormData();
    for (const [k, v] of Object.entries({
      title,
      sources: 'ETRI',
      workingGroups: 'WG5',
      contacts: JSON.stringify([{ name: 'Kim Min', organization: 'ETRI', email: 'kim@example.org' }]),
    })) {
      form.append(k, v);
    }
    form.append('file', new Blob([content as BlobPart]), name);
    const { payload, contentType } = await multipartBody(form);
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/meetings/${meetingId}/documents`,
      payload,
      headers: { ...auth, 'content-type': contentType },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { number: string };
  };
  const hashOf = async (number: string) => {
    const rows = await h.database.exec(
      `SELECT r.file_hash AS hash FROM document_revisions r JOIN documents d ON d.id = r.document_id AND r.revision = d.latest_revision WHERE d.number = '${number}'`,
    );
    return String(rows[0]!.hash);
  };

  it('stores a 7 MB upload in the bucket (multipart) and serves it byte for byte, alone and in the ZIP', async () => {
    const payload = randomBytes(7 * 1024 * 1024);
    const file = zipSync({ 'measurements.bin': payload }, { level: 0 });
    const { number } = await submit('Measurements', 'measurements.zip', file);
    const hash = await hashOf(number);
    expect(await h.ctx.files.has(hash)).toBe(true);

    const download = await h.app.inject({ url: `/documents/${number}/file` });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(Buffer.from(file))).toBe(true);

    const zip = await h.app.inject({ url: `/meetings/${meetingId}/documents.zip` });
    expect(zip.statusCode).toBe(200);
    const entries = unzipSync(new Uint8Array(zip.rawPayload));
    const name = Object.keys(entries).find((n) => n.startsWith(`${number}-`))!;
    expect(Buffer.from(entries[name]!).equals(Buffer.from(file))).toBe(true);
  });

  it('cuts the ZIP off when a file fails part way, so the download fails instead of ending short', async () => {
    const { number } = await submit('Fails midway', 'midway.zip', zipSync({ 'a.bin': randomBytes(300_000) }, { level: 0 }));
    const hash = await hashOf(number);
    failMidway.add(hash);
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { port } = h.app.server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/meetings/${meetingId}/documents.zip`);
      expect(res.status).toBe(200); // the headers went out before the failure
      await expect(res.arrayBuffer()).rejects.toThrow();
    } finally {
      failMidway.delete(hash);
    }
    const whole = await h.app.inject({ url: `/meetings/${meetingId}/documents.zip` });
    expect(Object.keys(unzipSync(new Uint8Array(whole.rawPayload)))).toContain(`${number}-midway.zip`);
  });

  it('sweeps what nothing names from the bucket once it is an hour old, and nothing else', async () => {
    const { number } = await submit(
      'Kept by the sweep',
      'kept.zip',
      zipSync({ 'kept.txt': new TextEncoder().encode('named by a revision') }),
    );
    const named = await hashOf(number);
    const orphan = await h.ctx.files.putBuffer(Buffer.from(`orphan ${Math.random()}`));
    const young = await h.ctx.files.putBuffer(Buffer.from(`young ${Math.random()}`));
    await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: 'files/tmp/crashed-upload', Body: 'half an upload' }));
    const later = new Date(Math.floor((Date.now() + 2 * 3_600_000) / 1000) * 1000);
    await utimes(s3.objectPath(`files/${young.hash.slice(0, 2)}/${young.hash.slice(2, 4)}/${young.hash}`), later, later);
    const now = h.clock.now();
    h.clock.set(later.toISOString());
    try {
      const swept = await sweepOrphanFiles(h.ctx);
      expect(swept.removed).toBeGreaterThanOrEqual(1);
      expect(swept.temporaries).toBe(1);
    } finally {
      h.clock.set(now.toISOString());
    }
    expect(await h.ctx.files.has(orphan.hash)).toBe(false);
    expect(await h.ctx.files.has(young.hash)).toBe(true);
    expect(await h.ctx.files.has(named)).toBe(true);
    expect((await h.app.inject({ url: `/documents/${number}/file` })).statusCode).toBe(200);
  });

  it('answers a clear error, not a broken archive, when a file is missing from the store', async () => {
    const { number } = await submit('Lost file', 'lost.zip', zipSync({ 'lost.txt': new TextEncoder().encode('soon gone') }));
    const hash = await hashOf(number);
    await client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: `files/${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}` }));

    const res = await h.app.inject({ url: `/meetings/${meetingId}/documents.zip`, headers: { 'accept-language': 'fr' } });
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['content-disposition']).toBeUndefined();
    expect(res.body).toContain(`le fichier de ${number} manque`);

    const alone = await h.app.inject({ url: `/documents/${number}/file`, headers: { 'accept-language': 'fr' } });
    expect(alone.statusCode).toBe(500);
    expect(alone.headers['content-disposition']).toBeUndefined();
    expect(alone.body).toContain('Ce fichier manque dans le stockage des fichiers');
  });
});
