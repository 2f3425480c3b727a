import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { authorize } from '../../platform/policy.ts';
import { findGroup } from '../groups/service.ts';
import { manageMailingList } from './policies.ts';
import { listSubscriptions } from './schema.ts';
import type { SubscriptionStatus } from './vocabulary.ts';

export type StatusCounts = Record<SubscriptionStatus, number>;

export async function subscriberCounts(ctx: AppContext, groupId: number): Promise<StatusCounts> {
  const rows = await ctx.db
    .select({ status: listSubscriptions.status, n: count() })
    .from(listSubscriptions)
    .where(eq(listSubscriptions.groupId, groupId))
    .groupBy(listSubscriptions.status);
  const counts: StatusCounts = { pending: 0, confirmed: 0, unsubscribed: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

export async function listSubscribers(ctx: AppContext, actor: Actor | null, groupCode: string) {
  authorize(actor, manageMailingList, undefined);
  const group = await findGroup(ctx, groupCode);
  const [rows, counts] = await Promise.all([
    ctx.db
      .select({
        email: listSubscriptions.email,
        locale: listSubscriptions.locale,
        status: listSubscriptions.status,
        requestedAt: listSubscriptions.createdAt,
        confirmedAt: listSubscriptions.confirmedAt,
        unsubscribedAt: listSubscriptions.unsubscribedAt,
      })
      .from(listSubscriptions)
      .where(eq(listSubscriptions.groupId, group.id))
      .orderBy(asc(sql`lower(${listSubscriptions.email})`)),
    subscriberCounts(ctx, group.id),
  ]);
  return { group, rows, counts };
}

export async function confirmedCount(ctx: AppContext, groupId: number): Promise<number> {
  const [row] = await ctx.db
    .select({ n: count() })
    .from(listSubscriptions)
    .where(and(eq(listSubscriptions.groupId, groupId), eq(listSubscriptions.status, 'confirmed')));
  return Number(row?.n ?? 0);
}
