import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { DomainError, TryAgainError } from '../errors.ts';
import { translator } from '../i18n/index.ts';
import { sendError } from './errors.ts';

/** A bare app whose routes throw what the test says, answered by the shared error path. */
async function appThrowing(error: Error) {
  const app = Fastify({ logger: false });
  app.decorateRequest('t', null as never);
  app.addHook('onRequest', async (req) => {
    req.t = translator('en');
  });
  app.setErrorHandler((e, req, reply) => sendError(e as Error, req, reply, 'https://convene.test'));
  app.get('/api/x', async () => {
    throw error;
  });
  await app.ready();
  return app;
}

describe('sendError', () => {
  it('asks for a retry after the seconds a passing condition names', async () => {
    const app = await appThrowing(new TryAgainError('upload-retry', 'error.uploadRetry', 1));
    const res = await app.inject({ url: '/api/x' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.json()).toMatchObject({ code: 'upload-retry', status: 503 });
    await app.close();
  });

  it('sends no Retry-After for a 503 that waiting does not mend', async () => {
    const app = await appThrowing(new DomainError('letter-unavailable', 503, 'error.internal'));
    const res = await app.inject({ url: '/api/x' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBeUndefined();
    await app.close();
  });

  it('takes a socket error from elsewhere for a fault of the server, not a database outage', async () => {
    const app = await appThrowing(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
    const res = await app.inject({ url: '/api/x' });
    expect(res.statusCode).toBe(500);
    expect(res.json().code).toBe('internal');
    await app.close();
  });
});
