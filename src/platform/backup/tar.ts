/**
 * The little of the tar format (POSIX ustar) a backup needs: regular files with short names, written and
 * read as streams, so an archive of any size passes through bounded memory. `tar tzf` lists what this
 * writes; the reader takes only what this writes (and refuses anything else).
 */

const BLOCK = 512;

export interface TarEntry {
  name: string;
  size: number;
  /** The content, exactly `size` bytes. */
  content: AsyncIterable<Uint8Array> | Uint8Array;
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function header(name: string, size: number, mtime: number): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length > 100) throw new Error(`tar entry name too long: ${name}`);
  const block = Buffer.alloc(BLOCK);
  nameBytes.copy(block, 0);
  block.write(octal(0o600, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii');
  block.write(octal(0, 8), 116, 'ascii');
  block.write(octal(size, 12), 124, 'ascii');
  block.write(octal(Math.floor(mtime / 1000), 12), 136, 'ascii');
  block.write('        ', 148, 'ascii');
  block.write('0', 156, 'ascii');
  block.write('ustar\0', 257, 'ascii');
  block.write('00', 263, 'ascii');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
}

/** The archive's bytes, entry after entry; an entry whose content is not `size` bytes long fails it. */
export async function* writeTar(entries: AsyncIterable<TarEntry> | Iterable<TarEntry>, mtime = Date.now()): AsyncGenerator<Buffer> {
  for await (const entry of entries) {
    yield header(entry.name, entry.size, mtime);
    let written = 0;
    const chunks = entry.content instanceof Uint8Array ? [entry.content] : entry.content;
    for await (const chunk of chunks) {
      written += chunk.length;
      if (written > entry.size) throw new Error(`${entry.name} is longer than announced`);
      yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    }
    if (written !== entry.size) throw new Error(`${entry.name} is shorter than announced`);
    const pad = (BLOCK - (entry.size % BLOCK)) % BLOCK;
    if (pad) yield Buffer.alloc(pad);
  }
  yield Buffer.alloc(BLOCK * 2);
}

export class TarFormatError extends Error {}

/** Reads exactly what is asked from a stream of chunks, keeping at most one chunk beyond it. */
class ByteReader {
  private buffered: Buffer[] = [];
  private length = 0;
  private done = false;
  private readonly source: AsyncIterator<Uint8Array>;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.source = source[Symbol.asyncIterator]();
  }

  private async fill(): Promise<boolean> {
    if (this.done) return false;
    const next = await this.source.next();
    if (next.done) {
      this.done = true;
      return false;
    }
    const chunk = Buffer.from(next.value);
    this.buffered.push(chunk);
    this.length += chunk.length;
    return true;
  }

  /** Exactly n bytes, or null at a clean end before any of them. */
  async exact(n: number): Promise<Buffer | null> {
    while (this.length < n) if (!(await this.fill())) break;
    if (this.length === 0) return null;
    if (this.length < n) throw new TarFormatError('the archive ends in the middle of an entry');
    return this.take(n);
  }

  private take(n: number): Buffer {
    const all = this.buffered.length === 1 ? this.buffered[0]! : Buffer.concat(this.buffered);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.buffered = rest.length ? [rest] : [];
    this.length = rest.length;
    return out;
  }

  /** Up to `remaining` bytes as they come (no more than 1 MiB at a time). */
  async *chunks(remaining: number): AsyncGenerator<Buffer> {
    while (remaining > 0) {
      if (this.length === 0 && !(await this.fill())) throw new TarFormatError('the archive ends in the middle of an entry');
      const n = Math.min(remaining, this.length, 1 << 20);
      remaining -= n;
      yield this.take(n);
    }
  }
}

function readOctal(block: Buffer, offset: number, width: number): number {
  const text = block.toString('ascii', offset, offset + width).replace(/[\0 ]+$/, '').trim();
  if (!/^[0-7]*$/.test(text)) throw new TarFormatError('not a tar header');
  return text === '' ? 0 : Number.parseInt(text, 8);
}

export interface TarReadEntry {
  name: string;
  size: number;
  /** Must be read to its end (or `skip`ped) before the next entry. */
  content: AsyncGenerator<Buffer>;
}

/** The entries of an archive, in order. Only regular files; a header with a wrong checksum is refused. */
export async function* readTar(source: AsyncIterable<Uint8Array>): AsyncGenerator<TarReadEntry> {
  const reader = new ByteReader(source);
  for (;;) {
    const block = await reader.exact(BLOCK);
    if (block === null) throw new TarFormatError('the archive has no end marker');
    if (block.every((b) => b === 0)) return;
    const stored = readOctal(block, 148, 8);
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i]!;
    if (sum !== stored) throw new TarFormatError('a tar header has a wrong checksum');
    const type = String.fromCharCode(block[156]!);
    if (type !== '0' && type !== '\0') throw new TarFormatError('the archive holds something other than files');
    const end = block.indexOf(0, 0);
    const name = block.toString('utf8', 0, end < 0 || end > 100 ? 100 : end);
    const size = readOctal(block, 124, 12);
    const content = reader.chunks(size);
    let consumed = false;
    const tracked = (async function* () {
      yield* content;
      consumed = true;
    })();
    yield { name, size, content: tracked };
    // Not read by the consumer: skipped (the inner reader, in case the consumer never started it).
    if (!consumed) for await (const _ of content);
    const pad = (BLOCK - (size % BLOCK)) % BLOCK;
    if (pad && (await reader.exact(pad)) === null) throw new TarFormatError('the archive ends in the middle of an entry');
  }
}
