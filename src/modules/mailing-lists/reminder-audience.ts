import { and, asc, eq } from 'drizzle-orm';
import { isLocale, translator } from '../../platform/i18n/index.ts';
import { provide } from '../../platform/modules/extensions.ts';
import { contactsOf } from '../accounts/queries.ts';
import { reminderAudience } from '../meetings/reminders.ts';
import { registrationsOfMeeting } from '../registrations/queries.ts';
import { listHeaders, unsubscribeUrl } from './addresses.ts';
import { listSubscriptions } from './schema.ts';

/** The registration deadline concerns the group list's confirmed subscribers with no registration (of any status) yet. */
export const subscribersToRemind = provide({
  point: reminderAudience,
  key: 'list-subscribers',
  run: async (ctx, { deadline, detail }) => {
    if (deadline !== 'registration') return null;
    const [subscribers, registered] = await Promise.all([
      ctx.db
        .select({ email: listSubscriptions.email, locale: listSubscriptions.locale, sealed: listSubscriptions.unsubscribeTokenSealed })
        .from(listSubscriptions)
        .where(and(eq(listSubscriptions.groupId, detail.group.id), eq(listSubscriptions.status, 'confirmed')))
        .orderBy(asc(listSubscriptions.id)),
      registrationsOfMeeting(ctx, detail.meeting.id),
    ]);
    const people = await contactsOf(
      ctx,
      registered.map((r) => r.accountId),
    );
    const registeredAddresses = new Set([...people.values()].map((p) => p.email.toLowerCase()));
    return subscribers
      .filter((s) => !registeredAddresses.has(s.email.toLowerCase()))
      .map((s) => {
        const locale = isLocale(s.locale) ? s.locale : 'en';
        // The mail is a list mail: it says why it came and how to stop it (RFC 2369, 8058).
        const secret = ctx.keyring.open(s.sealed).toString();
        const footer = translator(locale)('reminder.listFooter', { group: detail.group.code, link: unsubscribeUrl(ctx, secret) });
        return { email: s.email, locale, name: '', list: { footer, headers: listHeaders(ctx, detail.group, secret) } };
      });
  },
});
