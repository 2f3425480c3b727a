import { and, asc, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { LocalizedText } from '../../platform/db/columns.ts';
import type { DbOrTx } from '../../platform/db/index.ts';
import { organizationMembers, organizations } from './schema.ts';

/** The organization an account belongs to, and whether it is one of its focal points; null for none. */
export async function membershipOf(ctx: AppContext, accountId: number, db: DbOrTx = ctx.db) {
  const [row] = await db
    .select({ organization: organizations, focalPoint: organizationMembers.focalPoint })
    .from(organizationMembers)
    .innerJoin(organizations, eq(organizations.id, organizationMembers.organizationId))
    .where(eq(organizationMembers.accountId, accountId));
  return row ?? null;
}

/** The organization of each of the accounts `ids` that belongs to one, by account. */
export async function membershipsOf(ctx: AppContext, ids: number[], db: DbOrTx = ctx.db) {
  if (ids.length === 0) return new Map<number, { organizationId: number; name: LocalizedText; focalPoint: boolean }>();
  const rows = await db
    .select({
      accountId: organizationMembers.accountId,
      organizationId: organizationMembers.organizationId,
      name: organizations.name,
      focalPoint: organizationMembers.focalPoint,
    })
    .from(organizationMembers)
    .innerJoin(organizations, eq(organizations.id, organizationMembers.organizationId))
    .where(inArray(organizationMembers.accountId, [...new Set(ids)]));
  return new Map(rows.map(({ accountId, ...m }) => [accountId, m]));
}

/** The focal points (account ids) of the organizations `ids`, by organization; those without one are left out. */
export async function focalPointsOf(ctx: AppContext, ids: number[], db: DbOrTx = ctx.db): Promise<Map<number, number[]>> {
  const byOrganization = new Map<number, number[]>();
  if (ids.length === 0) return byOrganization;
  const rows = await db
    .select({ organizationId: organizationMembers.organizationId, accountId: organizationMembers.accountId })
    .from(organizationMembers)
    .where(and(inArray(organizationMembers.organizationId, [...new Set(ids)]), eq(organizationMembers.focalPoint, true)))
    .orderBy(asc(organizationMembers.accountId));
  for (const r of rows) byOrganization.set(r.organizationId, [...(byOrganization.get(r.organizationId) ?? []), r.accountId]);
  return byOrganization;
}

/**
 * Memberships, for another module's list to join and filter on (the registrations of an organization's people)
 * without reading this module's tables.
 */
export const memberRefs = (db: DbOrTx) =>
  db
    .select({ accountId: organizationMembers.accountId, organizationId: organizationMembers.organizationId })
    .from(organizationMembers)
    .as('member_refs');
