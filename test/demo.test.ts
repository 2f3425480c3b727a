import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoChair, demoResearcher } from '../demo/fg-mv.ts';
import { seedDemo } from '../demo/seed.ts';
import { findActorByEmail } from '../src/modules/accounts/queries.ts';
import { getGroup } from '../src/modules/groups/service.ts';
import { listLiaisons } from '../src/modules/liaisons/service.ts';
import { listGroupMeetings, splitByTime } from '../src/modules/meetings/service.ts';
import { waitingForApproval } from '../src/modules/registrations/approvals.ts';
import { migrate, readMigrations } from '../src/platform/db/migrate.ts';
import { databaseKinds, type Harness, openTestDatabase, startHarness } from './support/harness.ts';

describe.each(databaseKinds)('FG-MV demo data (%s)', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, '2026-11-27T09:00:00Z');
  });
  afterAll(() => h.close());

  it('seeds the group exactly as the circular describes it, and again without duplicates', async () => {
    await seedDemo(h.ctx);
    await seedDemo(h.ctx);
    const g = await getGroup(h.ctx, 'FG-MV');
    expect(g.subgroups.map((s) => `${s.kind}${s.number ?? ''}`)).toEqual(['TG', 'WG1', 'WG2', 'WG3', 'WG4', 'WG5', 'WG6', 'WG7', 'WG8']);
    expect(g.officers.filter((o) => o.role === 'chair').map((o) => o.name)).toEqual(['Shin-Gak Kang']);
    expect(g.officers.filter((o) => o.role === 'vice-chair')).toHaveLength(11);
    expect(g.officers.at(-1)).toMatchObject({ name: 'Wang Yuntao', country: 'CN' });

    const all = await listGroupMeetings(h.ctx, 'fg-mv');
    const { upcoming, past } = splitByTime(all, h.clock.now());
    expect(past).toHaveLength(1);
    expect(past[0]!.deadlines).toEqual({ visaSupport: '2023-04-14', registration: '2023-04-21', contributions: '2023-05-02' });
    expect(past[0]!.sessions.map((s) => [s.subgroup, s.startDate, s.endDate])).toEqual([
      ['WG5', '2023-05-09', '2023-05-10'],
      ['WG6', '2023-05-09', '2023-05-09'],
    ]);
    // Two upcoming demo meetings, 60 and 90 days ahead, with every deadline still open; the second's
    // registrations are approved by focal points, and ETRI's researcher waits for the chair, ETRI's focal point.
    expect(upcoming).toHaveLength(2);
    expect(upcoming[1]!.meeting.registrationApproval).toBe('focal-point');
    const chair = (await findActorByEmail(h.ctx, demoChair.email))!;
    const { list } = await waitingForApproval(h.ctx, chair, { meetingId: upcoming[1]!.meeting.id });
    expect(list.map((r) => r.person.email)).toEqual([demoResearcher.email]);
    expect(upcoming[0]!.firstDay).toBe('2027-01-26');
    expect(upcoming[0]!.deadlines.visaSupport > '2026-11-27').toBe(true);

    // The liaison statement from SG16 and FG-MV's reply, once each.
    const { rows } = await listLiaisons(h.ctx, null, 'fg-mv');
    expect(rows.map((r) => [r.direction, r.fromBody, r.status])).toEqual([
      ['outgoing', 'ITU-T FG-MV', 'no-reply-needed'],
      ['incoming', 'ITU-T SG16', 'replied'],
    ]);
  });
});

describe.each(databaseKinds)('migrations (%s)', (kind) => {
  it('are recorded once and safe to run concurrently', async () => {
    const database = await openTestDatabase(kind);
    try {
      const results = await Promise.all([migrate(database), migrate(database), migrate(database)]);
      expect(results.flat()).toEqual([]); // the template is already migrated
      await database.exec('DELETE FROM schema_migrations');
      await database.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
      const fresh = await Promise.all([migrate(database), migrate(database)]);
      const all = readMigrations().map((m) => m.name);
      expect(fresh.flat()).toEqual(all); // each applied by exactly one of the two
      const rows = await database.db.execute(sql`SELECT count(*)::int AS n FROM schema_migrations`);
      const n = (Array.isArray(rows) ? rows : (rows as { rows: { n: number }[] }).rows)[0] as { n: number };
      expect(n.n).toBe(all.length);
    } finally {
      await database.dispose();
    }
  });
});
