import { and, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { sha256 } from '../../platform/crypto.ts';
import { sqlString } from '../../platform/db/checks.ts';
import { rowsOf, type Tx } from '../../platform/db/index.ts';
import { DomainError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '../../platform/errors.ts';
import { holdStoredFile } from '../../platform/files/references.ts';
import { type DocumentKind, displayFileName } from '../../platform/files/sniff.ts';
import { claimRequestKey, earlierResult, recordResult, requestKeyOf } from '../../platform/idempotency/keys.ts';
import { authorize, authorizeRead, may } from '../../platform/policy.ts';
import { deadlineClosesAt } from '../../platform/time.ts';
import { email, oneOf, optionalText, parseInput, requiredText } from '../../platform/validation.ts';
import { isOneOf } from '../../platform/vocabulary.ts';
import type { Actor } from '../accounts/profile.ts';
import { groupById, subgroupLabelsOf } from '../groups/queries.ts';
import { canManageGroupContent } from '../groups/service.ts';
import { meetingPlace, meetingTitles } from '../meetings/queries.ts';
import { getMeeting, type MeetingDetail } from '../meetings/service.ts';
import { editDocument, readDocuments, submitDocumentOfType } from './policies.ts';
import { canReadDocuments, documentNumber, documentPrefix, submissionTiming } from './rules.ts';
import { type DocumentContact, documentCounters, documentRevisions, documentSearch, documents } from './schema.ts';
import { extractText } from './search/extraction.ts';
import { indexText } from './search/terms.ts';
import { type DocumentType, documentTypes } from './vocabulary.ts';

export type DocumentRow = typeof documents.$inferSelect;
type RevisionRow = typeof documentRevisions.$inferSelect;
type GroupRow = NonNullable<Awaited<ReturnType<typeof groupById>>>;

/** A file already in the store, its kind checked against its content. */
export interface IncomingFile {
  hash: string;
  size: number;
  filename: string;
  kind: DocumentKind;
  mediaType: string;
}

/**
 * Lists arrive as arrays (API) or as one text with commas, semicolons or new lines (forms, mail), as typed
 * on any keyboard: Arabic ، ؛ and full-width ，；、 too.
 */
const list = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.split(/[,;\n\u060c\u061b\uff0c\uff1b\u3001]/) : (v ?? [])),
    z
      .array(z.string().trim().max(200, { message: 'error.tooLong' }))
      .transform((items) => [...new Set(items.filter(Boolean))])
      .pipe(z.array(z.string()).max(max, { message: 'error.tooMany' })),
  );

const contactSchema = z.object({
  name: requiredText(200),
  organization: optionalText(200),
  email: email(),
});

export const documentDetailsSchema = z.object({
  title: requiredText(300),
  abstract: optionalText(5000, { lines: true }),
  keywords: list(30),
  sources: list(30),
  contacts: z.preprocess(
    (v) => (Array.isArray(v) ? v.filter((c) => c && Object.values(c as object).some((x) => String(x ?? '').trim())) : v),
    z.array(contactSchema).max(10, { message: 'error.tooMany' }),
  ),
  workingGroups: list(20),
});
type DocumentDetailsInput = z.input<typeof documentDetailsSchema>;

const submissionSchema = documentDetailsSchema.extend({
  type: oneOf(documentTypes).default('I'),
});
export type SubmissionInput = z.input<typeof submissionSchema>;

export const deadlinePassed = () => new DomainError('contribution-deadline-passed', 409, 'error.contributionDeadlinePassed');
const withdrawn = () => new DomainError('document-withdrawn', 409, 'error.documentWithdrawn');

export interface DocumentView extends DocumentRow {
  revisions: RevisionRow[];
  groupCode: string;
  meetingTitle: Record<string, string> | null;
  canEdit: boolean;
}

/** Documents of a group are readable by anyone, or by signed-in accounts only (a group setting). */
function assertCanRead(actor: Actor | null, group: Pick<GroupRow, 'documentAccess'>): void {
  authorizeRead(actor, readDocuments, { access: group.documentAccess });
}

