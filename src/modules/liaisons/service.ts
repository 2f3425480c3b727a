import { and, asc, count, eq, inArray, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { type DbOrTx, isUniqueViolation } from '../../platform/db/index.ts';
import { DomainError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { authorize, authorizeRead, may } from '../../platform/policy.ts';
import { idParam, oneOf, optionalIsoDate, optionalText, parseInput, requiredText } from '../../platform/validation.ts';
import { audit } from '../accounts/audit.ts';
import type { Actor } from '../accounts/profile.ts';
import { readSubject } from '../documents/access.ts';
import type { IncomingFile } from '../documents/files.ts';
import { readDocuments } from '../documents/policies.ts';
import { documentById, documentByNumber, documentsByIds } from '../documents/queries.ts';
import { submitDocument } from '../documents/submission.ts';
import { groupById } from '../groups/queries.ts';
import { canManageGroupContent, findGroup, type GroupRow } from '../groups/service.ts';
import { meetingPlace } from '../meetings/queries.ts';
import { manageLiaisons } from './policies.ts';
import { canAnswer, liaisonStatus } from './rules.ts';
import { liaisons } from './schema.ts';
import { type LiaisonStatus, liaisonDirections, liaisonPurposes } from './vocabulary.ts';

type LiaisonRow = typeof liaisons.$inferSelect;

/** An id typed in a form ('' for none) or sent as JSON (null for none). */
const optionalId = () => z.preprocess((v) => (v === '' || v === null ? undefined : v), idParam().optional());

const liaisonSchema = z
  .object({
    direction: oneOf(liaisonDirections),
    fromBody: requiredText(200),
    toBody: requiredText(200),
    title: requiredText(300),
    purpose: oneOf(liaisonPurposes),
    replyDeadline: z.preprocess((v) => (v === null ? undefined : v), optionalIsoDate()),
    contactName: optionalText(200),
    contactEmail: z
      .string()
      .trim()
      .toLowerCase()
      .max(254, { message: 'error.tooLong' })
      .refine((v) => v === '' || z.email().safeParse(v).success, { message: 'error.email' })
      .default(''),
    meetingId: optionalId(),
    /** The number of an existing document of the group (LS, or the output document an outgoing statement is made from). */
    documentNumber: z.preprocess((v) => (v === null ? undefined : v), optionalText(40)),
    replyTo: optionalId(),
  })
  .superRefine((v, c) => {
    // A statement for action asks for a reply by a date.
    if (v.purpose === 'action' && !v.replyDeadline)
      c.addIssue({ code: 'custom', path: ['replyDeadline'], message: 'error.liaison.deadlineRequired' });
  });
export type LiaisonInput = z.input<typeof liaisonSchema>;

const fieldError = (
  field: string,
  message: 'error.liaison.meeting' | 'error.liaison.document' | 'error.liaison.replyTo' | 'error.liaison.fileNeedsMeeting',
) => new ValidationError([{ field, message }]);

class LiaisonConflictError extends DomainError {
  constructor() {
    super('liaison-document-taken', 409, 'error.liaison.documentTaken', {}, [
      { field: 'documentNumber', message: 'error.liaison.documentTaken' },
    ]);
  }
}

/** Another statement took the same document meanwhile (the unique index decides between two at once). */
const documentTaken = (error: unknown): never => {
  throw isUniqueViolation(error) ? new LiaisonConflictError() : error;
};

/** What a page or the API shows of a statement: the row, its document's number, its status and its links. */
export interface LiaisonView extends LiaisonRow {
  groupCode: string;
  documentNumber: string | null;
  status: LiaisonStatus;
  replies: { id: number; title: string; direction: LiaisonRow['direction'] }[];
  replyToTitle: string | null;
}

/** A group's statements are read as its documents are (public, or for signed-in accounts only). */
const authorizeReadOf = (actor: Actor | null, group: GroupRow) => authorizeRead(actor, readDocuments, readSubject(group));

/** Whether the actor may register and edit the group's statements. */
export async function mayManageLiaisons(ctx: AppContext, actor: Actor | null, groupId: number): Promise<boolean> {
  return may(actor, manageLiaisons, { contentManager: await canManageGroupContent(ctx, actor, groupId) });
}

async function authorizeManage(ctx: AppContext, actor: Actor | null, groupId: number): Promise<Actor> {
  authorize(actor, manageLiaisons, { contentManager: await canManageGroupContent(ctx, actor, groupId) });
  return actor;
}

/** Each statement with what its page shows, in one query per kind of link. */
async function views(ctx: AppContext, group: Pick<GroupRow, 'code'>, rows: LiaisonRow[]): Promise<LiaisonView[]> {
  const ids = rows.map((r) => r.id);
  const [docs, replies, originals] = await Promise.all([
    documentsByIds(
      ctx,
      rows.flatMap((r) => (r.documentId ? [r.documentId] : [])),
    ),
    ids.length
      ? ctx.db
          .select({ id: liaisons.id, title: liaisons.title, direction: liaisons.direction, replyToId: liaisons.replyToId })
          .from(liaisons)
          .where(inArray(liaisons.replyToId, ids))
          .orderBy(asc(liaisons.id))
      : Promise.resolve([]),
    rows.some((r) => r.replyToId)
      ? ctx.db
          .select({ id: liaisons.id, title: liaisons.title })
          .from(liaisons)
          .where(
            inArray(
              liaisons.id,
              rows.flatMap((r) => (r.replyToId ? [r.replyToId] : [])),
            ),
          )
      : Promise.resolve([]),
  ]);
  const numbers = new Map(docs.map((d) => [d.id, d.number]));
  const titles = new Map(originals.map((o) => [o.id, o.title]));
  return rows.map((r) => {
    const answers = replies.filter((x) => x.replyToId === r.id).map(({ id, title, direction }) => ({ id, title, direction }));
    return {
      ...r,
      groupCode: group.code,
      documentNumber: r.documentId ? (numbers.get(r.documentId) ?? null) : null,
      status: liaisonStatus(r.purpose, answers.length),
      replies: answers,
      replyToTitle: r.replyToId ? (titles.get(r.replyToId) ?? null) : null,
    };
  });
}

/** The group's register: every statement, the latest first, for whoever may read the group's documents. */
export async function listLiaisons(ctx: AppContext, actor: Actor | null, code: string): Promise<{ group: GroupRow; rows: LiaisonView[] }> {
  const group = await findGroup(ctx, code);
  authorizeReadOf(actor, group);
  const rows = await ctx.db.select().from(liaisons).where(eq(liaisons.groupId, group.id)).orderBy(asc(liaisons.id));
  return { group, rows: (await views(ctx, group, rows)).reverse() };
}

async function rowOf(ctx: AppContext, id: number): Promise<LiaisonRow> {
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError();
  const [row] = await ctx.db.select().from(liaisons).where(eq(liaisons.id, id));
  if (!row) throw new NotFoundError();
  return row;
}

/** One statement, read as the group's documents are. */
export async function getLiaison(ctx: AppContext, actor: Actor | null, id: number): Promise<{ group: GroupRow; ls: LiaisonView }> {
  const row = await rowOf(ctx, id);
  const group = (await groupById(ctx, row.groupId))!;
  authorizeReadOf(actor, group);
  const [ls] = await views(ctx, group, [row]);
  return { group, ls: ls! };
}

/** The meeting that handles a statement is one of its group's (a meeting never changes group). */
async function checkMeeting(ctx: AppContext, group: GroupRow, meetingId: number | undefined): Promise<void> {
  if (meetingId === undefined) return;
  const place = await meetingPlace(ctx, meetingId);
  if (place?.groupId !== group.id) throw fieldError('meetingId', 'error.liaison.meeting');
}

/** The document and the statement answered, checked against the group: read with `db` (inside a transaction, its own). */
async function resolveLinks(db: DbOrTx, group: GroupRow, data: z.output<typeof liaisonSchema>, selfId?: number) {
  let documentId: number | null = null;
  if (data.documentNumber) {
    const doc = await documentByNumber(db, data.documentNumber).catch(() => null);
    // Its text is the group's own liaison statement, or the output document it is made from.
    if (!doc || doc.groupId !== group.id || (doc.type !== 'LS' && doc.type !== 'O'))
      throw fieldError('documentNumber', 'error.liaison.document');
    documentId = doc.id;
    const others = await db
      .select({ n: count() })
      .from(liaisons)
      .where(selfId === undefined ? eq(liaisons.documentId, doc.id) : and(eq(liaisons.documentId, doc.id), ne(liaisons.id, selfId)));
    if ((others[0]?.n ?? 0) > 0) throw new LiaisonConflictError();
  }
  if (data.replyTo !== undefined) {
    const [original] = await db.select().from(liaisons).where(eq(liaisons.id, data.replyTo));
    if (!original || original.groupId !== group.id || original.id === selfId || !canAnswer(data.direction, original.direction))
      throw fieldError('replyTo', 'error.liaison.replyTo');
  }
  return { documentId };
}

const rowValues = (data: z.output<typeof liaisonSchema>, documentId: number | null) => ({
  direction: data.direction,
  fromBody: data.fromBody,
  toBody: data.toBody,
  title: data.title,
  purpose: data.purpose,
  // A statement for information asks for no reply: a date typed anyway is not kept.
  replyDeadline: data.purpose === 'action' ? (data.replyDeadline ?? null) : null,
  contactName: data.contactName,
  contactEmail: data.contactEmail,
  meetingId: data.meetingId ?? null,
  documentId,
  replyToId: data.replyTo ?? null,
});

/**
 * Registers a statement of the group. With a file (an incoming statement as received), the file becomes a
 * document of type LS of the meeting that handles it, numbered like the group's other documents, through the
 * documents module's own submission; without one, `documentNumber` may name an existing LS or output document.
 * Everything is checked before the document is submitted, so refused input writes nothing. The submission is
 * the documents module's own transaction (numbering under its counter's lock), the statement's row is written
 * after it: should that last insert fail, the LS document stays, numbered, as any submitted document does.
 */
export async function createLiaison(
  ctx: AppContext,
  actor: Actor | null,
  code: string,
  input: LiaisonInput,
  file?: IncomingFile,
): Promise<LiaisonRow> {
  const group = await findGroup(ctx, code);
  const author = await authorizeManage(ctx, actor, group.id);
  const data = parseInput(liaisonSchema, input);
  if (file && data.meetingId === undefined) throw fieldError('meetingId', 'error.liaison.fileNeedsMeeting');
  if (file && data.documentNumber) throw fieldError('documentNumber', 'error.liaison.document');
  await checkMeeting(ctx, group, data.meetingId);
  let { documentId } = await resolveLinks(ctx.db, group, data);
  if (file) {
    const doc = await submitDocument(
      ctx,
      author,
      data.meetingId!,
      {
        type: 'LS',
        title: data.title,
        sources: [data.fromBody],
        keywords: [],
        workingGroups: [],
        contacts: data.contactEmail
          ? [{ name: data.contactName || data.fromBody, organization: data.fromBody, email: data.contactEmail }]
          : [],
      },
      file,
    );
    documentId = doc.id;
  }
  const now = ctx.clock.now();
  const [row] = await ctx.db
    .insert(liaisons)
    .values({ ...rowValues(data, documentId), groupId: group.id, createdBy: author.id, createdAt: now, updatedAt: now })
    .returning()
    .catch(documentTaken);
  await audit(ctx, author, 'liaison.create', `liaison:${row!.id}`);
  return row!;
}

/** What a statement's edit form and a PATCH start from: its fields as input. */
export async function liaisonAsInput(db: DbOrTx, row: LiaisonRow): Promise<LiaisonInput> {
  const doc = row.documentId ? await documentById(db, row.documentId).catch(() => null) : null;
  return {
    direction: row.direction,
    fromBody: row.fromBody,
    toBody: row.toBody,
    title: row.title,
    purpose: row.purpose,
    replyDeadline: row.replyDeadline ?? '',
    contactName: row.contactName,
    contactEmail: row.contactEmail,
    meetingId: row.meetingId ?? '',
    documentNumber: doc?.number ?? '',
    replyTo: row.replyToId ?? '',
  };
}

/** Changes a statement: the fields given replace its own, the whole then checked as on creation, under the row's lock. */
export async function updateLiaison(ctx: AppContext, actor: Actor | null, id: number, changes: Partial<LiaisonInput>): Promise<LiaisonRow> {
  // The group of a statement never changes: who may edit it is decided before the lock.
  const { groupId } = await rowOf(ctx, id);
  const author = await authorizeManage(ctx, actor, groupId);
  const group = (await groupById(ctx, groupId))!;
  // A meeting asked for is checked first; one kept is the row's own, checked when it was set.
  await checkMeeting(ctx, group, parseInput(z.object({ meetingId: optionalId() }), { meetingId: changes.meetingId }).meetingId);
  const row = await ctx.db
    .transaction(async (tx) => {
      const [current] = await tx.select().from(liaisons).where(eq(liaisons.id, id)).for('update');
      if (!current) throw new NotFoundError();
      const data = parseInput(liaisonSchema, { ...(await liaisonAsInput(tx, current)), ...changes });
      const { documentId } = await resolveLinks(tx, group, data, id);
      const [updated] = await tx
        .update(liaisons)
        .set({ ...rowValues(data, documentId), updatedAt: ctx.clock.now() })
        .where(eq(liaisons.id, id))
        .returning();
      return updated!;
    })
    .catch(documentTaken);
  await audit(ctx, author, 'liaison.update', `liaison:${id}`);
  return row;
}
