import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Request keys (an `Idempotency-Key` header, a form's hidden key) of the writes that may be repeated:
 * per scope ("registration", "document"), account and key, what the first request was (its hash) and
 * what it made. Kept a week (the hourly purge), forgotten with the account.
 */
export const requestKeys = pgTable(
  'request_keys',
  {
    scope: text('scope').notNull(),
    accountId: integer('account_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    /** What the first request made, written in its transaction; null only while it runs. */
    result: jsonb('result'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.accountId, t.key] }),
    index('request_keys_created_idx').on(t.createdAt),
    index('request_keys_account_idx').on(t.accountId),
  ],
);
