import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DbOrTx } from '../../platform/db/index.ts';
import { formatDateRange } from '../../platform/i18n/dates.ts';
import { isLocale, type Locale, pick, translator } from '../../platform/i18n/index.ts';
import { type OutgoingMail, queueMails } from '../../platform/mail/outbox.ts';
import { may } from '../../platform/policy.ts';
import { contactsOf } from '../accounts/queries.ts';
import type { RegistrationApproval } from '../groups/vocabulary.ts';
import type { MeetingDetail } from '../meetings/service.ts';
import { focalPointsOf, membershipsOf } from '../organizations/queries.ts';
import { registrationPaths } from './paths.ts';
import { approveRegistration } from './policies.ts';

/** Whether the meeting's registrations wait for a focal point: its own setting, else its group's. */
export const approvalOf = (detail: MeetingDetail): RegistrationApproval =>
  detail.meeting.registrationApproval ?? detail.group.registrationApproval;

interface Membership {
  organizationId: number;
  focalPoint: boolean;
}

/** The organization an account is a focal point of, if it is one. */
export const focalPointOf = (membership: Membership | undefined): number | null =>
  membership?.focalPoint ? membership.organizationId : null;

/** Whether the actor could approve this person's registration: the secretariat, or a focal point of their organization. */
export function mayApprove(
  actor: Actor | null,
  actorMembership: Membership | undefined,
  personMembership: Membership | undefined,
): boolean {
  return may(actor, approveRegistration, {
    focalPointOf: focalPointOf(actorMembership),
    organizationId: personMembership?.organizationId ?? null,
  });
}

interface Waiting {
  registration: { accountId: number };
  person: { email: string; givenName: string };
}

/**
 * Tells the focal points of each waiting person's organization that a registration waits for them, in their
 * language, in the transaction that made it wait. People of no organization, or of one without a focal point,
 * wait for the secretariat, who see them in the approval queue.
 */
export async function mailFocalPoints(ctx: AppContext, db: DbOrTx, detail: MeetingDetail, waiting: Waiting[]): Promise<void> {
  const memberships = await membershipsOf(
    ctx,
    waiting.map((w) => w.registration.accountId),
    db,
  );
  const focalPoints = await focalPointsOf(
    ctx,
    [...memberships.values()].map((m) => m.organizationId),
    db,
  );
  const approvers = await contactsOf(ctx, [...focalPoints.values()].flat(), db);
  const link = `${ctx.config.baseUrl}${registrationPaths.approvals({}, { meeting: String(detail.meeting.id) })}`;
  const mails: OutgoingMail[] = waiting.flatMap(({ registration, person }) => {
    const membership = memberships.get(registration.accountId);
    if (!membership) return [];
    return (focalPoints.get(membership.organizationId) ?? []).flatMap((id) => {
      const approver = approvers.get(id);
      if (!approver) return [];
      const locale: Locale = isLocale(approver.preferredLanguage) ? approver.preferredLanguage : 'en';
      const t = translator(locale);
      const params = {
        name: approver.givenName,
        person: person.givenName,
        email: person.email,
        organization: pick(membership.name, locale),
        meeting: pick(detail.meeting.title, locale),
        dates: formatDateRange(detail.firstDay, detail.lastDay, locale),
        link,
      };
      return [
        {
          kind: 'registration-approval-requested',
          to: approver.email,
          subject: t('mail.approval.subject', params),
          text: t('mail.approval.requested', params),
        },
      ];
    });
  });
  await queueMails(db, mails);
}
