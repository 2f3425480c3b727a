import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/index.ts';
import { documentCounters } from './schema.ts';
import type { DocumentType } from './vocabulary.ts';

/**
 * Takes the next number of the group and type. The counter row stays locked until the submission's
 * transaction ends; a failed submission rolls its number back, so numbers have neither gaps nor twins.
 */
export async function nextSeq(tx: Tx, groupId: number, type: DocumentType): Promise<number> {
  const [row] = await tx
    .insert(documentCounters)
    .values({ groupId, type, last: 1 })
    .onConflictDoUpdate({ target: [documentCounters.groupId, documentCounters.type], set: { last: sql`${documentCounters.last} + 1` } })
    .returning({ last: documentCounters.last });
  return row!.last;
}
