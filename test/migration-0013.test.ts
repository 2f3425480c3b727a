import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/platform/db/index.ts';
import { migrate, readMigrations } from '../src/platform/db/migrate.ts';
import { emptyDatabase } from './support/empty-database.ts';
import { databaseKinds } from './support/harness.ts';

/**
 * Migration 0013: a meeting's venue name and city become translatable. A database migrated to just before it, with
 * meetings whose venue was typed (in English, the only language it had) or left empty, is migrated on: the text
 * is kept as English, an empty one becomes no text at all, and sessions gain hours and a room.
 */
const fixture = `
  INSERT INTO groups (id, code, deadline_rules) VALUES (1, 'g', '{}');
  INSERT INTO subgroups (id, group_id, kind, number) VALUES (1, 1, 'WG', 1);
  INSERT INTO meetings (id, group_id, venue_name, venue_city, time_zone, mode, registration_deadline, visa_support_deadline, contributions_deadline)
    VALUES (1, 1, 'ITU headquarters', 'Geneva', 'Europe/Zurich', 'hybrid', '2030-01-01', '2030-01-01', '2030-01-01');
  INSERT INTO meetings (id, group_id, time_zone, mode, registration_deadline, visa_support_deadline, contributions_deadline)
    VALUES (2, 1, 'UTC', 'virtual', '2030-01-01', '2030-01-01', '2030-01-01');
  INSERT INTO meetings (id, group_id, venue_name, venue_city, time_zone, mode, registration_deadline, visa_support_deadline, contributions_deadline)
    VALUES (3, 1, 'Salle "C" \\ CICG', '', 'UTC', 'in-person', '2030-01-01', '2030-01-01', '2030-01-01');
  INSERT INTO meeting_sessions (id, meeting_id, subgroup_id, start_date, end_date) VALUES (1, 1, 1, '2030-02-01', '2030-02-02');
`;

describe.each(databaseKinds)('migration 0013 (venue and session times) on %s', (kind) => {
  let db: Database;
  let dispose: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ({ db, dispose } = await emptyDatabase(kind, 'm13'));
    const all = readMigrations();
    const before = all.filter((m) => m.name < '0013');
    expect(before.at(-1)?.name).toBe('0012_meeting_revision');
    await migrate(db, before);
    await db.exec(fixture);
    expect(await migrate(db, all)).toEqual(all.slice(before.length).map((m) => m.name));
  });
  afterAll(async () => {
    await dispose?.();
  });

  it('keeps a typed venue as its English text and an empty one as no text', async () => {
    expect(await db.exec('SELECT id, venue_name, venue_city FROM meetings ORDER BY id')).toEqual([
      { id: 1, venue_name: { en: 'ITU headquarters' }, venue_city: { en: 'Geneva' } },
      { id: 2, venue_name: {}, venue_city: {} },
      { id: 3, venue_name: { en: 'Salle "C" \\ CICG' }, venue_city: {} },
    ]);
  });

  it('defaults a new meeting’s venue to no text', async () => {
    await db.exec(`INSERT INTO meetings (id, group_id, time_zone, mode, registration_deadline, visa_support_deadline, contributions_deadline)
      VALUES (4, 1, 'UTC', 'virtual', '2030-01-01', '2030-01-01', '2030-01-01')`);
    expect(await db.exec('SELECT venue_name, venue_city FROM meetings WHERE id = 4')).toEqual([{ venue_name: {}, venue_city: {} }]);
  });

  it('gives existing sessions no hours and no room, and holds hours to both-or-neither, end after start', async () => {
    expect(await db.exec('SELECT start_time, end_time, room FROM meeting_sessions')).toEqual([
      { start_time: null, end_time: null, room: {} },
    ]);
    await db.exec(`UPDATE meeting_sessions SET start_time = '09:30', end_time = '12:30', room = '{"en":"Room C2"}' WHERE id = 1`);
    expect(await db.exec('SELECT start_time, end_time FROM meeting_sessions')).toEqual([{ start_time: '09:30:00', end_time: '12:30:00' }]);
    for (const wrong of [
      "start_time = '09:30', end_time = NULL",
      "start_time = NULL, end_time = '12:30'",
      "start_time = '12:30', end_time = '09:30'",
    ]) {
      await expect(db.exec(`UPDATE meeting_sessions SET ${wrong} WHERE id = 1`), wrong).rejects.toThrow(/meeting_sessions_times_check/);
    }
  });
});
