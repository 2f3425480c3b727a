import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DbOrTx } from '../../platform/db/index.ts';
import { formatInstant } from '../../platform/i18n/dates.ts';
import { isLocale, type Locale, pick, translator } from '../../platform/i18n/index.ts';
import { queueMail } from '../../platform/mail/outbox.ts';
import type { MeetingDetail } from '../meetings/service.ts';
import { documentPaths } from './paths.ts';

/**
 * Tells whoever submitted a contribution on the web (the page or the API) that it arrived, under which
 * number, and how to revise it — queued in the submission's transaction, so no number goes unacknowledged.
 * Contributions by e-mail get their reply from the inbound path instead.
 */
export async function acknowledgeSubmission(
  ctx: AppContext,
  tx: DbOrTx,
  detail: MeetingDetail,
  doc: { number: string; title: string; late: boolean; deadlineClass: string; createdAt: Date },
  submitter: Actor,
  /** The meeting it was too late for, when held over to `detail`. */
  heldOverFrom: MeetingDetail | null = null,
): Promise<void> {
  const locale: Locale = isLocale(submitter.preferredLanguage) ? submitter.preferredLanguage : 'en';
  const t = translator(locale);
  const params = {
    name: submitter.givenName,
    number: doc.number,
    title: doc.title,
    meeting: pick(detail.meeting.title, locale),
    at: formatInstant(doc.createdAt, locale, detail.meeting.timeZone),
    link: `${ctx.config.baseUrl}${documentPaths.document({ number: doc.number })}`,
  };
  const parts = [
    t('mail.document.received', params),
    ...(heldOverFrom ? [t('document.heldOverTo', { from: pick(heldOverFrom.meeting.title, locale), meeting: params.meeting })] : []),
    ...(doc.late ? [t('mail.document.receivedLate')] : []),
    ...(doc.deadlineClass === 'translation' ? [t('mail.document.forTranslation')] : []),
    t('mail.document.howToRevise', params),
  ];
  await queueMail(tx, {
    kind: 'document-received',
    to: submitter.email,
    subject: t('mail.document.receivedSubject', params),
    text: parts.join('\n\n'),
  });
}
