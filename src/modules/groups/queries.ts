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

/** One group by id (on `db`, a transaction's when given), or undefined. */
export async function groupById(ctx: AppContext, id: number, db: DbOrTx = ctx.db): Promise<typeof groups.$inferSelect | undefined> {
  const [group] = await db.select().from(groups).where(eq(groups.id, id));
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

type SubgroupRow = typeof subgroups.$inferSelect;

/** The subgroups `ids`, by id. */
export async function subgroupsByIds(db: DbOrTx, ids: number[]): Promise<Map<number, SubgroupRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(subgroups)
    .where(inArray(subgroups.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

/** A group's subgroups, unsorted. */
export function subgroupsOfGroup(db: DbOrTx, groupId: number): Promise<SubgroupRow[]> {
  return db.select().from(subgroups).where(eq(subgroups.groupId, groupId));
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

/** The first group (by id) that takes contributions at one of these addresses, compared in lower case. */
export async function groupByContributionAddress(ctx: AppContext, addresses: string[]): Promise<typeof groups.$inferSelect | undefined> {
  if (addresses.length === 0) return undefined;
  const [group] = await ctx.db
    .select()
    .from(groups)
    .where(inArray(sql`lower(${groups.contributionEmail})`, addresses))
    .orderBy(groups.id)
    .limit(1);
  return group;
}

/** Sets or clears (null) the group's own contribution template, in the caller's transaction. */
export async function setGroupTemplateFile(
  tx: Tx,
  groupId: number,
  file: { hash: string; filename: string } | null,
  now: Date,
): Promise<void> {
  await tx
    .update(groups)
    .set({ templateFileHash: file?.hash ?? null, templateFilename: file?.filename ?? null, updatedAt: now })
    .where(eq(groups.id, groupId));
}

/** The ids of the groups whose documents anyone may read, signed in or not. */
export async function groupsWithPublicDocuments(ctx: AppContext): Promise<number[]> {
  const rows = await ctx.db.select({ id: groups.id }).from(groups).where(eq(groups.documentAccess, 'public'));
  return rows.map((r) => r.id);
}
