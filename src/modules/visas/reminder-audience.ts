import { inArray } from 'drizzle-orm';
import { provide } from '../../platform/modules/extensions.ts';
import { reminderAudience } from '../meetings/reminders.ts';
import { registrationsOfMeeting } from '../registrations/queries.ts';
import { recipientsOf } from '../registrations/reminder-audience.ts';
import { isVisaEligibleCategory } from './rules.ts';
import { visaRequests } from './schema.ts';

/** The visa-support deadline concerns in-person registrants entitled to a letter who have not asked for one. */
export const visaApplicantsToRemind = provide({
  point: reminderAudience,
  key: 'visa-applicants',
  run: async (ctx, { deadline, detail }) => {
    if (deadline !== 'visaSupport') return null;
    const list = await registrationsOfMeeting(ctx, detail.meeting.id, { statuses: ['registered'], mode: 'in-person' });
    const asked =
      list.length === 0
        ? new Set<number>()
        : new Set(
            (
              await ctx.db
                .select({ id: visaRequests.registrationId })
                .from(visaRequests)
                .where(
                  inArray(
                    visaRequests.registrationId,
                    list.map((r) => r.id),
                  ),
                )
            ).map((r) => r.id),
          );
    return recipientsOf(
      ctx,
      list.filter((r) => !asked.has(r.id)),
      (person) => isVisaEligibleCategory(person.category),
    );
  },
});
