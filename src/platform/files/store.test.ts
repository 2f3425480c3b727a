import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startS3, type TestS3 } from '../../../test/support/s3.ts';
import { openFileStore } from './open.ts';
import { diskFileStore, FileNotFoundError, type FileStore, FileTooLargeError, InvalidFileHashError } from './store.ts';

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

async function* chunks(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield new TextEncoder().encode(part);
}

async function streamToBuffer(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part as Uint8Array));
  return Buffer.concat(parts);
}

/** One store under test, and a look behind it: its objects by key (`ab/cd/<hash>`, `tmp/<name>`), raw. */
interface Backend {
  store: FileStore;
  keys(): Promise<string[]>;
  raw(key: string): Promise<Buffer>;
  writeRaw(key: string, content: string): Promise<void>;
  /** Sets an object's stored time (its mtime on disk, its LastModified on S3). */
  age(key: string, when: Date): Promise<void>;
  /** A store of the same kind with nothing in it. */
  empty(): FileStore;
  close(): Promise<void>;
}

const keyOf = (hash: string) => `${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}`;

async function diskBackend(): Promise<Backend> {
  const root = await mkdtemp(join(tmpdir(), 'convene-files-'));
  return {
    store: diskFileStore(root),
    async keys() {
      const entries = await readdir(root, { recursive: true, withFileTypes: true });
      return entries.filter((entry) => entry.isFile()).map((entry) => relative(root, join(entry.parentPath, entry.name)));
    },
    raw: (key) => readFile(join(root, key)),
    async writeRaw(key, content) {
      await mkdir(dirname(join(root, key)), { recursive: true });
      await writeFile(join(root, key), content);
    },
    age: (key, when) => utimes(join(root, key), when, when),
    empty: () => diskFileStore(join(root, 'nothing-here')),
    close: () => rm(root, { recursive: true, force: true }),
  };
}

let s3: TestS3;
let s3Client: S3Client;
let s3Case = 0;

/** Each test its own prefix in one s3rver bucket, through the store main.ts would open for FILE_STORE. */
async function s3Backend(): Promise<Backend> {
  s3Case += 1;
  const prefix = `case-${s3Case}/`;
  const open = (under: string) =>
    openFileStore({ kind: 's3', bucket: s3.bucket, prefix: under, endpoint: s3.endpoint, region: 'us-east-1' });
  return {
    store: open(prefix),
    async keys() {
      const listed = await s3Client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix }));
      return (listed.Contents ?? []).map((object) => object.Key!.slice(prefix.length));
    },
    async raw(key) {
      const answer = await s3Client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: prefix + key }));
      return Buffer.from(await answer.Body!.transformToByteArray());
    },
    async writeRaw(key, content) {
      await s3Client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: prefix + key, Body: content }));
    },
    age: (key, when) => utimes(s3.objectPath(prefix + key), when, when),
    empty: () => open(`nothing-${s3Case}/`),
    close: async () => {},
  };
}

beforeAll(async () => {
  s3 = await startS3();
  // The SDK reads these for every client the tests (and the store) make.
  process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
  process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
  s3Client = new S3Client({ endpoint: s3.endpoint, forcePathStyle: true, region: 'us-east-1' });
});

afterAll(async () => {
  s3Client?.destroy();
  await s3?.close();
});

