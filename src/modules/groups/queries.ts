import { eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { DbOrTx, Tx } from '../../platform/db/index.ts';
import { bureaus, groups, subgroups } from './schema.ts';
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

type BureauRow = typeof bureaus.$inferSelect;

/** A bureau by id (on `db`, a transaction's when given), or undefined. */
export async function bureauById(db: DbOrTx, id: number): Promise<BureauRow | undefined> {
  const [bureau] = await db.select().from(bureaus).where(eq(bureaus.id, id));
  return bureau;
}

/** The bureau a group's circulars are issued by now, or null. */
export async function bureauIdOfGroup(db: DbOrTx, groupId: number): Promise<number | null> {
  const [group] = await db.select({ bureauId: groups.bureauId }).from(groups).where(eq(groups.id, groupId));
  return group?.bureauId ?? null;
}

/** Locks the bureau's row for the rest of the transaction (its circular numbers are taken one at a time). */
export async function lockBureau(tx: Tx, id: number): Promise<BureauRow | undefined> {
  const [bureau] = await tx.select().from(bureaus).where(eq(bureaus.id, id)).for('update');
  return bureau;
}

/** Moves the locked bureau's next circular number on by one. */
export async function advanceCircularNumber(tx: Tx, id: number, now: Date): Promise<void> {
  await tx
    .update(bureaus)
    .set({ nextCircularNumber: sql`${bureaus.nextCircularNumber} + 1`, updatedAt: now })
    .where(eq(bureaus.id, id));
}