async function groupOf(ctx: AppContext, groupId: number): Promise<GroupRow> {
  const group = await groupById(ctx, groupId);
  if (!group) throw new NotFoundError();
  return group;
}

/** The group's subgroup labels in order ("TG", "WG1" …): what documents are targeted at. */
export function workingGroupsOf(ctx: AppContext, groupId: number): Promise<string[]> {
  return subgroupLabelsOf(ctx, groupId);
}

async function checkWorkingGroups(ctx: AppContext, groupId: number, chosen: string[]): Promise<string[]> {
  const labels = new Set(await workingGroupsOf(ctx, groupId));
  const normalised = chosen.map((w) => w.toUpperCase().replace(/\s+/g, ''));
  const unknown = normalised.findIndex((w) => !labels.has(w));
  if (unknown >= 0)
    throw new ValidationError([{ field: 'workingGroups', message: 'error.unknownWorkingGroup', params: { name: chosen[unknown]! } }]);
  return normalised;
}

/**
 * Search vectors: the ranking one (number and title weigh most, then abstract, keywords, sources and
 * working groups) and the matching one, which adds the file's text.
 */
function searchVectors(
  doc: Pick<DocumentRow, 'number' | 'title' | 'abstract' | 'keywords' | 'sources' | 'workingGroups'>,
  body: string,
): { rank: SQL; match: SQL } {
  const title = indexText(`${doc.number} ${doc.title}`);
  const meta = indexText([doc.abstract, ...doc.keywords, ...doc.sources, ...doc.workingGroups].join(' '));
  const rank = sql`(setweight(to_tsvector('simple', ${title}), 'A') || setweight(to_tsvector('simple', ${meta}), 'B'))`;
  return { rank, match: sql`(${rank} || setweight(to_tsvector('simple', ${indexText(body)}), 'D'))` };
}

/**
 * The file's text for search, bounded (see `extractText`): over a limit the text so far is kept, and
 * the document is stored anyway — findable by its number, title and other details.
 */
async function fileText(ctx: AppContext, file: IncomingFile): Promise<string> {
  const extracted = await extractText(file.kind, () => ctx.files.open(file.hash), file.size);
  if (extracted.stopped)
    ctx.log.info(
      { kind: file.kind, size: file.size, stopped: extracted.stopped, chars: extracted.text.length },
      'text extraction stopped at a limit',
    );
  return extracted.text;
}

/**
 * Takes the next number of the group and type. The counter row stays locked until the submission's
 * transaction ends; a failed submission rolls its number back, so numbers have neither gaps nor twins.
 */
async function nextSeq(tx: Tx, groupId: number, type: DocumentType): Promise<number> {
  const [row] = await tx
    .insert(documentCounters)
    .values({ groupId, type, last: 1 })
    .onConflictDoUpdate({ target: [documentCounters.groupId, documentCounters.type], set: { last: sql`${documentCounters.last} + 1` } })
    .returning({ last: documentCounters.last });
  return row!.last;
}

interface SubmitOptions {
  via?: 'web' | 'email';
  /** A contribution by e-mail: the details are completed later by the submitter. */
  needsDetails?: boolean;
  /** What `prepareSubmission` found before the file was read (saves reading it again). */
  target?: SubmissionTarget;
  /**
   * Makes the submission safe to repeat (a form's hidden key, the API's Idempotency-Key): the same key
   * from the same account returns the first document; under a different request, 422.
   */
  requestKey?: string;
}

/** Who submits to which meeting, on time or not: all that is decided before the body is read. */
export interface SubmissionTarget {
  actor: Actor;
  detail: MeetingDetail;
  group: GroupRow;
  staff: boolean;
  timing: 'on-time' | 'late';
}

/**
 * Checks what the request line and the session decide — signed in (401), the meeting exists (404), the
 * contribution deadline does not refuse this submitter (409) — before any byte of the file is read.
 */
