import { and, count, eq, inArray, isNull, ne, type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { DbOrTx } from '../../platform/db/index.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { documentRevisions, documents } from './schema.ts';

export type DocumentRow = typeof documents.$inferSelect;
export type RevisionRow = typeof documentRevisions.$inferSelect;

/** What other modules show of a document: its number, title, meeting and whether it was withdrawn. */
interface DocumentRef {
  id: number;
  number: string;
  title: string;
  meetingId: number | null;
  withdrawnAt: Date | null;
}

async function refsWhere(ctx: AppContext, where: SQL): Promise<DocumentRef[]> {
  return ctx.db
    .select({
      id: documents.id,
      number: documents.number,
      title: documents.title,
      meetingId: documents.meetingId,
      withdrawnAt: documents.withdrawnAt,
    })
    .from(documents)
    .where(where);
}

/** The documents `ids` (unknown ones left out). */
export const documentsByIds = (ctx: AppContext, ids: number[]): Promise<DocumentRef[]> =>
  ids.length ? refsWhere(ctx, inArray(documents.id, ids)) : Promise.resolve([]);

/** The documents numbered `numbers` (unknown ones left out). */
export const documentsByNumbers = (ctx: AppContext, numbers: string[]): Promise<DocumentRef[]> =>
  numbers.length ? refsWhere(ctx, inArray(documents.number, numbers)) : Promise.resolve([]);

/** One document by id; NotFoundError when there is none. */
export async function documentById(db: DbOrTx, id: number): Promise<DocumentRow> {
  const [doc] = await db.select().from(documents).where(eq(documents.id, id));
  if (!doc) throw new NotFoundError();
  return doc;
}

/** One document by its number, as typed (any case, spaces around); NotFoundError when there is none. */
export async function documentByNumber(db: DbOrTx, number: string): Promise<DocumentRow> {
  const [doc] = await db.select().from(documents).where(eq(documents.number, number.trim().toUpperCase()));
  if (!doc) throw new NotFoundError();
  return doc;
}

/** One revision of a document, or undefined. */
export async function revisionOf(db: DbOrTx, documentId: number, revision: number): Promise<RevisionRow | undefined> {
  const [row] = await db
    .select()
    .from(documentRevisions)
    .where(and(eq(documentRevisions.documentId, documentId), eq(documentRevisions.revision, revision)));
  return row;
}

/** A reserved number has no document yet: counted nowhere as received. */
export const receivedOnly = ne(documents.status, 'reserved');

/** How many documents (not withdrawn) each of the meetings `ids` has: one query for the list. */
export async function documentCountsByMeeting(ctx: AppContext, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .select({ meetingId: documents.meetingId, n: count() })
    .from(documents)
    .where(and(inArray(documents.meetingId, ids), isNull(documents.withdrawnAt), receivedOnly))
    .groupBy(documents.meetingId);
  return new Map(rows.flatMap((r) => (r.meetingId === null ? [] : [[r.meetingId, r.n] as const])));
}

/** A meeting's documents (not withdrawn) and how many of them came late: one query. */
export async function meetingDocumentFigures(ctx: AppContext, meetingId: number): Promise<{ received: number; late: number }> {
  const [row] = await ctx.db
    .select({ received: count(), late: sql<number>`count(*) filter (where ${documents.late})::int` })
    .from(documents)
    .where(and(eq(documents.meetingId, meetingId), isNull(documents.withdrawnAt), receivedOnly));
  return { received: row?.received ?? 0, late: row?.late ?? 0 };
}