describe.each([
  ['disk', diskBackend],
  ['S3 (s3rver)', s3Backend],
] as const)('the file store on %s', (_name, makeBackend) => {
  let backend: Backend;
  let store: FileStore;

  beforeEach(async () => {
    backend = await makeBackend();
    store = backend.store;
  });

  afterEach(async () => {
    await backend.close();
  });

  it('stores a stream under its sha-256 and reads it back whole and in parts', async () => {
    const content = 'hello, content-addressed world';
    const stored = await store.put(chunks('hello, ', 'content-addressed', ' world'));

    expect(stored.hash).toBe(sha256(Buffer.from(content)));
    expect(stored.size).toBe(content.length);
    expect(stored.head.toString()).toBe(content);
    expect((await backend.raw(keyOf(stored.hash))).toString()).toBe(content);

    expect((await streamToBuffer(await store.open(stored.hash))).toString()).toBe(content);
    expect((await store.read(stored.hash, 7, 17)).toString()).toBe('content-addressed');
    expect((await store.read(stored.hash, 25, 100)).toString()).toBe('world');
    expect(await store.size(stored.hash)).toBe(content.length);
    expect(await store.has(stored.hash)).toBe(true);
  });

  it('accepts a Node readable and a buffer', async () => {
    const fromStream = await store.put(Readable.from([Buffer.from('abc'), Buffer.from('def')]));
    const fromBuffer = await store.putBuffer(new TextEncoder().encode('abcdef'));
    expect(fromStream.hash).toBe(sha256(Buffer.from('abcdef')));
    expect(fromBuffer).toEqual(fromStream);
  });

  it('keeps the same content once', async () => {
    const first = await store.put(chunks('same ', 'bytes'));
    const second = await store.put(chunks('same bytes'));
    expect(second.hash).toBe(first.hash);
    expect(await backend.keys()).toEqual([keyOf(first.hash)]);
  });

  it('keeps only the first 8 KiB as head', async () => {
    const data = Buffer.alloc(20_000, 7);
    const stored = await store.putBuffer(data);
    expect(stored.head.length).toBe(8192);
    expect(stored.size).toBe(20_000);
  });

  it('refuses content over maxBytes and leaves no file behind', async () => {
    await expect(store.put(chunks('12345', '67890', 'x'), { maxBytes: 10 })).rejects.toBeInstanceOf(FileTooLargeError);
    expect(await backend.keys()).toEqual([]);
    expect(await store.has(sha256(Buffer.from('1234567890x')))).toBe(false);

    const exact = await store.put(chunks('12345', '67890'), { maxBytes: 10 });
    expect(exact.size).toBe(10);
  });

  it('refuses invalid hashes on every method', async () => {
    const stored = await store.putBuffer(Buffer.from('x'));
    for (const bad of ['../../etc/passwd', stored.hash.toUpperCase(), `${stored.hash}/..`, stored.hash.slice(1), '']) {
      await expect(store.open(bad)).rejects.toBeInstanceOf(InvalidFileHashError);
      await expect(store.read(bad, 0, 1)).rejects.toBeInstanceOf(InvalidFileHashError);
      await expect(store.size(bad)).rejects.toBeInstanceOf(InvalidFileHashError);
      await expect(store.has(bad)).rejects.toBeInstanceOf(InvalidFileHashError);
      await expect(store.remove(bad)).rejects.toBeInstanceOf(InvalidFileHashError);
    }
    expect(await store.has(stored.hash)).toBe(true);
  });

  it('reports absent files and removes present ones', async () => {
    const absent = sha256(Buffer.from('never stored'));
    await expect(store.open(absent)).rejects.toBeInstanceOf(FileNotFoundError);
    await expect(store.read(absent, 0, 1)).rejects.toBeInstanceOf(FileNotFoundError);
    await expect(store.size(absent)).rejects.toBeInstanceOf(FileNotFoundError);

    const stored = await store.putBuffer(Buffer.from('short-lived'));
    expect(await store.remove(stored.hash)).toBe(true);
    expect(await store.has(stored.hash)).toBe(false);
    expect(await store.remove(stored.hash)).toBe(false);
  });

  it('stores a 20 MB stream generated chunk by chunk', async () => {
    const chunkSize = 64 * 1024;
    const total = 20 * 1024 * 1024;
    const expected = createHash('sha256');
    async function* generate(): AsyncGenerator<Uint8Array> {
      for (let offset = 0; offset < total; offset += chunkSize) {
        const chunk = Buffer.alloc(chunkSize, offset / chunkSize);
        expected.update(chunk);
        yield chunk;
      }
    }

    const stored = await store.put(generate(), { maxBytes: total });

    expect(stored.size).toBe(total);
    expect(stored.hash).toBe(expected.digest('hex'));
    expect(await store.size(stored.hash)).toBe(total);
    expect((await store.read(stored.hash, total - 1, 1))[0]).toBe((total / chunkSize - 1) % 256);
    expect(await backend.keys()).toEqual([keyOf(stored.hash)]);
  });

  it('refuses a large stream over maxBytes part way and keeps nothing of it', async () => {
    const chunk = Buffer.alloc(256 * 1024, 1);
    async function* generate(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 48; i += 1) yield chunk; // 12 MiB: past the first 5 MiB part
    }
    await expect(store.put(generate(), { maxBytes: 9 * 1024 * 1024 })).rejects.toBeInstanceOf(FileTooLargeError);
    expect(await backend.keys()).toEqual([]);
  });

  it('hears of a source that fails part way, and keeps nothing of it', async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 30; i += 1) yield Buffer.alloc(256 * 1024, i);
      throw new Error('client went away');
    }
    await expect(store.put(failing())).rejects.toThrow('client went away');
    expect(await backend.keys()).toEqual([]);
  });

  describe('ages, for the orphan sweep', () => {
    const hourAgo = () => new Date(Date.now() - 3_600_000);
    const age = (hash: string, when: Date) => backend.age(keyOf(hash), when);
    const listed = async (storedBefore: Date) => {
      const entries = [];
      for await (const entry of store.list({ storedBefore })) entries.push(entry);
      return entries.sort((a, b) => a.hash.localeCompare(b.hash));
    };

    it('lists the files stored before a time, with size and age, and nothing of the temporary folder', async () => {
      const old = await store.putBuffer(Buffer.from('old bytes'));
      const fresh = await store.putBuffer(Buffer.from('fresh bytes'));
      // Whole seconds: S3 keeps LastModified to the second.
      const twoHoursAgo = new Date(Math.floor((Date.now() - 7_200_000) / 1000) * 1000);
      await age(old.hash, twoHoursAgo);
      await backend.writeRaw('tmp/unfinished', 'partial');
      await backend.age('tmp/unfinished', twoHoursAgo);

      const entries = await listed(hourAgo());
      expect(entries.map((e) => e.hash)).toEqual([old.hash]);
      expect(entries[0]!.size).toBe(9);
      expect(entries[0]!.storedAt.getTime()).toBe(twoHoursAgo.getTime());
      expect((await listed(new Date(Date.now() + 60_000))).map((e) => e.hash).sort()).toEqual([old.hash, fresh.hash].sort());
    });

    it('makes content put again as new as the put, so a sweep of old files spares it', async () => {
      const stored = await store.putBuffer(Buffer.from('bytes an upload sends again'));
      await age(stored.hash, new Date(Date.now() - 7_200_000));
      expect((await listed(hourAgo())).map((e) => e.hash)).toEqual([stored.hash]);
      await store.putBuffer(Buffer.from('bytes an upload sends again'));
      expect(await listed(hourAgo())).toEqual([]);
      expect(await store.remove(stored.hash, { storedBefore: hourAgo() })).toBe(false);
      expect(await store.has(stored.hash)).toBe(true);
      await age(stored.hash, new Date(Date.now() - 7_200_000));
      expect(await store.remove(stored.hash, { storedBefore: hourAgo() })).toBe(true);
      expect(await store.has(stored.hash)).toBe(false);
    });

    it('removes temporary files of puts that never finished, once they are old', async () => {
      await backend.writeRaw('tmp/crashed', 'partial');
      await backend.writeRaw('tmp/in-flight', 'partial');
      const twoHoursAgo = new Date(Date.now() - 7_200_000);
      await backend.age('tmp/crashed', twoHoursAgo);
      expect(await store.removeStaleTemporaries(hourAgo())).toBe(1);
      expect(await backend.keys()).toEqual(['tmp/in-flight']);
      expect(await backend.empty().removeStaleTemporaries(hourAgo())).toBe(0);
    });
  });
});