export async function prepareSubmission(ctx: AppContext, actor: Actor | null, meetingId: number): Promise<SubmissionTarget> {
  if (!actor) throw new UnauthenticatedError();
  const detail = await getMeeting(ctx, meetingId);
  const group = await groupOf(ctx, detail.group.id);
  const staff = await canManageGroupContent(ctx, actor, group.id);
  const timing = contributionTiming(ctx, detail, staff);
  if (timing === 'refused') throw deadlinePassed();
  return { actor, detail, group, staff, timing };
}

/** A type only staff may submit (TD, O), sent by someone else: refused before the file is stored. */
export function assertTypeAllowed(target: SubmissionTarget, type: unknown): void {
  if (isOneOf(documentTypes, type)) {
    authorize(target.actor, submitDocumentOfType, { type, contentManager: target.staff });
  }
}

type KeyedResult = { documentId: number; revision: number | null };

async function documentById(db: AppContext['db'] | Tx, id: number): Promise<DocumentRow> {
  const [doc] = await db.select().from(documents).where(eq(documents.id, id));
  if (!doc) throw new NotFoundError();
  return doc;
}

export type SubmittedDocument = DocumentRow & { replayed: boolean };

/** Submits a document for a meeting: checked, numbered, stored with its text indexed. */
export async function submitDocument(
  ctx: AppContext,
  actor: Actor | null,
  meetingId: number,
  input: SubmissionInput,
  file: IncomingFile,
  options: SubmitOptions = {},
): Promise<SubmittedDocument> {
  const target = options.target ?? (await prepareSubmission(ctx, actor, meetingId));
  const { detail, group, staff, timing } = target;
  const submitter = target.actor;
  const data = parseInput(submissionSchema, input);
  authorize(submitter, submitDocumentOfType, { type: data.type, contentManager: staff });
  const workingGroups = await checkWorkingGroups(ctx, group.id, data.workingGroups);
  const key = requestKeyOf(options.requestKey);
  const requestKey = key && {
    scope: 'document',
    accountId: submitter.id,
    key,
    requestHash: sha256(JSON.stringify({ submit: meetingId, data, workingGroups, file: [file.hash, file.filename] })),
  };
  if (requestKey) {
    // A repeat of a committed submission needs no text extraction.
    const earlier = await earlierResult<KeyedResult>(ctx.db, requestKey);
    if (earlier) return { ...(await documentById(ctx.db, earlier.documentId)), replayed: true };
  }
  const body = await fileText(ctx, file);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    if (requestKey) {
      const earlier = await claimRequestKey<KeyedResult>(tx, requestKey, now);
      if (earlier) return { ...(await documentById(tx, earlier.documentId)), replayed: true };
    }
    await holdStoredFile(tx, ctx.files, file.hash);
    const seq = await nextSeq(tx, group.id, data.type);
    const number = documentNumber(documentPrefix(group), data.type, seq);
    const values = { ...data, workingGroups, number };
    const vectors = searchVectors(values, body);
    const [doc] = await tx
      .insert(documents)
      .values({
        ...values,
        groupId: group.id,
        meetingId: detail.meeting.id,
        seq,
        late: timing === 'late',
        ownerId: submitter.id,
        submittedVia: options.via ?? 'web',
        needsDetails: options.needsDetails ?? false,
        searchVector: vectors.rank,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx
      .insert(documentSearch)
      .values({ documentId: doc!.id, groupId: group.id, meetingId: detail.meeting.id, type: data.type, vector: vectors.match });
    await tx
      .insert(documentRevisions)
      .values({ documentId: doc!.id, revision: 0, ...revisionFile(file), text: body, uploadedBy: submitter.id, createdAt: now });
    if (requestKey) await recordResult(tx, requestKey, { documentId: doc!.id, revision: null } satisfies KeyedResult);
    return { ...doc!, replayed: false };
  });
}

const revisionFile = (file: IncomingFile) => ({
  fileHash: file.hash,
  fileSize: file.size,
  mediaType: file.mediaType,
  filename: file.filename,
});

