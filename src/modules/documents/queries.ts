import { inArray, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { documents } from './schema.ts';

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
