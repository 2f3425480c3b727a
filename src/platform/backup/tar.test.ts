import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readTar, TarFormatError, writeTar } from './tar.ts';

async function write(entries: { name: string; content: Buffer }[]): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const chunk of writeTar(entries.map((e) => ({ name: e.name, size: e.content.length, content: e.content })))) out.push(chunk);
  return Buffer.concat(out);
}

async function read(tar: Buffer, chunkSize = 1000): Promise<{ name: string; content: Buffer }[]> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < tar.length; i += chunkSize) chunks.push(tar.subarray(i, i + chunkSize));
  const entries: { name: string; content: Buffer }[] = [];
  for await (const entry of readTar(Readable.from(chunks))) {
    const parts: Buffer[] = [];
    for await (const c of entry.content) parts.push(c);
    entries.push({ name: entry.name, content: Buffer.concat(parts) });
  }
  return entries;
}

describe('the backup tar format', () => {
  const entries = [
    { name: 'manifest.json', content: Buffer.from('{"a":1}\n') },
    { name: 'empty', content: Buffer.alloc(0) },
    { name: `files/${'a'.repeat(64)}`, content: randomBytes(512 * 3) },
    { name: 'odd', content: randomBytes(70_001) },
  ];

  it('round-trips entries of any size, read in chunks of any size', async () => {
    const tar = await write(entries);
    expect(tar.length % 512).toBe(0);
    for (const size of [1, 511, 512, 4096, 1 << 20]) expect(await read(tar, size)).toEqual(entries);
  });

  it('is what the system tar reads', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-tar-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.tar'), await write(entries));
      const listed = execFileSync('tar', ['-tf', path.join(dir, 'a.tar')], { encoding: 'utf8' })
        .trim()
        .split('\n');
      expect(listed).toEqual(entries.map((e) => e.name));
      execFileSync('tar', ['-xf', path.join(dir, 'a.tar'), '-C', dir]);
      expect(fs.readFileSync(path.join(dir, 'odd')).equals(entries[3]!.content)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a truncated archive, a wrong header checksum and an entry shorter than announced', async () => {
    const tar = await write(entries);
    await expect(read(tar.subarray(0, tar.length - 1024 - 700))).rejects.toThrow(TarFormatError);
    await expect(read(tar.subarray(0, 1024 + 512))).rejects.toThrow(/ends in the middle|no end marker/);
    const bad = Buffer.from(tar);
    bad[0] = 'M'.charCodeAt(0) + 1;
    await expect(read(bad)).rejects.toThrow(/wrong checksum/);
    const short = (async () => {
      for await (const _ of writeTar([{ name: 'x', size: 10, content: Buffer.alloc(5) }]));
    })();
    await expect(short).rejects.toThrow(/shorter than announced/);
    const long = (async () => {
      for await (const _ of writeTar([{ name: 'x', size: 4, content: Buffer.alloc(5) }]));
    })();
    await expect(long).rejects.toThrow(/longer than announced/);
  });

  it('refuses an archive cut exactly at the end of an entry (no end marker)', async () => {
    const tar = await write(entries);
    // Everything but the two zero blocks: each entry whole, the parser alone would call it a clean end.
    await expect(read(tar.subarray(0, tar.length - 1024))).rejects.toThrow(/no end marker/);
    await expect(read(tar.subarray(0, tar.length - 512))).rejects.toThrow(/no end marker/);
    await expect(read(Buffer.alloc(0))).rejects.toThrow(/no end marker/);
    expect(await read(Buffer.concat([tar, Buffer.alloc(10240)]))).toEqual(entries); // zero padding after it, as GNU tar writes
  });

  it('refuses entries other than regular files', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-tar-'));
    try {
      fs.mkdirSync(path.join(dir, 'sub'));
      fs.writeFileSync(path.join(dir, 'sub', 'f'), 'x');
      fs.symlinkSync('sub/f', path.join(dir, 'link'));
      for (const what of ['sub', 'link']) {
        const tar = execFileSync('tar', ['--format=ustar', '-cf', '-', '-C', dir, what]);
        await expect(read(tar)).rejects.toThrow(/something other than files/);
      }
      // A regular file written by the system tar is read.
      const plain = execFileSync('tar', ['--format=ustar', '-cf', '-', '-C', dir, 'sub/f']);
      expect(await read(plain)).toEqual([{ name: 'sub/f', content: Buffer.from('x') }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('skips what the reader does not read, or reads only in part', async () => {
    const tar = await write(entries);
    const names: string[] = [];
    for await (const entry of readTar(Readable.from([tar.subarray(0, 3000), tar.subarray(3000)]))) {
      names.push(entry.name);
      if (entry.name === 'odd') for await (const _ of entry.content) break;
    }
    expect(names).toEqual(entries.map((e) => e.name));
  });

  it('passes the source’s and the content’s own errors on as they are', async () => {
    const tar = await write(entries);
    const gzipError = Object.assign(new Error('incorrect header check'), { code: 'Z_DATA_ERROR' });
    async function* failing() {
      yield tar.subarray(0, 2048);
      throw gzipError;
    }
    await expect(
      (async () => {
        for await (const entry of readTar(failing())) for await (const _ of entry.content);
      })(),
    ).rejects.toBe(gzipError);
    const damaged = new Error('the stored file does not match its hash');
    async function* content() {
      yield Buffer.alloc(100);
      throw damaged;
    }
    await expect(
      (async () => {
        for await (const _ of writeTar([{ name: 'x', size: 200, content: content() }]));
      })(),
    ).rejects.toBe(damaged);
  });

  it('streams both ways with back-pressure: neither side runs more than a little ahead', async () => {
    const size = 64 * 1024 * 1024;
    const piece = Buffer.alloc(64 * 1024, 7);
    let produced = 0;
    let consumed = 0;
    let ahead = 0;
    async function* content() {
      for (let i = 0; i < size / piece.length; i++) {
        produced += piece.length;
        yield piece;
      }
    }
    let tarBytes = 0;
    let fed = 0;
    async function* archive() {
      for await (const chunk of writeTar([{ name: 'big', size, content: content() }])) {
        tarBytes += chunk.length;
        ahead = Math.max(ahead, produced - tarBytes);
        // Handed to the reader in pieces of 64 KiB: it may hold only its buffer beyond what was read.
        for (let i = 0; i < chunk.length; i += piece.length) {
          const part = chunk.subarray(i, i + piece.length);
          fed += part.length;
          readAhead = Math.max(readAhead, fed - 512 - consumed);
          yield part;
        }
      }
    }
    let readAhead = 0;
    for await (const entry of readTar(archive())) {
      for await (const chunk of entry.content) {
        consumed += chunk.length;
        await new Promise((resolve) => setImmediate(resolve)); // a slow consumer: the source must wait for it
      }
    }
    expect(consumed).toBe(size);
    expect(ahead).toBeLessThan(1024 * 1024);
    expect(readAhead).toBeLessThan(1024 * 1024);
  }, 60_000);
});
