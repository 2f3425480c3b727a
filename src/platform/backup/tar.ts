import type { EventEmitter } from 'node:events';
import { type Header, extract as tarExtract, pack as tarPack } from 'tar-stream';

/**
 * The backup's tar layer over tar-stream (the format itself: ustar headers, checksums, padding, base-256
 * sizes past 8 GiB). What this adds for the backup: entries fed from async iterables and read as async
 * iterables, with back-pressure both ways (an archive of any size in bounded memory); an entry whose
 * content is not its announced size fails the archive; the reader takes regular files only, requires
 * the end marker, and reports every malformed archive as a TarFormatError.
 */

/** Resolves when a stream that refused a write can take more, or has closed (destroyed: nothing more to wait for). */
function drained(stream: EventEmitter): Promise<void> {
  return new Promise((resolve) => {
    const go = () => {
      stream.off('drain', go);
      stream.off('close', go);
      resolve();
    };
    stream.on('drain', go);
    stream.on('close', go);
  });
}

export interface TarEntry {
  name: string;
  size: number;
  /** The content, exactly `size` bytes. */
  content: AsyncIterable<Uint8Array> | Uint8Array;
}

/** The archive's bytes, entry after entry; an entry whose content is not `size` bytes long fails it. */
export async function* writeTar(entries: AsyncIterable<TarEntry> | Iterable<TarEntry>, mtime = Date.now()): AsyncGenerator<Buffer> {
  const pack = tarPack();
  let stopped = false;
  const produce = async () => {
    for await (const entry of entries) {
      if (stopped) return;
      if (Buffer.byteLength(entry.name) > 100) throw new Error(`tar entry name too long: ${entry.name}`);
      let finished!: (error?: Error | null) => void;
      const done = new Promise<void>((resolve, reject) => {
        finished = (error) => (error ? reject(error) : resolve());
      });
      done.catch(() => {}); // awaited below unless this entry fails first (then the producer's error is the one)
      const sink = pack.entry({ name: entry.name, size: entry.size, mode: 0o600, mtime: new Date(mtime), type: 'file' }, finished);
      sink.on('error', () => {}); // the same error reaches the pack, and us through `done`
      let written = 0;
      const chunks = entry.content instanceof Uint8Array ? [entry.content] : entry.content;
      for await (const chunk of chunks) {
        if (stopped) return;
        written += chunk.length;
        if (written > entry.size) throw new Error(`${entry.name} is longer than announced`);
        if (!sink.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length))) await drained(sink);
      }
      if (written !== entry.size) throw new Error(`${entry.name} is shorter than announced`);
      sink.end(null);
      await done;
    }
    pack.finalize();
  };
  const failed: { error?: unknown } = {};
  const producing = produce().catch((error: unknown) => {
    failed.error = error;
    pack.destroy(error as Error);
  });
  try {
    for await (const chunk of pack as AsyncIterable<Uint8Array>) yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    if ('error' in failed) throw failed.error;
  } catch (error) {
    // The producer's own error (a stored file that does not match its hash, say), not the stream's echo of it.
    throw 'error' in failed ? failed.error : error;
  } finally {
    stopped = true;
    if (!pack.destroyed) pack.destroy();
    await producing;
  }
}

export class TarFormatError extends Error {}

/** tar-stream's messages (of the pinned version; tar.test.ts checks them) in the words restore prints. */
function formatError(error: Error): TarFormatError {
  const message = error.message;
  if (/^Invalid tar header\. Maybe/.test(message)) return new TarFormatError('a tar header has a wrong checksum', { cause: error });
  if (/^Unexpected end of data/.test(message)) return new TarFormatError('the archive ends in the middle of an entry', { cause: error });
  if (/unknown format/.test(message)) return new TarFormatError('not a tar header', { cause: error });
  return new TarFormatError(`not a tar archive convene reads (${message})`, { cause: error });
}

interface TarReadEntry {
  name: string;
  size: number;
  /** Read it to its end, or not at all (the reader skips what is left when the next entry is asked for). */
  content: AsyncGenerator<Buffer>;
}

/** The entries of an archive, in order. Only regular files; a damaged or truncated archive is refused. */
export async function* readTar(source: AsyncIterable<Uint8Array>): AsyncGenerator<TarReadEntry> {
  const extract = tarExtract();
  const failed: { source?: unknown } = {};
  /** The source's own error (gzip's Z_… codes) as it is; the parser's as a TarFormatError. */
  const mapped = (error: unknown) =>
    'source' in failed ? failed.source : error instanceof TarFormatError ? error : formatError(error as Error);
  let fed = 0;
  let stopped = false;
  // Feeds the parser as it asks for more (write() false: wait for drain), so at most its buffer is held.
  const feeding = (async () => {
    try {
      for await (const chunk of source) {
        if (stopped || extract.destroying) return;
        fed += chunk.length;
        if (!extract.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length))) await drained(extract);
      }
      if (!extract.destroying) extract.end(null);
    } catch (error) {
      failed.source = error;
      extract.destroy(error as Error);
    }
  })();

  const iterator = (extract as AsyncIterable<AsyncIterable<Uint8Array> & { header: Header }>)[Symbol.asyncIterator]();
  let end = 0; // where the last entry's padded content ends
  try {
    for (;;) {
      let next: IteratorResult<AsyncIterable<Uint8Array> & { header: Header }>;
      try {
        next = await iterator.next();
      } catch (error) {
        throw mapped(error);
      }
      if (next.done) break;
      const stream = next.value;
      const { header } = stream;
      if (header.type !== 'file') throw new TarFormatError('the archive holds something other than files');
      const start = (header as Header & { byteOffset?: number }).byteOffset;
      if (typeof start !== 'number') throw new Error('tar-stream no longer says where an entry starts: the end-marker check needs it');
      end = start + Math.ceil(header.size / 512) * 512;
      // Read through our own handle on the stream: leaving early must not destroy it (that ends the archive).
      const chunks = stream[Symbol.asyncIterator]();
      let consumed = false;
      const read = async () => {
        try {
          return await chunks.next();
        } catch (error) {
          throw mapped(error);
        }
      };
      const content = (async function* () {
        for (;;) {
          const part = await read();
          if (part.done) break;
          yield Buffer.from(part.value.buffer, part.value.byteOffset, part.value.length);
        }
        consumed = true;
      })();
      yield { name: header.name, size: header.size, content };
      // Not read (or not to its end) by the consumer: skipped, so the parser moves on.
      if (!consumed) while (!(await read()).done);
    }
    await feeding;
    if ('source' in failed) throw failed.source;
    // tar-stream takes a clean end without the two zero blocks; an archive cut at an entry's end is not whole.
    if (fed < end + 1024) throw new TarFormatError('the archive has no end marker');
  } finally {
    stopped = true;
    if (!extract.destroyed) extract.destroy();
    await feeding;
  }
}
