import type { FileStoreConfig } from '../../config.ts';
import { diskFileStore, type FileStore } from './store.ts';

/**
 * The configured file store: the folder DATA_DIR/files, or the bucket of FILE_STORE=s3://BUCKET/PREFIX.
 * Credentials come the SDK's usual way (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile, an
 * instance role); with an endpoint (MinIO, R2…) keys are addressed path-style and the region defaults to
 * us-east-1, which such servers accept. The AWS SDK (~0.4 s to load) is loaded on the first use of an S3
 * store only, so processes on the disk store never load it.
 */
export function openFileStore(config: FileStoreConfig): FileStore {
  if (config.kind === 'disk') return diskFileStore(config.root);
  let loaded: Promise<FileStore> | undefined;
  const store = () => {
    loaded ??= Promise.all([import('@aws-sdk/client-s3'), import('./s3-store.ts')]).then(([{ S3Client }, { s3FileStore }]) => {
      const client = new S3Client({
        ...(config.endpoint ? { endpoint: config.endpoint, forcePathStyle: true } : {}),
        ...(config.region || config.endpoint ? { region: config.region ?? 'us-east-1' } : {}),
        // Checksums only where S3 requires them: several S3-compatible servers refuse the newer trailers.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      });
      return s3FileStore({ client, bucket: config.bucket, prefix: config.prefix });
    });
    return loaded;
  };
  return {
    put: async (source, options) => (await store()).put(source, options),
    putBuffer: async (data) => (await store()).putBuffer(data),
    open: async (hash) => (await store()).open(hash),
    read: async (hash, start, length) => (await store()).read(hash, start, length),
    size: async (hash) => (await store()).size(hash),
    has: async (hash) => (await store()).has(hash),
    remove: async (hash, options) => (await store()).remove(hash, options),
    async *list(options) {
      yield* (await store()).list(options);
    },
    removeStaleTemporaries: async (before) => (await store()).removeStaleTemporaries(before),
  };
}
