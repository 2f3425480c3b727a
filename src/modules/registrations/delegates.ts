import { z } from 'zod';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { isUniqueViolation } from '../../platform/db/index.ts';
import { UnauthenticatedError, ValidationError } from '../../platform/errors.ts';
import { formatDateRange } from '../../platform/i18n/dates.ts';
import { type Locale, pick, translator } from '../../platform/i18n/index.ts';
import { queueMail } from '../../platform/mail/outbox.ts';
import { authorize } from '../../platform/policy.ts';
import { email, parseInput } from '../../platform/validation.ts';
import { invitationSchema, inviteAccount } from '../accounts/invitations.ts';
import { findActorByEmail } from '../accounts/queries.ts';
import { getMeeting } from '../meetings/service.ts';
import { membershipsOf } from '../organizations/queries.ts';
import { placeMember } from '../organizations/service.ts';
import { focalPointOf } from './approval-facts.ts';
import { checkAgainstMeeting, parseRegistration, type RegistrationInput } from './input.ts';
import { seeApprovals } from './policies.ts';
import { register } from './service.ts';
import type { RegistrationView } from './view.ts';

/** Who a focal point registers: an address, and — for someone without an account yet — who they are. */
const delegateSchema = z.object({ email: email() });

/**
 * A focal point registers a delegate of their organization, confirmed at once (their registration needs no
 * one else's approval). Someone without an account gets one, placed in the organization, and a mail inviting
 * them to choose its password; an account of no organization joins the focal point's; another organization's
 * is refused. The registration's own rules apply as when the delegate registers: the deadline, the meeting's
 * modes and sessions, the in-person places and the organization's quota.
 */
export async function registerDelegate(
  ctx: AppContext,
  actor: Actor | null,
  meetingId: number,
  input: { email?: unknown; person?: unknown; registration: RegistrationInput; idempotencyKey?: string },
): Promise<{ registration: RegistrationView; invited: boolean }> {
  if (!actor) throw new UnauthenticatedError();
  const mine = (await membershipsOf(ctx, [actor.id])).get(actor.id);
  const organizationId = focalPointOf(mine);
  authorize(actor, seeApprovals, { focalPointOf: organizationId });
  if (organizationId === null || !mine) throw new ValidationError([{ field: 'email', message: 'error.notFocalPoint' }]);
  const { email: address } = parseInput(delegateSchema, { email: input.email });
  const detail = await getMeeting(ctx, meetingId);
  const existing = await findActorByEmail(ctx, address);
  let invited = false;
  if (existing) {
    const theirs = (await membershipsOf(ctx, [existing.id])).get(existing.id);
    if (theirs && theirs.organizationId !== organizationId)
      throw new ValidationError([{ field: 'email', message: 'error.delegateOtherOrganization' }]);
    if (!theirs)
      await ctx.db.transaction((tx) => placeMember(tx, { accountId: existing.id, organizationId, focalPoint: false, at: ctx.clock.now() }));
  } else {
    const person = parseInput(invitationSchema, {
      ...(input.person as object | undefined),
      email: address,
      organization: pick(mine.name, 'en'),
    });
    // The registration's own checks first, so that a refused one leaves no account behind.
    checkAgainstMeeting(parseRegistration(input.registration), detail, person.category, ctx.clock.now(), false);
    try {
      await ctx.db.transaction(async (tx) => {
        const { actor: account, link } = await inviteAccount(ctx, tx, person, actor.id);
        await placeMember(tx, { accountId: account.id, organizationId, focalPoint: false, at: ctx.clock.now() });
        const locale: Locale = (actor.preferredLanguage as Locale | null) ?? 'en';
        const t = translator(locale);
        const params = {
          name: person.givenName,
          inviter: `${actor.givenName} ${actor.familyName}`.trim(),
          organization: pick(mine.name, locale),
          meeting: pick(detail.meeting.title, locale),
          dates: formatDateRange(detail.firstDay, detail.lastDay, locale),
          link,
        };
        await queueMail(tx, {
          kind: 'delegate-invitation',
          to: address,
          subject: t('mail.invitation.subject', params),
          text: t('mail.invitation.body', params),
        });
      });
    } catch (error) {
      // Someone made the account meanwhile: register them as one who has it.
      if (!isUniqueViolation(error)) throw error;
    }
    invited = true;
  }
  const { registration } = await register(ctx, actor, meetingId, input.registration, {
    onBehalfOf: address,
    idempotencyKey: input.idempotencyKey,
  });
  return { registration, invited };
}