/** Whether a submission now is on time, late or refused, by the meeting's contribution deadline and policy. */
export function contributionTiming(ctx: AppContext, detail: MeetingDetail, staff: boolean) {
  const closesAt = deadlineClosesAt(detail.deadlines.contributions, detail.meeting.timeZone);
  return submissionTiming(ctx.clock.now(), closesAt, detail.meeting.lateContributions, staff);
}

async function findByNumber(ctx: AppContext | { db: Tx }, number: string): Promise<DocumentRow> {
  const [doc] = await ctx.db.select().from(documents).where(eq(documents.number, number.trim().toUpperCase()));
  if (!doc) throw new NotFoundError();
  return doc;
}

/** The submitter, the secretariat and the group's officers edit a document; others may not. */
async function canEdit(ctx: AppContext, actor: Actor | null, doc: DocumentRow): Promise<boolean> {
  if (!actor) return false;
  const contentManager = doc.ownerId !== actor.id && (await canManageGroupContent(ctx, actor, doc.groupId));
  return may(actor, editDocument, { ownerId: doc.ownerId, contentManager });
}

async function editable(ctx: AppContext, actor: Actor | null, number: string): Promise<DocumentRow> {
  if (!actor) throw new UnauthenticatedError();
  const doc = await findByNumber(ctx, number);
  const group = await groupOf(ctx, doc.groupId);
  assertCanRead(actor, group);
  if (!(await canEdit(ctx, actor, doc))) throw new ForbiddenError();
  return doc;
}

/** A document with all its revisions, for whoever may read the group's documents. */
export async function getDocument(ctx: AppContext, actor: Actor | null, number: string): Promise<DocumentView> {
  const doc = await findByNumber(ctx, number);
  const group = await groupOf(ctx, doc.groupId);
  assertCanRead(actor, group);
  const [revisions, meetingTitle, mayEdit] = await Promise.all([
    ctx.db.select().from(documentRevisions).where(eq(documentRevisions.documentId, doc.id)).orderBy(desc(documentRevisions.revision)),
    doc.meetingId ? meetingTitles(ctx, [doc.meetingId]) : Promise.resolve(new Map<number, Record<string, string>>()),
    canEdit(ctx, actor, doc),
  ]);
  return {
    ...doc,
    revisions: revisions.map((r) => ({ ...r, filename: displayFileName(r.filename) })),
    groupCode: group.code,
    meetingTitle: (doc.meetingId && meetingTitle.get(doc.meetingId)) || null,
    canEdit: mayEdit,
  };
}

/** Completes or corrects a document's details; the number never changes. */
export async function updateDocumentDetails(
  ctx: AppContext,
  actor: Actor | null,
  number: string,
  input: DocumentDetailsInput,
): Promise<DocumentRow> {
  const doc = await editable(ctx, actor, number);
  if (doc.withdrawnAt) throw withdrawn();
  const data = parseInput(documentDetailsSchema, input);
  const workingGroups = await checkWorkingGroups(ctx, doc.groupId, data.workingGroups);
  const values = { ...data, workingGroups, number: doc.number };
  const [latest] = await ctx.db
    .select({ text: documentRevisions.text })
    .from(documentRevisions)
    .where(and(eq(documentRevisions.documentId, doc.id), eq(documentRevisions.revision, doc.latestRevision)));
  const vectors = searchVectors(values, latest?.text ?? '');
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(documents)
      .set({ ...data, workingGroups, needsDetails: false, searchVector: vectors.rank, updatedAt: ctx.clock.now() })
      .where(eq(documents.id, doc.id))
      .returning();
    await tx.update(documentSearch).set({ vector: vectors.match }).where(eq(documentSearch.documentId, doc.id));
    return row!;
  });
}

/**
 * Checks, before any byte of the file is read, that the actor may add a revision: signed in (401), the
 * document exists (404), theirs or the group's staff (403), not withdrawn (409).
 */
export async function prepareRevision(ctx: AppContext, actor: Actor | null, number: string): Promise<DocumentRow> {
  const doc = await editable(ctx, actor, number);
  if (doc.withdrawnAt) throw withdrawn();
  return doc;
}

