import { eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { groups, subgroups } from './schema.ts';
import { sortSubgroups, subgroupLabel } from './service.ts';

/** The codes of the groups `ids`, by id. */
export async function groupCodes(ctx: AppContext, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .select({ id: groups.id, code: groups.code })
    .from(groups)
    .where(inArray(groups.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.code]));
}

/** One group by id, or undefined. */
export async function groupById(ctx: AppContext, id: number): Promise<typeof groups.$inferSelect | undefined> {
  const [group] = await ctx.db.select().from(groups).where(eq(groups.id, id));
  return group;
}

/** The group's subgroup labels in order ("TG", "WG1" …). */
export async function subgroupLabelsOf(ctx: AppContext, groupId: number): Promise<string[]> {
  const rows = await ctx.db
    .select({ kind: subgroups.kind, number: subgroups.number })
    .from(subgroups)
    .where(eq(subgroups.groupId, groupId));
  return sortSubgroups(rows).map(subgroupLabel);
}
