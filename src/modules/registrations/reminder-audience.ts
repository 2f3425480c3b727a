import type { AppContext } from '../../platform/context.ts';
import { isLocale } from '../../platform/i18n/index.ts';
import { provide } from '../../platform/modules/extensions.ts';
import { contactsOf } from '../accounts/queries.ts';
import { type ReminderRecipient, reminderAudience } from '../meetings/reminders.ts';
import { registrationPaths } from './paths.ts';
import { registrationsOfMeeting } from './queries.ts';

/** The contributions deadline concerns everyone registered or waiting. */
export const registrantsToRemind = provide({
  point: reminderAudience,
  key: 'registrants',
  run: async (ctx, { deadline, detail }) => {
    if (deadline !== 'contributions') return null;
    const list = await registrationsOfMeeting(ctx, detail.meeting.id, { statuses: ['registered', 'waitlisted'] });
    return recipientsOf(ctx, list);
  },
});

/** Registrations as reminder recipients, in the registrations' order, greeted in their own language. */
export async function recipientsOf(
  ctx: AppContext,
  list: { id: number; accountId: number }[],
  keep: (person: { category: string }) => boolean = () => true,
): Promise<ReminderRecipient[]> {
  const people = await contactsOf(
    ctx,
    list.map((r) => r.accountId),
  );
  return list.flatMap((r) => {
    const person = people.get(r.accountId);
    if (!person || !keep(person)) return [];
    const locale = isLocale(person.preferredLanguage) ? person.preferredLanguage : 'en';
    return [
      { email: person.email, locale, name: person.givenName, link: `${ctx.config.baseUrl}${registrationPaths.registration({ id: r.id })}` },
    ];
  });
}
