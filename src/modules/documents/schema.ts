import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { vocabularyCheck } from '../../platform/db/checks.ts';
import { createdAt, updatedAt } from '../../platform/db/columns.ts';
import { accounts } from '../accounts/schema.ts';
import { groups } from '../groups/schema.ts';
import { meetings } from '../meetings/schema.ts';
import { type ContributionClass, contributionClasses } from '../meetings/vocabulary.ts';
import {
  type DocumentStatus,
  type DocumentType,
  documentStatuses,
  documentTypes,
  type InboundMailOutcome,
  type InboundStatus,
  inboundMailOutcomes,
  inboundStatuses,
  type SubmissionChannel,
  submissionChannels,
} from './vocabulary.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

interface DocumentContact {
  name: string;
  organization: string;
  email: string;
}

export const documents = pgTable(
  'documents',
  {
    id: serial('id').primaryKey(),
    groupId: integer('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'restrict' }),
    meetingId: integer('meeting_id').references(() => meetings.id, { onDelete: 'restrict' }),
    type: text('type').$type<DocumentType>().notNull(),
    seq: integer('seq').notNull(),
    number: text('number').notNull().unique(),
    title: text('title').notNull(),
    abstract: text('abstract').notNull().default(''),
    keywords: jsonb('keywords').$type<string[]>().notNull().default([]),
    sources: jsonb('sources').$type<string[]>().notNull().default([]),
    contacts: jsonb('contacts').$type<DocumentContact[]>().notNull().default([]),
    workingGroups: jsonb('working_groups').$type<string[]>().notNull().default([]),
    late: boolean('late').notNull().default(false),
    /**
     * The deadline class the document arrived in (meetings/vocabulary.ts): 'translation' (to be translated),
     * 'normal', 'late' (then `late` is true too: flagged and listed apart), or 'too-late' for one held over from
     * the meeting `heldOverFrom` to this one. Set at submission (or when a reservation is filled).
     */
    deadlineClass: text('deadline_class').$type<ContributionClass>().notNull().default('normal'),
    heldOverFrom: integer('held_over_from').references(() => meetings.id, { onDelete: 'set null' }),
    /** `reserved`: a number taken before its file; no revision yet, filled by a later submission under the number. */
    status: text('status').$type<DocumentStatus>().notNull().default('submitted'),
    /** When the number was reserved, kept once filled: a number given for a reservation is told from any other. */
    reservedAt: timestamp('reserved_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    ownerId: integer('owner_id').references(() => accounts.id, { onDelete: 'set null' }),
    submittedVia: text('submitted_via').$type<SubmissionChannel>().notNull().default('web'),
    /** Metadata still to be completed by the submitter (a contribution that arrived by e-mail). */
    needsDetails: boolean('needs_details').notNull().default(false),
    latestRevision: integer('latest_revision').notNull().default(0),
    /** Number, title (weight A), abstract, keywords, sources, working groups (B): what ranks a hit. */
    searchVector: tsvector('search_vector'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('documents_group_type_seq_key').on(t.groupId, t.type, t.seq),
    index('documents_meeting_idx').on(t.meetingId),
    vocabularyCheck('documents_type_check', t.type, documentTypes),
    vocabularyCheck('documents_submitted_via_check', t.submittedVia, submissionChannels),
    vocabularyCheck('documents_status_check', t.status, documentStatuses),
    vocabularyCheck('documents_deadline_class_check', t.deadlineClass, contributionClasses),
  ],
);

/**
 * What a search matches: the ranking vector plus the latest file's text (weight D). Kept apart from
 * `documents`, with the columns searches filter on, so listing documents never reads the large vectors
 * and a search finds and orders its candidates from this narrow table and its index alone.
 */
export const documentSearch = pgTable(
  'document_search',
  {
    documentId: integer('document_id')
      .primaryKey()
      .references(() => documents.id, { onDelete: 'cascade' }),
    groupId: integer('group_id').notNull(),
    meetingId: integer('meeting_id'),
    type: text('type').$type<DocumentType>().notNull(),
    vector: tsvector('vector').notNull(),
  },
  (t) => [index('document_search_vector_idx').using('gin', t.vector), vocabularyCheck('document_search_type_check', t.type, documentTypes)],
);

export const documentRevisions = pgTable(
  'document_revisions',
  {
    id: serial('id').primaryKey(),
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    /** 0 is the original; 1 is "Rev.1". */
    revision: integer('revision').notNull(),
    fileHash: text('file_hash').notNull(),
    fileSize: bigint('file_size', { mode: 'number' }).notNull(),
    mediaType: text('media_type').notNull(),
    filename: text('filename').notNull(),
    /** Extracted for search; '' for files without text (zip) or when extraction failed. */
    text: text('text').notNull().default(''),
    uploadedBy: integer('uploaded_by').references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('document_revisions_key').on(t.documentId, t.revision), index('document_revisions_file_idx').on(t.fileHash)],
);

/** The last number given per group and type; taken under the row's lock in the submission's transaction, so numbers have no gaps. */
export const documentCounters = pgTable(
  'document_counters',
  {
    groupId: integer('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    type: text('type').$type<DocumentType>().notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.type] }), vocabularyCheck('document_counters_type_check', t.type, documentTypes)],
);

/** Contributions mailed to a group's contribution address by someone without an account: the secretariat decides. */
export const inboundSubmissions = pgTable(
  'inbound_submissions',
  {
    id: serial('id').primaryKey(),
    groupId: integer('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    meetingId: integer('meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
    fromAddress: text('from_address').notNull(),
    fromName: text('from_name').notNull().default(''),
    subject: text('subject').notNull().default(''),
    filename: text('filename').notNull(),
    fileHash: text('file_hash').notNull(),
    fileSize: bigint('file_size', { mode: 'number' }).notNull(),
    mediaType: text('media_type').notNull(),
    /** Whether the From address was verified (DMARC from the trusted relay, or envelope agreeing): only then is the sender told. */
    senderVerified: boolean('sender_verified').notNull().default(false),
    /** The mail's Message-ID and References, so that the decision is threaded under it. */
    messageId: text('message_id').notNull().default(''),
    mailReferences: text('mail_references').notNull().default(''),
    status: text('status').$type<InboundStatus>().notNull().default('pending'),
    documentId: integer('document_id').references(() => documents.id, { onDelete: 'set null' }),
    decidedBy: integer('decided_by').references(() => accounts.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('inbound_submissions_status_idx').on(t.status),
    vocabularyCheck('inbound_submissions_status_check', t.status, inboundStatuses),
  ],
);

/**
 * Every mail the inbound listener accepted, for per-sender rate limits: a row is reserved when a
 * recipient is accepted and removed again when the mail is not (refused, failed, connection lost).
 */
export const inboundMailLog = pgTable(
  'inbound_mail_log',
  {
    id: serial('id').primaryKey(),
    fromAddress: text('from_address').notNull(),
    outcome: text('outcome').$type<InboundMailOutcome>().notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [
    index('inbound_mail_log_from_idx').on(t.fromAddress, t.receivedAt),
    vocabularyCheck('inbound_mail_log_outcome_check', t.outcome, inboundMailOutcomes),
  ],
);
