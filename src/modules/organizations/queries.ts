import { eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
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
