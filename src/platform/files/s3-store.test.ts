import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  type S3Client,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { s3FileStore } from './s3-store.ts';

/** s3rver has no ListMultipartUploads: this part of the S3 store is checked against a recording client. */
describe('s3FileStore.removeStaleTemporaries', () => {
  const hourAgo = new Date(Date.now() - 3_600_000);
  const old = new Date(Date.now() - 7_200_000);
  const fresh = new Date();

  function recordingClient(uploadsAnswer: (input: Record<string, unknown>) => unknown) {
    const sent: { name: string; input: Record<string, unknown> }[] = [];
    const client = {
      async send(command: { constructor: { name: string }; input: Record<string, unknown> }) {
        sent.push({ name: command.constructor.name, input: command.input });
        if (command instanceof ListObjectsV2Command) {
          return {
            Contents: [
              { Key: 'p/tmp/stale', LastModified: old, Size: 1 },
              { Key: 'p/tmp/in-flight', LastModified: fresh, Size: 1 },
            ],
            IsTruncated: false,
          };
        }
        if (command instanceof ListMultipartUploadsCommand) return uploadsAnswer(command.input);
        return {};
      },
    };
    return { client: client as unknown as S3Client, sent };
  }

  it('removes old temporaries and aborts multipart uploads begun before the time, page after page', async () => {
    const { client, sent } = recordingClient((input) =>
      input.KeyMarker === undefined
        ? {
            Uploads: [
              { Key: 'p/tmp/a', UploadId: 'u1', Initiated: old },
              { Key: 'p/tmp/b', UploadId: 'u2', Initiated: fresh },
            ],
            IsTruncated: true,
            NextKeyMarker: 'p/tmp/b',
            NextUploadIdMarker: 'u2',
          }
        : { Uploads: [{ Key: 'p/tmp/c', UploadId: 'u3', Initiated: old }], IsTruncated: false },
    );
    const removed = await s3FileStore({ client, bucket: 'bkt', prefix: 'p/' }).removeStaleTemporaries(hourAgo);
    expect(removed).toBe(3);
    const deletes = sent.filter((s) => s.name === DeleteObjectCommand.name).map((s) => s.input.Key);
    expect(deletes).toEqual(['p/tmp/stale']);
    const aborts = sent.filter((s) => s.name === AbortMultipartUploadCommand.name).map((s) => [s.input.Key, s.input.UploadId]);
    expect(aborts).toEqual([
      ['p/tmp/a', 'u1'],
      ['p/tmp/c', 'u3'],
    ]);
    const listings = sent.filter((s) => s.name === ListMultipartUploadsCommand.name).map((s) => s.input);
    expect(listings).toEqual([
      { Bucket: 'bkt', Prefix: 'p/tmp/', KeyMarker: undefined, UploadIdMarker: undefined },
      { Bucket: 'bkt', Prefix: 'p/tmp/', KeyMarker: 'p/tmp/b', UploadIdMarker: 'u2' },
    ]);
  });

  it('skips the uploads on a server without the listing, and fails on any other error', async () => {
    const notImplemented = Object.assign(new Error('not implemented'), { name: 'NotImplemented', $metadata: { httpStatusCode: 501 } });
    const { client } = recordingClient(() => {
      throw notImplemented;
    });
    expect(await s3FileStore({ client, bucket: 'bkt', prefix: 'p/' }).removeStaleTemporaries(hourAgo)).toBe(1);
    const denied = Object.assign(new Error('access denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    const { client: refusing } = recordingClient(() => {
      throw denied;
    });
    await expect(s3FileStore({ client: refusing, bucket: 'bkt', prefix: 'p/' }).removeStaleTemporaries(hourAgo)).rejects.toThrow(
      'access denied',
    );
  });
});
