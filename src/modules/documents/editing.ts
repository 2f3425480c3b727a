import { and, eq, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { sha256 } from '../../platform/crypto.ts';
import type { DbOrTx } from '../../platform/db/index.ts';
import { ConflictError, DomainError, NotFoundError, UnauthenticatedError } from '../../platform/errors.ts';
import { holdStoredFile } from '../../platform/files/references.ts';
import { claimRequestKey, earlierResult, recordResult, requestKeyOf } from '../../platform/idempotency/keys.ts';
import { authorize, authorizeRead } from '../../platform/policy.ts';
import { parseInput } from '../../platform/validation.ts';
import type { Actor } from '../accounts/profile.ts';
import { editSubject, groupOf, readSubject } from './access.ts';
import { checkWorkingGroups, type DocumentDetailsInput, documentDetailsSchema } from './details.ts';
import { type IncomingFile, revisionFile } from './files.ts';
import { editDocument, readDocuments } from './policies.ts';
import { type DocumentRow, documentByNumber, type RevisionRow, revisionOf } from './queries.ts';
import { documentRevisions, documentSearch, documents } from './schema.ts';
import { fileText, searchVectors } from './search/indexing.ts';
import type { KeyedResult } from './submission.ts';

const withdrawn = () => new DomainError('document-withdrawn', 409, 'error.documentWithdrawn');

/** The document, for someone who may edit it (404 for who may not read it, 403 for who may read but not edit). */
async function editableDocument(ctx: AppContext, actor: Actor | null, number: string): Promise<DocumentRow> {
  if (!actor) throw new UnauthenticatedError();
  const doc = await documentByNumber(ctx.db, number);
  authorizeRead(actor, readDocuments, readSubject(await groupOf(ctx, doc.groupId)));
  authorize(actor, editDocument, await editSubject(ctx, actor, doc));
  return doc;
}

/** Completes or corrects a document's details; the number never changes. */
export async function updateDocumentDetails(
  ctx: AppContext,
  actor: Actor | null,
  number: string,
  input: DocumentDetailsInput,
): Promise<DocumentRow> {
  const doc = await editableDocument(ctx, actor, number);
  if (doc.withdrawnAt) throw withdrawn();
  const data = parseInput(documentDetailsSchema, input);
  const workingGroups = await checkWorkingGroups(ctx, doc.groupId, data.workingGroups);
  const values = { ...data, workingGroups, number: doc.number };
  const latest = await revisionOf(ctx.db, doc.id, doc.latestRevision);
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
  const doc = await editableDocument(ctx, actor, number);
  if (doc.withdrawnAt) throw withdrawn();
  // A reserved number has no original to revise: it is filled through the submission form.
  if (doc.status === 'reserved') throw new ConflictError('document-reserved', 'error.documentReserved', { number: doc.number });
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
  const replay = async (db: DbOrTx, earlier: KeyedResult) => {
    const row = await revisionOf(db, earlier.documentId, earlier.revision ?? -1);
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
/** The document someone means to withdraw, for the confirmation page: only if they may withdraw it. */
export function documentToWithdraw(ctx: AppContext, actor: Actor | null, number: string): Promise<DocumentRow> {
  return editableDocument(ctx, actor, number);
}

export async function withdrawDocument(ctx: AppContext, actor: Actor | null, number: string): Promise<DocumentRow> {
  const doc = await editableDocument(ctx, actor, number);
  if (doc.withdrawnAt) return doc;
  const [row] = await ctx.db
    .update(documents)
    .set({ withdrawnAt: ctx.clock.now(), updatedAt: ctx.clock.now() })
    .where(and(eq(documents.id, doc.id), isNull(documents.withdrawnAt)))
    .returning();
  return row ?? doc;
}