/** A new revision (Rev.1, Rev.2 …): same number, every earlier file kept. */
export async function reviseDocument(
  ctx: AppContext,
  actor: Actor | null,
  number: string,
  file: IncomingFile,
  options: { requestKey?: string } = {},
): Promise<RevisionRow & { replayed: boolean }> {
  const doc = await prepareRevision(ctx, actor, number);
  const key = requestKeyOf(options.requestKey);
  const requestKey = key && {
    scope: 'document',
    accountId: actor!.id,
    key,
    requestHash: sha256(JSON.stringify({ revise: doc.id, file: [file.hash, file.filename] })),
  };
  const replay = async (db: AppContext['db'] | Tx, earlier: KeyedResult) => {
    const [row] = await db
      .select()
      .from(documentRevisions)
      .where(and(eq(documentRevisions.documentId, earlier.documentId), eq(documentRevisions.revision, earlier.revision ?? -1)));
    if (!row) throw new NotFoundError();
    return { ...row, replayed: true };
  };
  if (requestKey) {
    const earlier = await earlierResult<KeyedResult>(ctx.db, requestKey);
    if (earlier) return replay(ctx.db, earlier);
  }
  const body = await fileText(ctx, file);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    if (requestKey) {
      const earlier = await claimRequestKey<KeyedResult>(tx, requestKey, now);
      if (earlier) return replay(tx, earlier);
    }
    await holdStoredFile(tx, ctx.files, file.hash);
    // The document row's lock orders concurrent revisions.
    const [current] = await tx
      .update(documents)
      .set({ latestRevision: sql`${documents.latestRevision} + 1`, updatedAt: now })
      .where(eq(documents.id, doc.id))
      .returning({ latestRevision: documents.latestRevision });
    await tx
      .update(documentSearch)
      .set({ vector: searchVectors(doc, body).match })
      .where(eq(documentSearch.documentId, doc.id));
    const [revision] = await tx
      .insert(documentRevisions)
      .values({
        documentId: doc.id,
        revision: current!.latestRevision,
        ...revisionFile(file),
        text: body,
        uploadedBy: actor!.id,
        createdAt: now,
      })
      .returning();
    if (requestKey) await recordResult(tx, requestKey, { documentId: doc.id, revision: revision!.revision } satisfies KeyedResult);
    return { ...revision!, replayed: false };
  });
}

/** Withdrawn documents stay listed, marked, with their files. */
export async function withdrawDocument(ctx: AppContext, actor: Actor | null, number: string): Promise<DocumentRow> {
  const doc = await editable(ctx, actor, number);
  if (doc.withdrawnAt) return doc;
  const [row] = await ctx.db
    .update(documents)
    .set({ withdrawnAt: ctx.clock.now(), updatedAt: ctx.clock.now() })
    .where(and(eq(documents.id, doc.id), isNull(documents.withdrawnAt)))
    .returning();
  return row ?? doc;
}

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
  withdrawn: boolean;
  latestRevision: number;
  meetingId: number | null;
  createdAt: Date;
  updatedAt: Date;
  needsDetails: boolean;
  /** The submission's date (YYYY-MM-DD) in the listing's time zone. */
  submittedOn: string;
}

