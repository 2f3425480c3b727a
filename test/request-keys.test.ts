import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/modules/accounts/api-tokens.ts';
import { registrations } from '../src/modules/registrations/schema.ts';
import { openPglite } from '../src/platform/db/index.ts';
import { migrate, readMigrations } from '../src/platform/db/migrate.ts';
import { requestKeys } from '../src/platform/idempotency/schema.ts';
import { defineJobs, runJobsOnce } from '../src/worker.ts';
import { Agent } from './support/agent.ts';
import { buildMeeting, buildPerson } from './support/factories.ts';
import { databaseKinds, type Harness, startHarness } from './support/harness.ts';

/** The keys of repeatable writes live in one table (platform/idempotency), per scope, and do not pile up. */
describe.each(databaseKinds)('request keys (%s)', (kind) => {
  let h: Harness;
  let meetingId: number;
  beforeAll(async () => {
    h = await startHarness(kind, '2023-04-06T08:00:00Z');
    defineJobs();
    meetingId = (await buildMeeting(h.ctx, { group: { subgroups: ['WG5'] } })).id;
  });
  afterAll(() => h.close());

  const register = (auth: Record<string, string>, key: string) =>
    h.app.inject({
      method: 'POST',
      url: `/api/meetings/${meetingId}/registrations`,
      headers: { ...auth, 'idempotency-key': key },
      payload: { mode: 'remote', sessions: ['WG5'], consent: true },
    });

  it('keeps one key per scope, account and key; a week later the hourly purge forgets it', async () => {
    const user = await buildPerson(h.ctx, { category: 'member-state' });
    const auth = { authorization: `Bearer ${await createApiToken(h.ctx, user)}` };
    const first = await register(auth, 'same-key');
    expect(first.statusCode).toBe(201);
    expect((await register(auth, 'same-key')).statusCode).toBe(200);
    const keys = await h.ctx.db.select().from(requestKeys).where(eq(requestKeys.accountId, user.id));
    expect(keys).toEqual([
      expect.objectContaining({ scope: 'registration', key: 'same-key', result: { registrationId: first.json().id } }),
    ]);

    h.clock.set('2023-04-12T08:30:00Z'); // six days on: still remembered
    await runJobsOnce(h.ctx);
    expect(await h.ctx.db.select().from(requestKeys).where(eq(requestKeys.accountId, user.id))).toHaveLength(1);
    h.clock.set('2023-04-13T09:30:00Z'); // over a week: forgotten
    await runJobsOnce(h.ctx);
    expect(await h.ctx.db.select().from(requestKeys).where(eq(requestKeys.accountId, user.id))).toHaveLength(0);
    h.clock.set('2023-04-06T08:00:00Z');
  });

  it('forgets the keys of a deleted account with it', async () => {
    const user = await buildPerson(h.ctx, { category: 'member-state' });
    const auth = { authorization: `Bearer ${await createApiToken(h.ctx, user)}` };
    expect((await register(auth, 'k')).statusCode).toBe(201);
    expect(await h.ctx.db.select().from(requestKeys).where(eq(requestKeys.accountId, user.id))).toHaveLength(1);
    const agent = new Agent(h);
    await agent.login(user.email, user.password);
    expect((await agent.post('/account/delete', { password: user.password })).statusCode).toBeLessThan(400);
    expect(await h.ctx.db.select().from(registrations).where(eq(registrations.accountId, user.id))).toHaveLength(0);
    expect(await h.ctx.db.select().from(requestKeys).where(eq(requestKeys.accountId, user.id))).toHaveLength(0);
  });
});

describe('migration 0007 (request keys)', () => {
  it('moves the registrations’ keys into the shared table', async () => {
    const db = await openPglite();
    try {
      const all = readMigrations();
      await migrate(
        db,
        all.filter((m) => m.name < '0007'),
      );
      await db.exec(`
        INSERT INTO accounts (id, email, password_hash, given_name, family_name) VALUES (1, 'p@example.org', 'x', 'P', 'Q');
        INSERT INTO idempotency_keys (account_id, key, request_hash, status, body) VALUES (1, 'k-1', 'h1', 201, '{"registrationId": 7}');
        INSERT INTO idempotency_keys (account_id, key, request_hash) VALUES (1, 'k-2', 'h2');
      `);
      await migrate(db, all);
      expect(await db.exec(`SELECT scope, account_id, key, request_hash, result FROM request_keys ORDER BY key`)).toEqual([
        { scope: 'registration', account_id: 1, key: 'k-1', request_hash: 'h1', result: { registrationId: 7 } },
      ]);
      expect(await db.exec(`SELECT to_regclass('idempotency_keys') AS t`)).toEqual([{ t: null }]);
    } finally {
      await db.close();
    }
  });
});
