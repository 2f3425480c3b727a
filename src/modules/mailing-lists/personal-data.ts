import { eq, sql } from 'drizzle-orm';
import type { PersonalData } from '../../platform/modules/personal-data.ts';
import { groups } from '../groups/schema.ts';
import { listSubscriptions } from './schema.ts';

/**
 * Mailing lists know people by address only: the subscriptions of the account's address are theirs — once the
 * account has proved it holds that address, or anyone could sign up as someone else to see them.
 */
export const subscriptionsOfPerson: PersonalData = {
  key: 'mailingLists',
  export: async (ctx, person) => {
    if (!person.emailVerified) return [];
    return ctx.db
      .select({
        group: groups.code,
        email: listSubscriptions.email,
        locale: listSubscriptions.locale,
        status: listSubscriptions.status,
        subscribedAt: listSubscriptions.createdAt,
        confirmedAt: listSubscriptions.confirmedAt,
        unsubscribedAt: listSubscriptions.unsubscribedAt,
      })
      .from(listSubscriptions)
      .innerJoin(groups, eq(groups.id, listSubscriptions.groupId))
      .where(eq(sql`lower(${listSubscriptions.email})`, person.email.toLowerCase()));
  },
  erase: async (_ctx, tx, person) => {
    if (person.emailVerified)
      await tx.delete(listSubscriptions).where(eq(sql`lower(${listSubscriptions.email})`, person.email.toLowerCase()));
  },
};
