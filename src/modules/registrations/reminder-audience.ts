import type { AppContext } from '../../platform/context.ts';
import { isLocale } from '../../platform/i18n/index.ts';
import { provide } from '../../platform/modules/extensions.ts';
import { contactsOf } from '../accounts/queries.ts';
import { type ReminderRecipient, reminderAudience } from '../meetings/reminders.ts';
import { focalPointsOf, membershipsOf } from '../organizations/queries.ts';
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

/**
 * Before the registration deadline, the focal points with registrations of their organization's people still
 * waiting at the meeting are reminded to decide (the secretariat sees theirs in the approval queue).
 */
export const focalPointsToRemind = provide({
  point: reminderAudience,
  key: 'focal-points',
  run: async (ctx, { deadline, detail }) => {
    if (deadline !== 'registration') return null;
    const waiting = await registrationsOfMeeting(ctx, detail.meeting.id, { statuses: ['pending-approval'] });
    const memberships = await membershipsOf(
      ctx,
      waiting.map((r) => r.accountId),
    );
    const perOrganization = new Map<number, number>();
    for (const r of waiting) {
      const organizationId = memberships.get(r.accountId)?.organizationId;
      if (organizationId !== undefined) perOrganization.set(organizationId, (perOrganization.get(organizationId) ?? 0) + 1);
    }
    const focalPoints = await focalPointsOf(ctx, [...perOrganization.keys()]);
    const people = await contactsOf(ctx, [...focalPoints.values()].flat());
    const link = `${ctx.config.baseUrl}${registrationPaths.approvals({}, { meeting: String(detail.meeting.id) })}`;
    return [...focalPoints].flatMap(([organizationId, ids]) =>
      ids.flatMap((id) => {
        const person = people.get(id);
        if (!person) return [];
        const locale = isLocale(person.preferredLanguage) ? person.preferredLanguage : 'en';
        const count = perOrganization.get(organizationId) ?? 0;
        return [
          {
            email: person.email,
            locale,
            name: person.givenName,
            link,
            own: {
              purpose: 'approvals',
              subject: 'reminder.approvals.subject',
              body: 'reminder.approvals.body',
              params: { count, approvals: link },
            },
          } satisfies ReminderRecipient,
        ];
      }),
    );
  },
});
