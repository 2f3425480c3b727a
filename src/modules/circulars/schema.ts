import { date, integer, jsonb, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from '../../platform/db/columns.ts';
import { accounts } from '../accounts/schema.ts';
import { bureaus } from '../groups/schema.ts';
import { meetings } from '../meetings/schema.ts';
import type { CircularFacts } from './facts.ts';

/**
 * An issued circular: immutable. Version 1 is the circular; each later version of the same meeting is a
 * corrigendum with the same number. `facts` is the meeting's data as it was at issue, so the letter reads
 * the same forever in every language even when the meeting changes later.
 */
export const circulars = pgTable(
  'circulars',
  {
    id: serial('id').primaryKey(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    bureauId: integer('bureau_id')
      .notNull()
      .references(() => bureaus.id, { onDelete: 'restrict' }),
    number: integer('number').notNull(),
    version: integer('version').notNull(),
    /** The contact's initials after the number: "FG-MV/CB". */
    initials: text('initials').notNull().default(''),
    issuedOn: date('issued_on').notNull(),
    facts: jsonb('facts').$type<CircularFacts>().notNull(),
    /** The PDF per language once rendered (sha-256 in the file store): an issued version never changes. */
    pdfFiles: jsonb('pdf_files').$type<Record<string, string>>().notNull().default({}),
    issuedBy: integer('issued_by').references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('circulars_meeting_version_key').on(t.meetingId, t.version),
    // One number per circular of a bureau; its corrigenda share it, one version each.
    uniqueIndex('circulars_bureau_number_version_key').on(t.bureauId, t.number, t.version),
  ],
);
