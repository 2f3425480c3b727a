import { sql } from 'drizzle-orm';
import { integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from '../../platform/db/columns.ts';
import { meetingSessions, meetings } from '../meetings/schema.ts';

/**
 * How to join a meeting (or one of its sessions) remotely. Never public: only the secretariat and
 * participants whose registration entitles them (remote; in-person too when the meeting is hybrid) see it.
 */
export const remoteAccess = pgTable(
  'remote_access',
  {
    id: serial('id').primaryKey(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    /** Null: applies to the whole meeting. */
    sessionId: integer('session_id').references(() => meetingSessions.id, { onDelete: 'cascade' }),
    link: text('link').notNull().default(''),
    meetingCode: text('meeting_code').notNull().default(''),
    passcode: text('passcode').notNull().default(''),
    dialIn: text('dial_in').notNull().default(''),
    notes: text('notes').notNull().default(''),
    /**
     * The block (link, meeting ID, passcode, dial-in, notes) as JSON sealed with the data key; the clear
     * columns above are then empty. Rows written before it (sealed IS NULL) are sealed by a one-off job.
     */
    sealed: text('sealed'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('remote_access_target_key').on(t.meetingId, sql`coalesce(${t.sessionId}, 0)`)],
);
