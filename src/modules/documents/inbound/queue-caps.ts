import { inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../../platform/context.ts';
import type { DbOrTx } from '../../../platform/db/index.ts';
import { inboundSubmissions } from '../schema.ts';

/** The queue of mail from senders without an account is full (per group, per sender or in bytes): 452 at SMTP. */
export class InboundQueueFullError extends Error {
  constructor() {
    super('The queue for senders without an account is full');
  }
}

export const queueLock = sql`SELECT pg_advisory_xact_lock(hashtext('inbound-queue'))`;

/** Throws InboundQueueFullError when one more file of `size` bytes from `from` would exceed a cap. */
export async function checkQueueRoom(ctx: AppContext, db: DbOrTx, groupId: number, from: string, size: number): Promise<void> {
  const [c] = await db
    .select({
      group: sql<number>`count(*) FILTER (WHERE ${inboundSubmissions.groupId} = ${groupId})::int`,
      sender: sql<number>`count(*) FILTER (WHERE ${inboundSubmissions.fromAddress} = ${from})::int`,
      bytes: sql<number>`coalesce(sum(${inboundSubmissions.fileSize}), 0)::float8`,
    })
    .from(inboundSubmissions)
    .where(inArray(inboundSubmissions.status, ['pending', 'accepting']));
  const caps = ctx.config.inboundQueue;
  if (c!.group >= caps.maxPerGroup || c!.sender >= caps.maxPerSender || Number(c!.bytes) + size > caps.maxBytes)
    throw new InboundQueueFullError();
}
