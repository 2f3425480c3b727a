import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { inVocabulary } from '../../platform/db/checks.ts';
import { createdAt, updatedAt } from '../../platform/db/columns.ts';
import { accounts } from '../accounts/schema.ts';
import { meetings } from '../meetings/schema.ts';
import { organizations } from '../organizations/schema.ts';
import { type ParticipationMode, participationModes, type RegistrationStatus, registrationStatuses } from './vocabulary.ts';

export const registrations = pgTable(
  'registrations',
  {
    id: serial('id').primaryKey(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    number: text('number').notNull(),
    mode: text('mode').$type<ParticipationMode>().notNull(),
    /** Subgroup labels of the sessions attended, e.g. ["WG5", "WG6"]. */
    sessions: jsonb('sessions').$type<string[]>().notNull(),
    /** registered, waitlisted or cancelled; changed only through the state machine (rules.ts). */
    status: text('status').$type<RegistrationStatus>().notNull(),
    consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
    /** When the person joined the waiting list; the queue is served in this order. */
    waitlistedAt: timestamp('waitlisted_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    /** Who registered someone else (the secretariat, or a focal point their delegate), if so. */
    registeredBy: integer('registered_by').references(() => accounts.id, { onDelete: 'set null' }),
    /** Who approved or declined a registration that waited for approval, and when. */
    approvalDecidedBy: integer('approval_decided_by').references(() => accounts.id, { onDelete: 'set null' }),
    approvalDecidedAt: timestamp('approval_decided_at', { withTimezone: true }),
    /** Why it was declined, as the person is told; set exactly when declined. */
    declineReason: text('decline_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('registrations_meeting_account_key').on(t.meetingId, t.accountId),
    uniqueIndex('registrations_number_key').on(t.number),
    index('registrations_meeting_status_idx').on(t.meetingId, t.status),
    index('registrations_account_idx').on(t.accountId),
    // The state machine's invariants, held by the database too (migration 0008).
    check('registrations_status_check', inVocabulary(t.status, registrationStatuses)),
    check('registrations_mode_check', inVocabulary(t.mode, participationModes)),
    check('registrations_cancelled_at_check', sql`(${t.status} = 'cancelled') = (${t.cancelledAt} IS NOT NULL)`),
    check('registrations_waitlisted_at_check', sql`(${t.status} = 'waitlisted') = (${t.waitlistedAt} IS NOT NULL)`),
    check('registrations_waitlisted_in_person_check', sql`${t.status} <> 'waitlisted' OR ${t.mode} = 'in-person'`),
    check('registrations_decline_reason_check', sql`(${t.status} = 'declined') = (${t.declineReason} IS NOT NULL)`),
    index('registrations_pending_idx').on(t.meetingId).where(sql`${t.status} = 'pending-approval'`),
  ],
);

/**
 * In-person places an organization may fill at a meeting (ITU gives a focal point such a quota): approvals and
 * registrations of its people in person beyond it are refused. No row: no quota.
 */
export const registrationQuotas = pgTable(
  'registration_quotas',
  {
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    inPersonPlaces: integer('in_person_places').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.meetingId, t.organizationId] }),
    check('registration_quotas_places_check', sql`${t.inPersonPlaces} >= 0`),
  ],
);
