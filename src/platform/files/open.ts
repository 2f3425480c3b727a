import { S3Client } from '@aws-sdk/client-s3';
import type { FileStoreConfig } from '../../config.ts';
import { s3FileStore } from './s3-store.ts';
import { diskFileStore, type FileStore } from './store.ts';

/**
 * The configured file store: the folder DATA_DIR/files, or the bucket of FILE_STORE=s3://BUCKET/PREFIX.
 * Credentials come the SDK's usual way (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile, an
 * instance role); with an endpoint (MinIO, R2…) keys are addressed path-style and the region defaults to
 * us-east-1, which such servers accept.
 */
export function openFileStore(config: FileStoreConfig): FileStore {
  if (config.kind === 'disk') return diskFileStore(config.root);
  const client = new S3Client({
    ...(config.endpoint ? { endpoint: config.endpoint, forcePathStyle: true } : {}),
    ...(config.region || config.endpoint ? { region: config.region ?? 'us-east-1' } : {}),
    // Checksums only where S3 requires them: several S3-compatible servers refuse the newer trailers.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return s3FileStore({ client, bucket: config.bucket, prefix: config.prefix });
}