function orderFor(sort: string | undefined, descending: boolean): SQL[] {
  const dir = (column: SQL) => (descending ? sql`${column} DESC` : sql`${column} ASC`);
  switch (sort) {
    case 'title':
      return [dir(sql`lower(title)`), sql`id`];
    case 'date':
      return [dir(sql`created_at`), sql`id`];
    case 'source':
      return [dir(sql`lower(sources->>0)`), sql`id`];
    case 'group':
      return [dir(sql`working_groups->>0`), sql`id`];
    default:
      return [dir(sql`array_position(ARRAY[${sql.raw(documentTypes.map(sqlString).join(','))}], type)`), dir(sql`seq`)];
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
    SELECT id, number, type, title, sources, working_groups, late, withdrawn_at IS NOT NULL AS withdrawn, latest_revision,
           meeting_id, created_at, updated_at, needs_details, (created_at AT TIME ZONE ${timeZone})::date::text AS submitted_on
    FROM documents WHERE ${and(...conditions)}
    ORDER BY ${sql.join(orderFor(filter.sort, filter.desc ?? false), sql`, `)}`);
  return rowsOf<RawListed>(result).map((r) => ({
    id: r.id,
    number: r.number,
    type: r.type,
    title: r.title,
    sources: r.sources,
    workingGroups: r.working_groups,
    late: r.late,
    withdrawn: r.withdrawn,
    latestRevision: r.latest_revision,
    meetingId: r.meeting_id,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
    needsDetails: r.needs_details,
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
  withdrawn: boolean;
  latest_revision: number;
  meeting_id: number | null;
  created_at: Date | string;
  updated_at: Date | string;
  needs_details: boolean;
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
      xid: sql<string | null>`max(documents.xmin::text::bigint)::text`,
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
  assertCanRead(actor, group);
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
  assertCanRead(actor, group);
  return listDocuments(ctx, eq(documents.groupId, groupId), filter);
}

/** Whether the reader may download the group's documents (pages show links or a sign-in prompt). */
/** Whether the actor may read the group's documents; a caller already holding the group's setting saves a query. */
export async function mayReadGroupDocuments(
  ctx: AppContext,
  actor: Actor | null,
  group: number | { id: number; documentAccess: string },
): Promise<boolean> {
  const access = typeof group === 'number' ? (await groupOf(ctx, group)).documentAccess : group.documentAccess;
  return canReadDocuments(access, actor !== null);
}

interface DownloadableFile {
  hash: string;
  filename: string;
  mediaType: string;
  size: number;
}

/** A revision's file (the latest when `revision` is undefined), checked against the group's access. */
export async function revisionFileFor(
  ctx: AppContext,
  actor: Actor | null,
  number: string,
  revision?: number,
): Promise<DownloadableFile & { document: DocumentRow; publicAccess: boolean }> {
  const doc = await findByNumber(ctx, number);
  const group = await groupOf(ctx, doc.groupId);
  assertCanRead(actor, group);
  const [row] = await ctx.db
    .select()
    .from(documentRevisions)
    .where(and(eq(documentRevisions.documentId, doc.id), eq(documentRevisions.revision, revision ?? doc.latestRevision)));
  if (!row) throw new NotFoundError();
  return {
    hash: row.fileHash,
    filename: row.filename,
    mediaType: row.mediaType,
    size: row.fileSize,
    document: doc,
    publicAccess: canReadDocuments(group.documentAccess, false),
  };
}

/** The latest file of every document of a meeting, for "download all". */
export async function meetingFiles(
  ctx: AppContext,
  actor: Actor | null,
  meetingId: number,
): Promise<(DownloadableFile & { number: string; revision: number })[]> {
  const listed = await listMeetingDocuments(ctx, actor, meetingId);
  if (listed.length === 0) return [];
  const rows = await ctx.db
    .select({
      documentId: documentRevisions.documentId,
      revision: documentRevisions.revision,
      hash: documentRevisions.fileHash,
      filename: documentRevisions.filename,
      mediaType: documentRevisions.mediaType,
      size: documentRevisions.fileSize,
    })
    .from(documentRevisions)
    .innerJoin(documents, and(eq(documents.id, documentRevisions.documentId), eq(documents.latestRevision, documentRevisions.revision)))
    .where(
      inArray(
        documentRevisions.documentId,
        listed.map((d) => d.id),
      ),
    );
  const byId = new Map(rows.map((r) => [r.documentId, r]));
  return listed.flatMap((d) => {
    const r = byId.get(d.id);
    return r ? [{ number: d.number, revision: r.revision, hash: r.hash, filename: r.filename, mediaType: r.mediaType, size: r.size }] : [];
  });
}

export type { DocumentContact };
