import { asc, eq, sql } from 'drizzle-orm';
import type { PersonalData } from '../../platform/modules/personal-data.ts';
import { groupCodes } from '../groups/queries.ts';
import { listSubscriptions } from './schema.ts';

/**
 * Mailing lists know people by address only: the subscriptions of the account's address are theirs — once the
 * account has proved it holds that address, or anyone could sign up as someone else to see them.
 */
export const subscriptionsOfPerson: PersonalData = {
  key: 'mailingLists',
  export: async (ctx, person) => {
    if (!person.emailVerified) return [];
    const rows = await ctx.db
      .select({
        groupId: listSubscriptions.groupId,
        email: listSubscriptions.email,
        locale: listSubscriptions.locale,
        status: listSubscriptions.status,
        subscribedAt: listSubscriptions.createdAt,
        confirmedAt: listSubscriptions.confirmedAt,
        unsubscribedAt: listSubscriptions.unsubscribedAt,
      })
      .from(listSubscriptions)
      .where(eq(sql`lower(${listSubscriptions.email})`, person.email.toLowerCase()))
      .orderBy(asc(listSubscriptions.id));
    const codes = await groupCodes(
      ctx,
      rows.map((r) => r.groupId),
    );
    return rows.flatMap(({ groupId, ...rest }) => (codes.has(groupId) ? [{ group: codes.get(groupId)!, ...rest }] : []));
  },
  erase: async (_ctx, tx, person) => {
    if (person.emailVerified)
      await tx.delete(listSubscriptions).where(eq(sql`lower(${listSubscriptions.email})`, person.email.toLowerCase()));
  },
};
