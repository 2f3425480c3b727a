import { index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { vocabularyCheck } from '../db/checks.ts';
import { createdAt } from '../db/columns.ts';
import { type JobStatus, jobStatuses } from './vocabulary.ts';

/**
 * Scheduled work (reminders, the retention purge). `key` names the occurrence ("reminder:registration:
 * meeting-7:2023-04-21"), so planning it twice, from any number of instances, schedules it once.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    runAt: timestamp('run_at', { withTimezone: true }).notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status').$type<JobStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('jobs_key_key').on(t.key),
    index('jobs_due_idx').on(t.status, t.runAt),
    vocabularyCheck('jobs_status_check', t.status, jobStatuses),
  ],
);
