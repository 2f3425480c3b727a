import { createHash, randomBytes } from 'node:crypto';
import { type FileHandle, mkdir, opendir, open as openFile, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform, type TransformCallback, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface StoredFile {
  hash: string;
  size: number;
  /** The first bytes of the file (up to 8 KiB), for sniffing without another read. */
  head: Buffer;
}

export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`file is larger than ${maxBytes} bytes`);
    this.name = 'FileTooLargeError';
  }
}

export class FileNotFoundError extends Error {
  constructor(readonly hash: string) {
    super(`no stored file ${hash}`);
    this.name = 'FileNotFoundError';
  }
}

export class InvalidFileHashError extends Error {
  constructor() {
    super('invalid file hash');
    this.name = 'InvalidFileHashError';
  }
}

/** A stored file as a listing sees it. */
export interface StoredEntry {
  hash: string;
  size: number;
  /** When the content was last put (written, or put again: see `put`). */
  storedAt: Date;
}

/**
 * Where files live: content-addressed, so every operation here has a plain object-storage equivalent
 * (put through a temporary key, list keys with their last-modified time, conditional delete).
 */
export interface FileStore {
  /**
   * Streams `source` into the store, hashing (sha-256, hex) on the way; memory stays flat. Over
   * `maxBytes` → FileTooLargeError and nothing is kept. Same content twice → same hash, stored once.
   * Putting content that is already stored makes it new again (`storedAt` is now): the orphan sweep,
   * which only removes files stored over an hour ago, thereby spares old bytes an in-flight request just
   * put and is about to reference.
   */
  put(source: AsyncIterable<Uint8Array> | NodeJS.ReadableStream, options?: { maxBytes?: number }): Promise<StoredFile>;
  /** Stores a buffer (small generated files). */
  putBuffer(data: Uint8Array): Promise<StoredFile>;
  /** A read stream of the whole file; FileNotFoundError if absent. */
  open(hash: string): Promise<NodeJS.ReadableStream>;
  /** Reads up to `length` bytes from `start` (fewer at the end of the file). */
  read(hash: string, start: number, length: number): Promise<Buffer>;
  size(hash: string): Promise<number>;
  has(hash: string): Promise<boolean>;
  /**
   * Removes the file (absent is fine); with `storedBefore`, only if it was not put again since then.
   * True when a file was removed.
   */
  remove(hash: string, options?: { storedBefore?: Date }): Promise<boolean>;
  /** Every stored file put before `storedBefore`, in no particular order. */
  list(options: { storedBefore: Date }): AsyncIterable<StoredEntry>;
  /** Removes what puts that never finished (a crash mid-upload) left behind since before `before`; how many. */
  removeStaleTemporaries(before: Date): Promise<number>;
}

const headLength = 8 * 1024;
export const hashPattern = /^[0-9a-f]{64}$/;

export function checkHash(hash: string): void {
  if (typeof hash !== 'string' || !hashPattern.test(hash)) throw new InvalidFileHashError();
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

/** Hashes, counts and keeps the head of what passes through; fails once more than `maxBytes` went by. */
export class Meter extends Transform {
  readonly hasher = createHash('sha256');
  size = 0;
  private readonly headChunks: Buffer[] = [];
  private headSize = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      callback(null, this.count(chunk));
    } catch (error) {
      callback(error as Error);
    }
  }

  /** Counts, hashes and keeps the head of one chunk (as a Buffer); throws FileTooLargeError past `maxBytes`. */
  count(data: Uint8Array): Buffer {
    const chunk = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    this.size += chunk.length;
    if (this.size > this.maxBytes) throw new FileTooLargeError(this.maxBytes);
    this.hasher.update(chunk);
    if (this.headSize < headLength) {
      const part = chunk.subarray(0, headLength - this.headSize);
      // Copied so the head doesn't pin a large chunk the source may reuse.
      this.headChunks.push(Buffer.from(part));
      this.headSize += part.length;
    }
    return chunk;
  }

  head(): Buffer {
    return Buffer.concat(this.headChunks);
  }
}

async function writeFully(handle: FileHandle, chunk: Buffer): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}

/**
 * Writes into an open file and fsyncs before finishing, so the rename that follows publishes bytes
 * that are on disk. (fs write streams over a FileHandle can't fsync before they close it.)
 */
function syncedFileSink(handle: FileHandle): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      writeFully(handle, chunk).then(() => callback(), callback);
    },
    final(callback) {
      handle.sync().then(() => callback(), callback);
    },
  });
}

