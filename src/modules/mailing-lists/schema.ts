import { sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { vocabularyCheck } from '../../platform/db/checks.ts';
import { createdAt } from '../../platform/db/columns.ts';
import { type Locale, locales } from '../../platform/i18n/index.ts';
import { outbox } from '../../platform/mail/schema.ts';
import { accounts } from '../accounts/schema.ts';
import { circulars } from '../circulars/schema.ts';
import { groups } from '../groups/schema.ts';
import { meetings } from '../meetings/schema.ts';
import { type SubscriptionStatus, subscriptionStatuses } from './vocabulary.ts';

/** A subscription to a group's mailing list: 'pending' until the address is confirmed (double opt-in). */
export const listSubscriptions = pgTable(
  'list_subscriptions',
  {
    id: serial('id').primaryKey(),
    groupId: integer('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    locale: text('locale').$type<Locale>().notNull().default('en'),
    status: text('status').$type<SubscriptionStatus>().notNull().default('pending'),
    /** Secrets of the confirmation and the unsubscribe links, looked up by their sha-256 (hex). */
    confirmTokenHash: text('confirm_token_hash'),
    unsubscribeTokenHash: text('unsubscribe_token_hash').notNull(),
    /**
     * The unsubscribe secret itself, sealed with the data key: every list mail must carry it again, so the
     * link in an old mail keeps working, while a copy of the database alone cannot unsubscribe anyone.
     */
    unsubscribeTokenSealed: text('unsubscribe_token_sealed').notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    unsubscribedAt: timestamp('unsubscribed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('list_subscriptions_group_email_key').on(t.groupId, sql`lower(${t.email})`),
    uniqueIndex('list_subscriptions_confirm_key').on(t.confirmTokenHash),
    uniqueIndex('list_subscriptions_unsubscribe_key').on(t.unsubscribeTokenHash),
    vocabularyCheck('list_subscriptions_locale_check', t.locale, locales),
    vocabularyCheck('list_subscriptions_status_check', t.status, subscriptionStatuses),
  ],
);

export const announcements = pgTable(
  'announcements',
  {
    id: serial('id').primaryKey(),
    groupId: integer('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    meetingId: integer('meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** A circular attached as PDF in each recipient's language. */
    circularId: integer('circular_id').references(() => circulars.id, { onDelete: 'set null' }),
    sentBy: integer('sent_by').references(() => accounts.id, { onDelete: 'set null' }),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    /** The sender's key for this sending (form or Idempotency-Key): sent twice, it goes out once. */
    requestKey: text('request_key'),
    createdAt: createdAt(),
  },
  (t) => [index('announcements_group_idx').on(t.groupId, t.sentAt), uniqueIndex('announcements_request_key').on(t.groupId, t.requestKey)],
);

/** One row per recipient: its outbox mail carries the delivery status. */
export const announcementDeliveries = pgTable(
  'announcement_deliveries',
  {
    announcementId: integer('announcement_id')
      .notNull()
      .references(() => announcements.id, { onDelete: 'cascade' }),
    subscriptionId: integer('subscription_id')
      .notNull()
      .references(() => listSubscriptions.id, { onDelete: 'cascade' }),
    outboxId: integer('outbox_id').references(() => outbox.id, { onDelete: 'set null' }),
  },
  (t) => [primaryKey({ columns: [t.announcementId, t.subscriptionId] })],
);
