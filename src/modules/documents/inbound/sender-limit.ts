import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { AppContext } from '../../../platform/context.ts';
import { inboundMailLog } from '../schema.ts';
import type { IgnoredMailReason, InboundMailOutcome } from '../vocabulary.ts';
import { type InboundOutcome, normalise } from './receiving.ts';

const HOUR_MS = 3_600_000;

const slotLock = (sender: string) => sql`SELECT pg_advisory_xact_lock(hashtext(${`inbound-rate:${sender}`}))`;

/**
 * Takes one of the sender's mails of the hour (the envelope sender, `<>` for the null sender), or null
 * when they are used up: the listener then answers 451 4.7.1 before DATA. Only mails that end up
 * accepted keep their slot (`releaseMailSlot` gives it back), so refused attempts do not count.
 */
export async function reserveMailSlot(ctx: AppContext, envelopeSender: string): Promise<number | null> {
  const sender = normalise(envelopeSender) || '<>';
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    // Two connections of one sender must not both take the last slot.
    await tx.execute(slotLock(sender));
    const [counted] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(inboundMailLog)
      .where(and(eq(inboundMailLog.fromAddress, sender), gt(inboundMailLog.receivedAt, new Date(now.getTime() - HOUR_MS))));
    if (counted!.n >= ctx.config.inboundRatePerHour) return null;
    const [row] = await tx
      .insert(inboundMailLog)
      .values({ fromAddress: sender, outcome: 'reserved', receivedAt: now })
      .returning({ id: inboundMailLog.id });
    return row!.id;
  });
}

/** The mail was not accepted after all (refused, failed, or the connection ended first). */
export async function releaseMailSlot(ctx: AppContext, id: number): Promise<void> {
  await ctx.db.delete(inboundMailLog).where(and(eq(inboundMailLog.id, id), eq(inboundMailLog.outcome, 'reserved')));
}

/** The accepted mail's outcome, kept with its slot ("numbered", "queued", "rejected:no-attachment"…). */
export async function recordMailOutcome(
  ctx: AppContext,
  id: number,
  outcome: InboundOutcome | { kind: 'ignored'; why: IgnoredMailReason },
): Promise<void> {
  const label: InboundMailOutcome =
    outcome.kind === 'rejected' ? `rejected:${outcome.reason}` : outcome.kind === 'ignored' ? `ignored:${outcome.why}` : outcome.kind;
  await ctx.db.update(inboundMailLog).set({ outcome: label }).where(eq(inboundMailLog.id, id));
}

/** Slots older than a day count for nothing and name their senders: forgotten (called by the hourly purge). */
export async function forgetOldMailLog(ctx: AppContext): Promise<void> {
  await ctx.db.delete(inboundMailLog).where(lt(inboundMailLog.receivedAt, new Date(ctx.clock.now().getTime() - 24 * HOUR_MS)));
}
