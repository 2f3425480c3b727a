import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe('diskFileStore', () => {
  let root: string;
  let store: FileStore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'convene-files-'));
    store = diskFileStore(root);
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('stores a stream under its sha-256 and reads it back whole and in parts', async () => {
    const content = 'hello, content-addressed world';
    const stored = await store.put(chunks('hello, ', 'content-addressed', ' world'));

    expect(stored.hash).toBe(sha256(Buffer.from(content)));
    expect(stored.size).toBe(content.length);
    expect(stored.head.toString()).toBe(content);
    const path = join(root, stored.hash.slice(0, 2), stored.hash.slice(2, 4), stored.hash);
    expect(await readFile(path, 'utf8')).toBe(content);

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
    const files = await filesUnder(root);
    expect(files).toEqual([join(root, first.hash.slice(0, 2), first.hash.slice(2, 4), first.hash)]);
  });

  it('keeps only the first 8 KiB as head', async () => {
    const data = Buffer.alloc(20_000, 7);
    const stored = await store.putBuffer(data);
    expect(stored.head.length).toBe(8192);
    expect(stored.size).toBe(20_000);
  });

  it('refuses content over maxBytes and leaves no file behind', async () => {
    await expect(store.put(chunks('12345', '67890', 'x'), { maxBytes: 10 })).rejects.toBeInstanceOf(FileTooLargeError);
    expect(await filesUnder(root)).toEqual([]);
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
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
  });

  describe('ages, for the orphan sweep', () => {
    const hourAgo = () => new Date(Date.now() - 3_600_000);
    const age = (hash: string, when: Date) => utimes(join(root, hash.slice(0, 2), hash.slice(2, 4), hash), when, when);
    const listed = async (storedBefore: Date) => {
      const entries = [];
      for await (const entry of store.list({ storedBefore })) entries.push(entry);
      return entries.sort((a, b) => a.hash.localeCompare(b.hash));
    };

    it('lists the files stored before a time, with size and age, and nothing of the temporary folder', async () => {
      const old = await store.putBuffer(Buffer.from('old bytes'));
      const fresh = await store.putBuffer(Buffer.from('fresh bytes'));
      const twoHoursAgo = new Date(Date.now() - 7_200_000);
      await age(old.hash, twoHoursAgo);
      await mkdir(join(root, 'tmp'), { recursive: true });
      await writeFile(join(root, 'tmp', 'unfinished'), 'partial');
      await utimes(join(root, 'tmp', 'unfinished'), twoHoursAgo, twoHoursAgo);

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
      await mkdir(join(root, 'tmp'), { recursive: true });
      await writeFile(join(root, 'tmp', 'crashed'), 'partial');
      await writeFile(join(root, 'tmp', 'in-flight'), 'partial');
      const twoHoursAgo = new Date(Date.now() - 7_200_000);
      await utimes(join(root, 'tmp', 'crashed'), twoHoursAgo, twoHoursAgo);
      expect(await store.removeStaleTemporaries(hourAgo())).toBe(1);
      expect(await readdir(join(root, 'tmp'))).toEqual(['in-flight']);
      expect(await diskFileStore(join(root, 'nothing-here')).removeStaleTemporaries(hourAgo())).toBe(0);
    });
  });
});
