import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { vocabularyCheck } from '../../platform/db/checks.ts';
import { createdAt, localized, updatedAt } from '../../platform/db/columns.ts';
import { accounts } from '../accounts/schema.ts';
import {
  type DocumentAccess,
  documentAccessLevels,
  type GroupStatus,
  groupStatuses,
  type OfficerRole,
  officerRoles,
  type RegistrationApproval,
  registrationApprovals,
  type SubgroupKind,
  subgroupKinds,
} from './vocabulary.ts';

export interface DeadlineRules {
  /** Days before the meeting's first day. */
  visaSupportDays: number;
  registrationDays: number;
  contributionsDays: number;
}

/** The issuing body of circulars (e.g. TSB): its names, letterhead and circular sequence. */
export const bureaus = pgTable(
  'bureaus',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    /** "Telecommunication Standardization Bureau" per language. */
    name: localized('name'),
    /** The organisation above it, printed first on the letterhead ("International Telecommunication Union"). */
    organization: localized('organization'),
    /** Short name in references, per language: "TSB" (en), "电信标准化局" (zh). */
    abbreviation: localized('abbreviation'),
    /** Where circulars are dated ("Geneva"), per language; also names a venue in that city. */
    city: localized('city'),
    /** The bureau's own premises ("ITU headquarters"), per language; names a venue held there. */
    premises: localized('premises'),
    /** The number the next new circular takes; corrigenda keep their circular's number. */
    nextCircularNumber: integer('next_circular_number').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('bureaus_code_key').on(t.code)],
);

export const groups = pgTable(
  'groups',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    name: localized('name'),
    mandate: localized('mandate'),
    parentBody: text('parent_body').notNull().default(''),
    establishedOn: date('established_on'),
    /** Who created the group and where, per language: "TSAG at its meeting in Geneva, 12–16 December 2022". */
    establishedBy: localized('established_by'),
    /** The bureau that issues the group's circulars. */
    bureauId: integer('bureau_id').references(() => bureaus.id, { onDelete: 'set null' }),
    status: text('status').$type<GroupStatus>().notNull().default('active'),
    documentPrefix: text('document_prefix').notNull().default(''),
    contactEmail: text('contact_email').notNull().default(''),
    /** Where contributions may be mailed (the inbound listener accepts mail for this address). */
    contributionEmail: text('contribution_email').notNull().default(''),
    /** Who may download documents. */
    documentAccess: text('document_access').$type<DocumentAccess>().notNull().default('public'),
    /** Whether its meetings' registrations wait for a focal point's approval, unless a meeting says otherwise. */
    registrationApproval: text('registration_approval').$type<RegistrationApproval>().notNull().default('none'),
    /** The secretariat's own contribution template, replacing the generated one. */
    templateFileHash: text('template_file_hash'),
    templateFilename: text('template_filename'),
    contactTel: text('contact_tel').notNull().default(''),
    contactFax: text('contact_fax').notNull().default(''),
    deadlineRules: jsonb('deadline_rules').$type<DeadlineRules>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('groups_code_key').on(sql`lower(${t.code})`),
    vocabularyCheck('groups_status_check', t.status, groupStatuses),
    vocabularyCheck('groups_document_access_check', t.documentAccess, documentAccessLevels),
    vocabularyCheck('groups_registration_approval_check', t.registrationApproval, registrationApprovals),
  ],
);

export const subgroups = pgTable(
  'subgroups',
  {
    id: serial('id').primaryKey(),
    groupId: integer('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<SubgroupKind>().notNull(),
    number: integer('number'),
    title: localized('title'),
  },
  (t) => [
    uniqueIndex('subgroups_label_key').on(t.groupId, t.kind, sql`coalesce(${t.number}, 0)`),
    vocabularyCheck('subgroups_kind_check', t.kind, subgroupKinds),
  ],
);

export const officers = pgTable(
  'officers',
  {
    id: serial('id').primaryKey(),
    groupId: integer('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    role: text('role').$type<OfficerRole>().notNull(),
    title: text('title').notNull().default(''),
    name: text('name').notNull(),
    affiliation: text('affiliation').notNull().default(''),
    country: text('country').notNull().default(''),
    accountId: integer('account_id').references(() => accounts.id, { onDelete: 'set null' }),
    fromDate: date('from_date'),
    untilDate: date('until_date'),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    index('officers_group_idx').on(t.groupId),
    index('officers_account_idx').on(t.accountId),
    vocabularyCheck('officers_role_check', t.role, officerRoles),
  ],
);
