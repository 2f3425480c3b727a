import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { vocabularyCheck } from '../../platform/db/checks.ts';
import { updatedAt } from '../../platform/db/columns.ts';
import { accounts } from '../accounts/schema.ts';
import { documents } from '../documents/schema.ts';
import { meetingSessions } from '../meetings/schema.ts';
import { type DecisionKind, decisionKinds } from './vocabulary.ts';

/**
 * What a session decided on one document of its agenda: one row per session and document (a document
 * allocated to two items of one session gets one decision, shown under its first item). No row: nothing
 * decided yet. `related`: the document that revises it (`revised`) or that it was merged into (`merged`),
 * of the same meeting, never itself.
 */
export const documentDecisions = pgTable(
  'document_decisions',
  {
    id: serial('id').primaryKey(),
    sessionId: integer('session_id')
      .notNull()
      .references(() => meetingSessions.id, { onDelete: 'cascade' }),
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    decision: text('decision').$type<DecisionKind>().notNull(),
    relatedDocumentId: integer('related_document_id').references(() => documents.id, { onDelete: 'set null' }),
    note: text('note').notNull().default(''),
    decidedBy: integer('decided_by').references(() => accounts.id, { onDelete: 'set null' }),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('document_decisions_session_document_key').on(t.sessionId, t.documentId),
    index('document_decisions_related_idx').on(t.relatedDocumentId),
    vocabularyCheck('document_decisions_decision_check', t.decision, decisionKinds),
    check('document_decisions_not_itself_check', sql`${t.relatedDocumentId} IS NULL OR ${t.relatedDocumentId} <> ${t.documentId}`),
  ],
);

/**
 * The conclusion a session reached on one agenda item, by its number in the session's agenda (the
 * latest published version: an item renumbered by a later version keeps the conclusion of its number).
 */
export const itemConclusions = pgTable(
  'item_conclusions',
  {
    id: serial('id').primaryKey(),
    sessionId: integer('session_id')
      .notNull()
      .references(() => meetingSessions.id, { onDelete: 'cascade' }),
    itemNumber: integer('item_number').notNull(),
    text: text('text').notNull(),
    decidedBy: integer('decided_by').references(() => accounts.id, { onDelete: 'set null' }),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('item_conclusions_session_item_key').on(t.sessionId, t.itemNumber)],
);
