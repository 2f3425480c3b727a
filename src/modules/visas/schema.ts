import { date, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { vocabularyCheck } from '../../platform/db/checks.ts';
import { createdAt, updatedAt } from '../../platform/db/columns.ts';
import { accounts } from '../accounts/schema.ts';
import { registrations } from '../registrations/schema.ts';
import { type VisaStatus, visaStatuses } from './vocabulary.ts';

export const visaRequests = pgTable(
  'visa_requests',
  {
    id: serial('id').primaryKey(),
    registrationId: integer('registration_id')
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    status: text('status').$type<VisaStatus>().notNull().default('requested'),
    /** ISO country code; kept in clear so the secretariat can filter the queue by it. */
    nationality: text('nationality').notNull(),
    /** Passport block, AES-256-GCM encrypted (platform/data-key.ts); null once purged. */
    passport: text('passport'),
    representationCity: text('representation_city').notNull(),
    representationCountry: text('representation_country').notNull(),
    arrivalDate: date('arrival_date').notNull(),
    departureDate: date('departure_date').notNull(),
    reason: text('reason'),
    letterReference: text('letter_reference'),
    letterIssuedOn: date('letter_issued_on'),
    /** The letter PDF, encrypted like the passport block; null until approved and after the purge. */
    letterPdf: text('letter_pdf'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: integer('decided_by').references(() => accounts.id, { onDelete: 'set null' }),
    purgedAt: timestamp('purged_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('visa_requests_registration_key').on(t.registrationId),
    vocabularyCheck('visa_requests_status_check', t.status, visaStatuses),
  ],
);
