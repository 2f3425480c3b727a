import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, localized, updatedAt } from '../../platform/db/columns.ts';
import { accounts } from '../accounts/schema.ts';

export interface DeadlineRules {
  /** Days before the meeting's first day. */
  visaSupportDays: number;
  registrationDays: number;
  contributionsDays: number;
}

export const groups = pgTable(
  'groups',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    name: localized('name'),
    mandate: localized('mandate'),
    parentBody: text('parent_body').notNull().default(''),
    establishedOn: date('established_on'),
    status: text('status').notNull().default('active'),
    documentPrefix: text('document_prefix').notNull().default(''),
    contactEmail: text('contact_email').notNull().default(''),
    /** Where contributions may be mailed (the inbound listener accepts mail for this address). */
    contributionEmail: text('contribution_email').notNull().default(''),
    /** Who may download documents: 'public' or 'signed-in'. */
    documentAccess: text('document_access').notNull().default('public'),
    /** The secretariat's own contribution template, replacing the generated one. */
    templateFileHash: text('template_file_hash'),
    templateFilename: text('template_filename'),
    contactTel: text('contact_tel').notNull().default(''),
    contactFax: text('contact_fax').notNull().default(''),
    deadlineRules: jsonb('deadline_rules').$type<DeadlineRules>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('groups_code_key').on(sql`lower(${t.code})`)],
);

export const subgroups = pgTable(
  'subgroups',
  {
    id: serial('id').primaryKey(),
    groupId: integer('group_id').notNull().references(() => groups.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    number: integer('number'),
    title: localized('title'),
  },
  (t) => [uniqueIndex('subgroups_label_key').on(t.groupId, t.kind, sql`coalesce(${t.number}, 0)`)],
);

export const officers = pgTable(
  'officers',
  {
    id: serial('id').primaryKey(),
    groupId: integer('group_id').notNull().references(() => groups.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    title: text('title').notNull().default(''),
    name: text('name').notNull(),
    affiliation: text('affiliation').notNull().default(''),
    country: text('country').notNull().default(''),
    accountId: integer('account_id').references(() => accounts.id, { onDelete: 'set null' }),
    fromDate: date('from_date'),
    untilDate: date('until_date'),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('officers_group_idx').on(t.groupId), index('officers_account_idx').on(t.accountId)],
);
