import { eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/index.ts';
import { formatDateRange } from '../../platform/i18n/dates.ts';
import { isLocale, type Locale, type MessageKey, pick, translator } from '../../platform/i18n/index.ts';
import { type OutgoingMail, queueMail } from '../../platform/mail/outbox.ts';
import { defineMailTemplate } from '../../platform/mail/templates.ts';
import { meetingIcs } from '../meetings/calendar.ts';
import { getMeeting, type MeetingDetail } from '../meetings/service.ts';
import { registrationPaths } from './paths.ts';
import { registrations } from './schema.ts';
import { personOf, type RegistrationRow } from './state.ts';
import { participationModeLabel } from './vocabulary.ts';

interface MailPerson {
  email: string;
  givenName: string;
  preferredLanguage: string | null;
}
type MailEvent = 'confirmed' | 'promoted' | 'cancelled' | 'awaiting-approval' | 'declined';
const mailSubjects: Record<MailEvent, MessageKey> = {
  confirmed: 'mail.registration.subject.confirmed',
  promoted: 'mail.registration.subject.promoted',
  cancelled: 'mail.registration.subject.cancelled',
  'awaiting-approval': 'mail.registration.subject.awaitingApproval',
  declined: 'mail.registration.subject.declined',
};
/** The mails that come with the meeting's calendar file: those that say the person is coming. */
const withCalendar: ReadonlySet<MailEvent> = new Set(['confirmed', 'promoted']);

/** Calendar attachments per meeting snapshot and language (the self-service path reuses snapshots). */
const icsByDetail = new WeakMap<MeetingDetail, Map<Locale, string>>();
function icsAttachment(ctx: AppContext, detail: MeetingDetail, locale: Locale): string {
  let byLocale = icsByDetail.get(detail);
  if (!byLocale) {
    byLocale = new Map();
    icsByDetail.set(detail, byLocale);
  }
  let content = byLocale.get(locale);
  if (!content) {
    content = Buffer.from(meetingIcs(ctx, detail, locale)).toString('base64');
    byLocale.set(locale, content);
  }
  return content;
}

/** The mail telling a person about their registration, in their language, with the meeting's .ics. */
export function registrationMail(
  ctx: AppContext,
  detail: MeetingDetail,
  reg: Pick<RegistrationRow, 'id' | 'number' | 'mode' | 'sessions' | 'status'> & { declineReason?: string | null },
  event: MailEvent,
  person: MailPerson,
): OutgoingMail {
  const locale: Locale = isLocale(person.preferredLanguage) ? person.preferredLanguage : 'en';
  const t = translator(locale);
  const params = {
    name: person.givenName,
    number: reg.number,
    meeting: pick(detail.meeting.title, locale),
    dates: formatDateRange(detail.firstDay, detail.lastDay, locale),
    mode: t(participationModeLabel[reg.mode]),
    sessions: reg.sessions.join(', '),
    link: `${ctx.config.baseUrl}${registrationPaths.registration({ id: reg.id })}`,
    reason: reg.declineReason ?? '',
  };
  const body =
    event === 'cancelled'
      ? t('mail.registration.cancelled', params)
      : event === 'promoted'
        ? t('mail.registration.promoted', params)
        : event === 'awaiting-approval'
          ? t('mail.registration.awaitingApproval', params)
          : event === 'declined'
            ? t('mail.registration.declined', params)
            : reg.status === 'waitlisted'
              ? t('mail.registration.waitlisted', params)
              : t('mail.registration.confirmed', params);
  return {
    kind: `registration-${event}`,
    to: person.email,
    subject: t(mailSubjects[event], params),
    text: body,
    attachments: !withCalendar.has(event)
      ? []
      : [
          {
            filename: `meeting-${detail.meeting.id}.ics`,
            contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
            content: icsAttachment(ctx, detail, locale),
          },
        ],
  };
}

export async function mailRegistration(
  ctx: AppContext,
  tx: Tx,
  detail: MeetingDetail,
  reg: RegistrationRow,
  event: MailEvent,
  knownPerson?: MailPerson,
) {
  await queueMail(tx, registrationMail(ctx, detail, reg, event, knownPerson ?? (await personOf(ctx, reg.accountId, tx))));
}

/** Mails this module queues unrendered: the confirmation of the one-statement path. */
export function defineRegistrationMailTemplates(): void {
  defineMailTemplate('registration-confirmed', async (ctx, params) => {
    const [row] = await ctx.db
      .select()
      .from(registrations)
      .where(eq(registrations.id, Number(params.registrationId)));
    if (!row) return null;
    const [detail, person] = await Promise.all([getMeeting(ctx, row.meetingId), personOf(ctx, row.accountId)]);
    return registrationMail(ctx, detail, row, 'confirmed', person);
  });
}
