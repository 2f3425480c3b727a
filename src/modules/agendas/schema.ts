import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { vocabularyCheck } from '../../platform/db/checks.ts';
import { createdAt, updatedAt } from '../../platform/db/columns.ts';
import { accounts } from '../accounts/schema.ts';
import { meetingSessions } from '../meetings/schema.ts';
import { type AgendaStatus, agendaStatuses } from './vocabulary.ts';

export interface AgendaItem {
  title: string;
  description: string;
  /** Documents allocated to the item, in the order they are taken. */
  documentIds: number[];
}

/**
 * One version of a session's agenda. At most one draft per session; publishing freezes it as version N
 * (shown as "Rev.N-1" from the second one on) and the next edit starts a new draft from it.
 */
export const agendas = pgTable(
  'agendas',
  {
    id: serial('id').primaryKey(),
    sessionId: integer('session_id')
      .notNull()
      .references(() => meetingSessions.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    status: text('status').$type<AgendaStatus>().notNull().default('draft'),
    items: jsonb('items').$type<AgendaItem[]>().notNull().default([]),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: integer('published_by').references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('agendas_session_version_key').on(t.sessionId, t.version),
    uniqueIndex('agendas_one_draft_key').on(t.sessionId).where(sql`${t.status} = 'draft'`),
    index('agendas_items_idx').using('gin', t.items),
    vocabularyCheck('agendas_status_check', t.status, agendaStatuses),
  ],
);
