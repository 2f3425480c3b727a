import { date, integer, jsonb, pgTable, serial, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from '../../platform/db/columns.ts';
import { accounts } from '../accounts/schema.ts';
import { meetings } from '../meetings/schema.ts';
import type { ReportFacts, ReportTexts } from './facts.ts';

/**
 * The draft of a meeting's report: only the texts the secretariat writes (per language); its facts are read
 * fresh from the meeting each time the draft is shown. No row: nothing written yet.
 */
export const reportDrafts = pgTable('report_drafts', {
  meetingId: integer('meeting_id')
    .primaryKey()
    .references(() => meetings.id, { onDelete: 'cascade' }),
  texts: jsonb('texts').$type<ReportTexts>().notNull(),
  updatedBy: integer('updated_by').references(() => accounts.id, { onDelete: 'set null' }),
  updatedAt: updatedAt(),
});

/**
 * An issued version of a meeting's report: immutable, like an issued circular. `facts` and `texts` are the
 * draft as it was when issued, so the report reads the same forever even when decisions change later.
 */
export const meetingReports = pgTable(
  'meeting_reports',
  {
    id: serial('id').primaryKey(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    issuedOn: date('issued_on').notNull(),
    facts: jsonb('facts').$type<ReportFacts>().notNull(),
    texts: jsonb('texts').$type<ReportTexts>().notNull(),
    /** Its PDF and .docx files once rendered, by "pdf:fr", "docx:en" (sha-256 in the file store): rendered once, kept. */
    files: jsonb('files').$type<Record<string, string>>().notNull().default({}),
    issuedBy: integer('issued_by').references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('meeting_reports_meeting_version_key').on(t.meetingId, t.version)],
);