export function diskFileStore(root: string): FileStore {
  const tempDir = join(root, 'tmp');

  function pathOf(hash: string): string {
    checkHash(hash);
    return join(root, hash.slice(0, 2), hash.slice(2, 4), hash);
  }

  async function exists(path: string): Promise<boolean> {
    try {
      await stat(path);
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async function put(source: AsyncIterable<Uint8Array> | NodeJS.ReadableStream, options: { maxBytes?: number } = {}): Promise<StoredFile> {
    await mkdir(tempDir, { recursive: true });
    const tempPath = join(tempDir, randomBytes(16).toString('hex'));
    const meter = new Meter(options.maxBytes ?? Number.POSITIVE_INFINITY);
    try {
      const handle = await openFile(tempPath, 'wx');
      try {
        await pipeline(source, meter, syncedFileSink(handle));
      } finally {
        await handle.close();
      }
      const hash = meter.hasher.digest('hex');
      await mkdir(join(root, hash.slice(0, 2), hash.slice(2, 4)), { recursive: true });
      // Always renamed into place, even over the same content: the file is then as new as this put (see
      // the interface), and a sweep that removed it a moment ago cannot leave this put without its bytes.
      // Content-addressed, so replacing a file by itself is harmless to readers (they hold the old inode).
      await rename(tempPath, pathOf(hash));
      return { hash, size: meter.size, head: meter.head() };
    } catch (error) {
      await unlink(tempPath).catch(() => {});
      throw error;
    }
  }

  async function read(hash: string, start: number, length: number): Promise<Buffer> {
    const path = pathOf(hash);
    if (!Number.isSafeInteger(start) || start < 0 || !Number.isSafeInteger(length) || length < 0) {
      throw new RangeError('start and length must be non-negative integers');
    }
    const handle = await openExisting(hash, path);
    try {
      const buffer = Buffer.alloc(length);
      let filled = 0;
      while (filled < length) {
        const { bytesRead } = await handle.read(buffer, filled, length - filled, start + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return filled === length ? buffer : buffer.subarray(0, filled);
    } finally {
      await handle.close();
    }
  }

  async function openExisting(hash: string, path: string) {
    try {
      return await openFile(path, 'r');
    } catch (error) {
      if (isMissing(error)) throw new FileNotFoundError(hash);
      throw error;
    }
  }

  return {
    put,
    putBuffer: (data) => put(Readable.from([Buffer.from(data.buffer, data.byteOffset, data.byteLength)])),
    async open(hash) {
      const handle = await openExisting(hash, pathOf(hash));
      return handle.createReadStream();
    },
    read,
    async size(hash) {
      const path = pathOf(hash);
      try {
        return (await stat(path)).size;
      } catch (error) {
        if (isMissing(error)) throw new FileNotFoundError(hash);
        throw error;
      }
    },
    async has(hash) {
      return exists(pathOf(hash));
    },
    async remove(hash, options = {}) {
      const path = pathOf(hash);
      try {
        if (options.storedBefore && (await stat(path)).mtime >= options.storedBefore) return false;
        await unlink(path);
        return true;
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    },
    async *list({ storedBefore }) {
      for (const first of await subfolders(root)) {
        for (const second of await subfolders(join(root, first))) {
          const folder = join(root, first, second);
          for await (const entry of await opendir(folder)) {
            if (!entry.isFile() || !hashPattern.test(entry.name) || !entry.name.startsWith(first + second)) continue;
            try {
              const info = await stat(join(folder, entry.name));
              if (info.mtime < storedBefore) yield { hash: entry.name, size: info.size, storedAt: info.mtime };
            } catch (error) {
              if (!isMissing(error)) throw error;
            }
          }
        }
      }
    },
    async removeStaleTemporaries(before) {
      let removed = 0;
      let names: string[];
      try {
        names = await readdir(tempDir);
      } catch (error) {
        if (isMissing(error)) return 0;
        throw error;
      }
      for (const name of names) {
        const path = join(tempDir, name);
        try {
          if ((await stat(path)).mtime >= before) continue;
          await unlink(path);
          removed += 1;
        } catch (error) {
          if (!isMissing(error)) throw error;
        }
      }
      return removed;
    },
  };
}

const shardPattern = /^[0-9a-f]{2}$/;

/** The two-hex-digit folders of the store's layout (`ab/cd/abcd…`); the temporary folder is not one. */
async function subfolders(path: string): Promise<string[]> {
  try {
    const entries = await readdir(path, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory() && shardPattern.test(e.name)).map((e) => e.name);
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}
