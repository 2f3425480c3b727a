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
      const listed = execFileSync('tar', ['-tf', path.join(dir, 'a.tar')], { encoding: 'utf8' }).trim().split('\n');
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
  });
});
