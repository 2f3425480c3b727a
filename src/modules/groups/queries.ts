import { inArray } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { groups } from './schema.ts';

/** The codes of the groups `ids`, by id. */
export async function groupCodes(ctx: AppContext, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .select({ id: groups.id, code: groups.code })
    .from(groups)
    .where(inArray(groups.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.code]));
}
