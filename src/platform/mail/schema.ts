import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

export interface MailAttachment {
  filename: string;
  contentType: string;
  /** base64, or — when `sealed` — a value sealed with the data keyring (personal data such as visa letters). */
  content: string;
  sealed?: boolean;
  /** Instead of `content`: the sha-256 of a file in the file store (large attachments sent to many). */
  file?: string;
}

import { vocabularyCheck } from '../db/checks.ts';
import { createdAt } from '../db/columns.ts';
import { type OutboxStatus, outboxStatuses } from './vocabulary.ts';

/** Transactional outbox: a mail is queued in the same transaction as the change that causes it. */
export const outbox = pgTable(
  'outbox',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').notNull(),
    toAddress: text('to_address').notNull(),
    /** Null until rendered: a mail queued with `params` is rendered from its kind's template when delivered or shown. */
    subject: text('subject'),
    textBody: text('text_body'),
    /** The text is sealed with the data keyring (a mail carrying secrets, e.g. remote-participation passcodes). */
    textSealed: boolean('text_sealed').notNull().default(false),
    params: jsonb('params').$type<Record<string, unknown>>(),
    attachments: jsonb('attachments').$type<MailAttachment[]>().notNull().default([]),
    /** Extra headers, e.g. List-Unsubscribe. */
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    /** A worker that claimed the row holds it until then; after that another may retry it. */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    messageId: text('message_id'),
    status: text('status').$type<OutboxStatus>().notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [index('outbox_due_idx').on(t.status, t.nextAttemptAt), vocabularyCheck('outbox_status_check', t.status, outboxStatuses)],
);
