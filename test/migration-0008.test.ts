import { describe, expect, it } from 'vitest';
import { openPglite } from '../src/platform/db/index.ts';
import { migrate, readMigrations } from '../src/platform/db/migrate.ts';

/**
 * Migration 0008 makes the database hold the registration state machine's invariants. Databases in use
 * may hold rows the cancel/change race revived (status registered, cancelled_at set): the migration
 * repairs them — the acknowledged cancellation stands — instead of failing.
 */
describe('migration 0008 (registration invariants)', () => {
  it('repairs incoherent rows, then refuses new ones', async () => {
    const db = await openPglite();
    try {
      const all = readMigrations();
      const before = all.filter((m) => m.name < '0008');
      expect(before.length).toBeLessThan(all.length);
      await migrate(db, before);
      await db.exec(`
        INSERT INTO groups (id, code, deadline_rules) VALUES (1, 'g', '{}');
        INSERT INTO meetings (id, group_id, time_zone, mode, registration_deadline, visa_support_deadline, contributions_deadline, in_person_capacity)
          VALUES (1, 1, 'UTC', 'hybrid', '2030-01-01', '2030-01-01', '2030-01-01', 1);
        INSERT INTO accounts (id, email, password_hash, given_name, family_name)
          SELECT i, 'p' || i || '@example.org', 'x', 'P', 'P' || i FROM generate_series(1, 6) AS i;
        INSERT INTO registrations (id, meeting_id, account_id, number, mode, sessions, status, consent_at, waitlisted_at, cancelled_at) VALUES
          (1, 1, 1, 'R1-0001', 'remote', '[]', 'registered', now(), NULL, now()),          -- revived by the race
          (2, 1, 2, 'R1-0002', 'in-person', '[]', 'waitlisted', now(), now(), now()),      -- revived onto the queue
          (3, 1, 3, 'R1-0003', 'in-person', '[]', 'cancelled', now(), NULL, NULL),         -- cancelled without a time
          (4, 1, 4, 'R1-0004', 'in-person', '[]', 'waitlisted', now(), NULL, NULL),        -- waiting without a time
          (5, 1, 5, 'R1-0005', 'remote', '[]', 'registered', now(), now(), NULL),          -- promoted, time left behind
          (6, 1, 6, 'R1-0006', 'in-person', '[]', 'registered', now(), NULL, NULL);        -- coherent
        INSERT INTO visa_requests (registration_id, nationality, representation_city, representation_country, arrival_date, departure_date, status)
          VALUES (2, 'CN', 'Beijing', 'CN', '2029-12-30', '2030-01-02', 'requested');
      `);
      await migrate(db, all);
      const rows = await db.exec(
        'SELECT id, status, waitlisted_at IS NOT NULL AS waiting, cancelled_at IS NOT NULL AS cancelled FROM registrations ORDER BY id',
      );
      expect(rows).toEqual([
        { id: 1, status: 'cancelled', waiting: false, cancelled: true },
        { id: 2, status: 'cancelled', waiting: false, cancelled: true },
        { id: 3, status: 'cancelled', waiting: false, cancelled: true },
        { id: 4, status: 'waitlisted', waiting: true, cancelled: false },
        { id: 5, status: 'registered', waiting: false, cancelled: false },
        { id: 6, status: 'registered', waiting: false, cancelled: false },
      ]);
      expect(await db.exec('SELECT status FROM visa_requests')).toEqual([{ status: 'withdrawn' }]);
      await expect(db.exec("UPDATE registrations SET status = 'registered' WHERE id = 1")).rejects.toThrow(
        /registrations_cancelled_at_check/,
      );
      await expect(db.exec("UPDATE registrations SET status = 'revived' WHERE id = 6")).rejects.toThrow(/registrations_status_check/);
      await expect(db.exec('UPDATE registrations SET waitlisted_at = now() WHERE id = 6')).rejects.toThrow(
        /registrations_waitlisted_at_check/,
      );
    } finally {
      await db.close();
    }
  });
});
