import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { checkHash, FileNotFoundError, type FileStore, hashPattern, Meter, type StoredEntry, type StoredFile } from './store.ts';

/** S3's smallest multipart part; also what a put holds in memory before it knows whether one request will do. */
const PART_SIZE = 5 * 1024 * 1024;
/** Parts in flight at once: memory per upload stays near (QUEUE_SIZE + 1) × PART_SIZE. */
const QUEUE_SIZE = 2;

interface S3FileStoreOptions {
  client: S3Client;
  bucket: string;
  /** Key prefix ('' or ending in '/'): files at `<prefix>ab/cd/<hash>`, temporaries at `<prefix>tmp/`. */
  prefix: string;
}

const statusOf = (error: unknown) => (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
const isMissing = (error: unknown) =>
  statusOf(error) === 404 || (error as Error | undefined)?.name === 'NoSuchKey' || (error as Error | undefined)?.name === 'NotFound';
const isNotImplemented = (error: unknown) => statusOf(error) === 501 || (error as Error | undefined)?.name === 'NotImplemented';

/**
 * The file store on S3-compatible object storage (AWS S3, MinIO, R2…), with the disk store's key layout.
 *
 * A put of up to PART_SIZE bytes is hashed in memory and sent with one PutObject to its content key. A larger
 * one streams as a multipart upload to a temporary key while it is hashed, is then copied (server-side) to its
 * content key and the temporary removed. Either way the content key is written again even when the content
 * was there already, so its LastModified — the store's `storedAt` — is the time of the latest put.
 */
export function s3FileStore({ client, bucket, prefix }: S3FileStoreOptions): FileStore {
  const tempPrefix = `${prefix}tmp/`;
  const keyOf = (hash: string) => {
    checkHash(hash);
    return `${prefix}${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}`;
  };
  const copySource = (key: string) => `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;

  async function head(hash: string): Promise<{ size: number; lastModified: Date } | null> {
    try {
      const info = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: keyOf(hash) }));
      return { size: info.ContentLength ?? 0, lastModified: info.LastModified ?? new Date(0) };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async function put(source: AsyncIterable<Uint8Array> | NodeJS.ReadableStream, options: { maxBytes?: number } = {}): Promise<StoredFile> {
    const meter = new Meter(options.maxBytes ?? Number.POSITIVE_INFINITY);
    const iterator = (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
    // The first part in memory: a small file goes up in one request, straight to its key.
    const first: Buffer[] = [];
    let firstSize = 0;
    let ended = false;
    try {
      while (firstSize < PART_SIZE) {
        const next = await iterator.next();
        if (next.done) {
          ended = true;
          break;
        }
        const chunk = meter.count(next.value);
        first.push(chunk);
        firstSize += chunk.length;
      }
    } catch (error) {
      await iterator.return?.();
      throw error;
    }
    if (ended) {
      const hash = meter.hasher.digest('hex');
      const body = Buffer.concat(first, firstSize);
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: keyOf(hash), Body: body, ContentLength: body.length }));
      return { hash, size: meter.size, head: meter.head() };
    }

    const tempKey = `${tempPrefix}${randomBytes(16).toString('hex')}`;
    let sourceError: unknown;
    async function* rest(): AsyncGenerator<Buffer> {
      yield* first.splice(0);
      try {
        for (;;) {
          const next = await iterator.next();
          if (next.done) return;
          yield meter.count(next.value);
        }
      } catch (error) {
        sourceError = error;
        await iterator.return?.();
        throw error;
      }
    }
    const body = Readable.from(rest(), { objectMode: false });
    const upload = new Upload({
      client,
      params: { Bucket: bucket, Key: tempKey, Body: body },
      partSize: PART_SIZE,
      queueSize: QUEUE_SIZE,
    });
    try {
      await upload.done();
    } catch (error) {
      // The upload aborts its multipart upload itself; a server that can't abort leaves it to
      // removeStaleTemporaries. The caller hears why the put failed: too large, the client went away…
      body.destroy();
      throw sourceError ?? error;
    }
    try {
      const hash = meter.hasher.digest('hex');
      await client.send(new CopyObjectCommand({ Bucket: bucket, Key: keyOf(hash), CopySource: copySource(tempKey) }));
      return { hash, size: meter.size, head: meter.head() };
    } finally {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: tempKey })).catch(() => {});
    }
  }

  async function read(hash: string, start: number, length: number): Promise<Buffer> {
    const key = keyOf(hash);
    if (!Number.isSafeInteger(start) || start < 0 || !Number.isSafeInteger(length) || length < 0) {
      throw new RangeError('start and length must be non-negative integers');
    }
    if (length === 0) {
      if (!(await head(hash))) throw new FileNotFoundError(hash);
      return Buffer.alloc(0);
    }
    try {
      const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=${start}-${start + length - 1}` }));
      const bytes = Buffer.from(await answer.Body!.transformToByteArray());
      // A server that ignores Range answers the whole object.
      return answer.ContentRange ? bytes.subarray(0, length) : bytes.subarray(start, start + length);
    } catch (error) {
      if (isMissing(error)) throw new FileNotFoundError(hash);
      // Starting at or past the end: nothing to read, as on disk.
      if (statusOf(error) === 416 || (error as Error).name === 'InvalidRange') return Buffer.alloc(0);
      throw error;
    }
  }

  async function* listUnder(listPrefix: string): AsyncGenerator<{ key: string; size: number; lastModified: Date }> {
    let token: string | undefined;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: listPrefix, ContinuationToken: token }));
      for (const object of page.Contents ?? []) {
        if (object.Key) yield { key: object.Key, size: object.Size ?? 0, lastModified: object.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  return {
    put,
    putBuffer: (data) =>
      put(
        (async function* () {
          yield data;
        })(),
      ),
    async open(hash) {
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: keyOf(hash) }));
        return answer.Body as Readable;
      } catch (error) {
        if (isMissing(error)) throw new FileNotFoundError(hash);
        throw error;
      }
    },
    read,
    async size(hash) {
      const info = await head(hash);
      if (!info) throw new FileNotFoundError(hash);
      return info.size;
    },
    async has(hash) {
      return (await head(hash)) !== null;
    },
    async remove(hash, options = {}) {
      const key = keyOf(hash);
      const info = await head(hash);
      if (!info) return false;
      if (options.storedBefore && info.lastModified >= options.storedBefore) return false;
      // S3 has no delete conditional on the age of an object, and a conditional delete on its ETag (If-Match)
      // would not help: every put of the same content-addressed bytes gives the same ETag. So a put of these
      // very bytes that lands between the HEAD above and this DELETE (milliseconds) loses its object. The one
      // caller with `storedBefore` is the orphan sweep, under the file's lock: the request that put the bytes
      // then finds them gone when it takes that lock (holdStoredFile checks `has`; S3 reads are strongly
      // consistent) and answers 503 upload-retry, so a resend works and no row ever names a missing file.
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      return true;
    },
    async *list({ storedBefore }): AsyncGenerator<StoredEntry> {
      for await (const object of listUnder(prefix)) {
        const rest = object.key.slice(prefix.length);
        const hash = rest.slice(6);
        if (!hashPattern.test(hash) || rest !== `${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}`) continue;
        if (object.lastModified < storedBefore) yield { hash, size: object.size, storedAt: object.lastModified };
      }
    },
    async removeStaleTemporaries(before) {
      let removed = 0;
      for await (const object of listUnder(tempPrefix)) {
        if (object.lastModified >= before) continue;
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: object.key }));
        removed += 1;
      }
      // Multipart uploads a crash left open: their parts are billed until aborted. (A bucket lifecycle rule
      // AbortIncompleteMultipartUpload does the same on AWS; servers without the listing are skipped.)
      let keyMarker: string | undefined;
      let uploadIdMarker: string | undefined;
      try {
        do {
          const page = await client.send(
            new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: tempPrefix, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker }),
          );
          for (const upload of page.Uploads ?? []) {
            if (!upload.Key || !upload.UploadId || !upload.Initiated || upload.Initiated >= before) continue;
            await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: upload.Key, UploadId: upload.UploadId }));
            removed += 1;
          }
          const more = page.IsTruncated;
          keyMarker = more ? page.NextKeyMarker : undefined;
          uploadIdMarker = more ? page.NextUploadIdMarker : undefined;
        } while (keyMarker);
      } catch (error) {
        if (!isNotImplemented(error)) throw error;
      }
      return removed;
    },
  };
}
