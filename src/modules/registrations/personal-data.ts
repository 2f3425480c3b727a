import { asc, eq } from 'drizzle-orm';
import type { PersonalData } from '../../platform/modules/personal-data.ts';
import { meetingTitles } from '../meetings/queries.ts';
import { registrations } from './schema.ts';

/** The person's registrations, each with its meeting's title; they go with the account (foreign key). */
export const registrationsOfPerson: PersonalData = {
  key: 'registrations',
  export: async (ctx, person) => {
    const rows = await ctx.db
      .select()
      .from(registrations)
      .where(eq(registrations.accountId, person.accountId))
      .orderBy(asc(registrations.id));
    const titles = await meetingTitles(
      ctx,
      rows.map((r) => r.meetingId),
    );
    return rows.map((registration) => ({ ...registration, meetingTitle: titles.get(registration.meetingId) ?? null }));
  },
};
