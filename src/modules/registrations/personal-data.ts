import { eq } from 'drizzle-orm';
import type { PersonalData } from '../../platform/modules/personal-data.ts';
import { meetings } from '../meetings/schema.ts';
import { registrations } from './schema.ts';

/** The person's registrations, each with its meeting's title; they go with the account (foreign key). */
export const registrationsOfPerson: PersonalData = {
  key: 'registrations',
  export: async (ctx, person) => {
    const rows = await ctx.db
      .select({ registration: registrations, meetingTitle: meetings.title })
      .from(registrations)
      .innerJoin(meetings, eq(meetings.id, registrations.meetingId))
      .where(eq(registrations.accountId, person.accountId));
    return rows.map(({ registration, meetingTitle }) => ({ ...registration, meetingTitle }));
  },
};
