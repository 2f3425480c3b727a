import { type AnyPgColumn, date, index, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { vocabularyCheck } from '../../platform/db/checks.ts';
import { createdAt, updatedAt } from '../../platform/db/columns.ts';
import { accounts } from '../accounts/schema.ts';
import { documents } from '../documents/schema.ts';
import { groups } from '../groups/schema.ts';
import { meetings } from '../meetings/schema.ts';
import { type LiaisonDirection, type LiaisonPurpose, liaisonDirections, liaisonPurposes } from './vocabulary.ts';

/**
 * A liaison statement of a group: received from another body (incoming) or sent to one (outgoing). Its text is
 * a document of the group (type LS, or the output document it was produced from); a reply names the statement
 * it answers, so a statement's replies are the rows whose `reply_to_id` is its id.
 */
export const liaisons = pgTable(
  'liaisons',
  {
    id: serial('id').primaryKey(),
    groupId: integer('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'restrict' }),
    direction: text('direction').$type<LiaisonDirection>().notNull(),
    fromBody: text('from_body').notNull(),
    toBody: text('to_body').notNull(),
    title: text('title').notNull(),
    purpose: text('purpose').$type<LiaisonPurpose>().notNull(),
    /** The date a reply is asked for by; required for action, none for information. */
    replyDeadline: date('reply_deadline'),
    contactName: text('contact_name').notNull().default(''),
    contactEmail: text('contact_email').notNull().default(''),
    /** The meeting that handles it (an incoming statement's document is submitted to it). */
    meetingId: integer('meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
    documentId: integer('document_id').references(() => documents.id, { onDelete: 'set null' }),
    replyToId: integer('reply_to_id').references((): AnyPgColumn => liaisons.id, { onDelete: 'set null' }),
    createdBy: integer('created_by').references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('liaisons_group_idx').on(t.groupId),
    index('liaisons_reply_to_idx').on(t.replyToId),
    // A document is the text of one statement at most (rows without a document are many: NULLs never collide).
    uniqueIndex('liaisons_document_key').on(t.documentId),
    vocabularyCheck('liaisons_direction_check', t.direction, liaisonDirections),
    vocabularyCheck('liaisons_purpose_check', t.purpose, liaisonPurposes),
  ],
);
