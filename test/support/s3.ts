import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/** The credentials s3rver accepts (its defaults). */
export const s3rverCredentials = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };

export interface TestS3 {
  /** http://127.0.0.1:PORT */
  endpoint: string;
  bucket: string;
  /** Where s3rver keeps the bucket's objects (`<key>._S3rver_object`). */
  directory: string;
  /** The environment a convene process needs to use this bucket under `prefix`. */
  env(prefix?: string): Record<string, string>;
  /** The file s3rver keeps an object's bytes in (its mtime is the object's LastModified). */
  objectPath(key: string): string;
  close(): Promise<void>;
}

/** A real S3 server (s3rver) on a free loopback port, storing in a temporary folder, with one bucket. */
export async function startS3(bucket = 'convene-test'): Promise<TestS3> {
  const directory = await mkdtemp(join(tmpdir(), 'convene-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    directory,
    env: (prefix = '') => ({
      FILE_STORE: `s3://${bucket}/${prefix}`,
      AWS_ENDPOINT_URL_S3: endpoint,
      AWS_REGION: 'us-east-1',
      ...s3rverCredentials,
    }),
    objectPath: (key) => {
      const parts = key.split('/');
      const name = parts.pop()!;
      return join(directory, bucket, ...parts, `${name}._S3rver_object`);
    },
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
