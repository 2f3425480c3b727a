import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('FILE_STORE', () => {
  it('is the folder DATA_DIR/files when unset', () => {
    expect(loadConfig({ DATA_DIR: '/srv/convene' }).fileStore).toEqual({ kind: 'disk', root: '/srv/convene/files' });
  });

  it('reads s3://BUCKET/PREFIX, with the endpoint and region of the SDK variables', () => {
    const env = { FILE_STORE: 's3://convene-files/prod/uploads', AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9000', AWS_REGION: 'auto' };
    expect(loadConfig(env).fileStore).toEqual({
      kind: 's3',
      bucket: 'convene-files',
      prefix: 'prod/uploads/',
      endpoint: 'http://127.0.0.1:9000',
      region: 'auto',
    });
    expect(loadConfig({ FILE_STORE: 's3://convene-files', AWS_ENDPOINT_URL: 'https://r2.example' }).fileStore).toMatchObject({
      prefix: '',
      endpoint: 'https://r2.example',
      region: undefined,
    });
    expect(loadConfig({ FILE_STORE: 's3://convene-files/' }).fileStore).toMatchObject({ prefix: '', endpoint: undefined });
  });

  it('refuses anything else with a message saying what is expected', () => {
    for (const bad of [
      '/var/files',
      'https://bucket/x',
      's3://',
      's3://Upper',
      's3://a',
      's3://ok-bucket/../x',
      's3://ok-bucket/a b',
      's3://-bad-/x',
    ]) {
      expect(() => loadConfig({ FILE_STORE: bad }), bad).toThrow(/FILE_STORE: .*expected s3:\/\/BUCKET/);
    }
    expect(() => loadConfig({ FILE_STORE: 's3://ok-bucket', AWS_ENDPOINT_URL_S3: 'not a url' })).toThrow(/AWS_ENDPOINT_URL_S3/);
  });
});
