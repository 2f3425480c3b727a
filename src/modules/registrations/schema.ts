import { index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from '../../platform/db/columns.ts';
import { accounts } from '../accounts/schema.ts';
import { meetings } from '../meetings/schema.ts';

export const registrations = pgTable(
  'registrations',
  {
    id: serial('id').primaryKey(),
    meetingId: integer('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
    accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    number: text('number').notNull(),
    mode: text('mode').notNull(),
    /** Subgroup labels of the sessions attended, e.g. ["WG5", "WG6"]. */
    sessions: jsonb('sessions').$type<string[]>().notNull(),
    status: text('status').notNull(),
    consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
    /** When the person joined the waiting list; the queue is served in this order. */
    waitlistedAt: timestamp('waitlisted_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    /** The secretariat member who registered someone else, if so. */
    registeredBy: integer('registered_by').references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('registrations_meeting_account_key').on(t.meetingId, t.accountId),
    uniqueIndex('registrations_number_key').on(t.number),
    index('registrations_meeting_status_idx').on(t.meetingId, t.status),
    index('registrations_account_idx').on(t.accountId),
  ],
);

/** A repeated POST with the same Idempotency-Key gets the first answer back. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status'),
    body: jsonb('body'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.key] })],
);
