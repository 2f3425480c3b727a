import { and, desc, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { displayFileName } from '../../platform/files/sniff.ts';
import { authorizeRead, may } from '../../platform/policy.ts';
import type { Actor } from '../accounts/profile.ts';
import { meetingTitles } from '../meetings/queries.ts';
import { getMeeting } from '../meetings/service.ts';
import { editSubject, groupOf, readSubject } from './access.ts';
import { listMeetingDocuments } from './listing.ts';
import { editDocument, readDocuments } from './policies.ts';
import { type DocumentRow, documentByNumber, type RevisionRow, revisionOf } from './queries.ts';
import { reservationLapsed } from './reservation-rules.ts';
import { canReadDocuments } from './rules.ts';
import { documentRevisions, documents } from './schema.ts';

export interface DocumentView extends DocumentRow {
  revisions: RevisionRow[];
  groupCode: string;
  meetingTitle: Record<string, string> | null;
  /** Held over: the title of the meeting it was too late for. */
  heldOverFromTitle: Record<string, string> | null;
  /** The reader may edit, revise and withdraw it (decided by `editDocument`). */
  mayEdit: boolean;
  /** A reservation not filled by the meeting's contribution deadline: "not submitted". */
  lapsed: boolean;
}

/** A document with all its revisions, for whoever may read the group's documents. */
export async function getDocument(ctx: AppContext, actor: Actor | null, number: string): Promise<DocumentView> {
  const doc = await documentByNumber(ctx.db, number);
  const group = await groupOf(ctx, doc.groupId);
  authorizeRead(actor, readDocuments, readSubject(group));
  const [revisions, meetingTitle, mayEdit, lapsed] = await Promise.all([
    ctx.db.select().from(documentRevisions).where(eq(documentRevisions.documentId, doc.id)).orderBy(desc(documentRevisions.revision)),
    meetingTitles(
      ctx,
      [doc.meetingId, doc.heldOverFrom].filter((id): id is number => id !== null),
    ),
    editSubject(ctx, actor, doc).then((subject) => may(actor, editDocument, subject)),
    doc.status === 'reserved' && doc.meetingId
      ? getMeeting(ctx, doc.meetingId).then((detail) => reservationLapsed(ctx, doc, detail))
      : Promise.resolve(false),
  ]);
  return {
    ...doc,
    revisions: revisions.map((r) => ({ ...r, filename: displayFileName(r.filename) })),
    groupCode: group.code,
    meetingTitle: (doc.meetingId && meetingTitle.get(doc.meetingId)) || null,
    heldOverFromTitle: (doc.heldOverFrom && meetingTitle.get(doc.heldOverFrom)) || null,
    mayEdit,
    lapsed,
  };
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
  const doc = await documentByNumber(ctx.db, number);
  const group = await groupOf(ctx, doc.groupId);
  authorizeRead(actor, readDocuments, readSubject(group));
  const row = await revisionOf(ctx.db, doc.id, revision ?? doc.latestRevision);
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
