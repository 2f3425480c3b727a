import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { sqlString } from '../../platform/db/checks.ts';
import { rowsOf } from '../../platform/db/index.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { authorizeRead } from '../../platform/policy.ts';
import { isOneOf } from '../../platform/vocabulary.ts';
import type { Actor } from '../accounts/profile.ts';
import { groupById } from '../groups/queries.ts';
import { meetingPlace } from '../meetings/queries.ts';
import type { ContributionClass } from '../meetings/vocabulary.ts';
import { groupOf, readSubject } from './access.ts';
import { readDocuments } from './policies.ts';
import { documents } from './schema.ts';
import { type DocumentStatus, documentTypes } from './vocabulary.ts';

export const documentSorts = ['number', 'title', 'date', 'source', 'group'] as const;

export interface DocumentFilter {
  type?: string;
  workingGroup?: string;
  q?: string;
  sort?: string;
  desc?: boolean;
}

export interface ListedDocument {
  id: number;
  number: string;
  type: string;
  title: string;
  sources: string[];
  workingGroups: string[];
  late: boolean;
  deadlineClass: ContributionClass;
  heldOverFrom: number | null;
  withdrawn: boolean;
  latestRevision: number;
  meetingId: number | null;
  createdAt: Date;
  updatedAt: Date;
  needsDetails: boolean;
  /** `reserved`: a number without its file yet. */
  status: DocumentStatus;
  /** The submission's date (YYYY-MM-DD) in the listing's time zone. */
  submittedOn: string;
}

function orderFor(sort: string | undefined, descending: boolean): SQL[] {
  const dir = (column: SQL) => (descending ? sql`${column} DESC` : sql`${column} ASC`);
  switch (sort) {
    case 'title':
      return [dir(sql`lower(${documents.title})`), sql`${documents.id}`];
    case 'date':
      return [dir(sql`${documents.createdAt}`), sql`${documents.id}`];
    case 'source':
      return [dir(sql`lower(${documents.sources}->>0)`), sql`${documents.id}`];
    case 'group':
      return [dir(sql`${documents.workingGroups}->>0`), sql`${documents.id}`];
    default:
      return [
        dir(sql`array_position(ARRAY[${sql.raw(documentTypes.map(sqlString).join(','))}], ${documents.type})`),
        dir(sql`${documents.seq}`),
      ];
  }
}

async function listDocuments(ctx: AppContext, where: SQL, filter: DocumentFilter, timeZone = 'UTC'): Promise<ListedDocument[]> {
  const conditions: SQL[] = [where];
  if (isOneOf(documentTypes, filter.type)) conditions.push(eq(documents.type, filter.type));
  if (filter.workingGroup) conditions.push(sql`${documents.workingGroups} ? ${filter.workingGroup.toUpperCase()}`);
  if (filter.q?.trim()) {
    const like = `%${filter.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      sql`(${documents.title} ILIKE ${like} OR ${documents.number} ILIKE ${like} OR ${documents.sources}::text ILIKE ${like})`,
    );
  }
  // Plain rows rather than the query builder's mapped ones: a meeting may list thousands.
  const result = await ctx.db.execute(sql`
    SELECT ${documents.id}, ${documents.number}, ${documents.type}, ${documents.title}, ${documents.sources}, ${documents.workingGroups},
           ${documents.late}, ${documents.deadlineClass}, ${documents.heldOverFrom}, ${documents.withdrawnAt} IS NOT NULL AS withdrawn, ${documents.latestRevision}, ${documents.meetingId},
           ${documents.createdAt}, ${documents.updatedAt}, ${documents.needsDetails}, ${documents.status},
           (${documents.createdAt} AT TIME ZONE ${timeZone})::date::text AS submitted_on
    FROM ${documents} WHERE ${and(...conditions)}
    ORDER BY ${sql.join(orderFor(filter.sort, filter.desc ?? false), sql`, `)}`);
  return rowsOf<RawListed>(result).map((r) => ({
    id: r.id,
    number: r.number,
    type: r.type,
    title: r.title,
    sources: r.sources,
    workingGroups: r.working_groups,
    late: r.late,
    deadlineClass: r.deadline_class,
    heldOverFrom: r.held_over_from,
    withdrawn: r.withdrawn,
    latestRevision: r.latest_revision,
    meetingId: r.meeting_id,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
    needsDetails: r.needs_details,
    status: r.status,
    submittedOn: r.submitted_on,
  }));
}

interface RawListed {
  id: number;
  number: string;
  type: string;
  title: string;
  sources: string[];
  working_groups: string[];
  late: boolean;
  deadline_class: ContributionClass;
  held_over_from: number | null;
  withdrawn: boolean;
  latest_revision: number;
  meeting_id: number | null;
  created_at: Date | string;
  updated_at: Date | string;
  needs_details: boolean;
  status: DocumentStatus;
  submitted_on: string;
}

/** Changes whenever a document of the meeting (or group) is added or changed: for reusing a rendered list. */
export async function documentsVersion(ctx: AppContext, scope: { meetingId: number } | { groupId: number }): Promise<string> {
  const where = 'meetingId' in scope ? eq(documents.meetingId, scope.meetingId) : eq(documents.groupId, scope.groupId);
  // The newest row version's transaction id changes with every write, even two within one clock tick.
  const [row] = await ctx.db
    .select({
      n: sql<number>`count(*)::int`,
      latest: sql<string | null>`max(${documents.updatedAt})::text`,
      xid: sql<string | null>`max(${documents}.xmin::text::bigint)::text`,
    })
    .from(documents)
    .where(where);
  return `${row?.n ?? 0}@${row?.latest ?? ''}#${row?.xid ?? ''}`;
}

/** A meeting's documents, for whoever may read its group's documents. */
export async function listMeetingDocuments(
  ctx: AppContext,
  actor: Actor | null,
  meetingId: number,
  filter: DocumentFilter = {},
): Promise<ListedDocument[]> {
  const place = await meetingPlace(ctx, meetingId);
  const group = place && (await groupById(ctx, place.groupId));
  if (!place || !group) throw new NotFoundError();
  authorizeRead(actor, readDocuments, readSubject(group));
  return listDocuments(ctx, eq(documents.meetingId, meetingId), filter, place.timeZone);
}

/** A group's documents across its meetings. */
export async function listGroupDocuments(
  ctx: AppContext,
  actor: Actor | null,
  groupId: number,
  filter: DocumentFilter = {},
): Promise<ListedDocument[]> {
  const group = await groupOf(ctx, groupId);
  authorizeRead(actor, readDocuments, readSubject(group));
  return listDocuments(ctx, eq(documents.groupId, groupId), filter);
}
