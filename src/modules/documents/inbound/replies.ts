import type { DbOrTx } from '../../../platform/db/index.ts';
import { type Locale, type Translate, translator } from '../../../platform/i18n/index.ts';
import { queueMail } from '../../../platform/mail/outbox.ts';
import { replyHeaders } from './rules.ts';

export type Compose = (t: Translate) => { subject: string; text: string };

/**
 * English always; a version in the account's language follows when it prefers another one. Every reply
 * is marked automatic (`Auto-Submitted: auto-replied`) and threaded under the mail it answers.
 */
export async function sendReply(
  db: DbOrTx,
  to: string,
  locale: Locale,
  compose: Compose,
  thread: { messageId: string; references: string[] },
): Promise<void> {
  const versions = (locale === 'en' ? ['en' as const] : ['en' as const, locale]).map((l) => compose(translator(l)));
  await queueMail(db, {
    kind: 'inbound-reply',
    to,
    subject: versions.map((v) => v.subject).join(' / '),
    text: versions.map((v) => v.text).join('\n\n————————\n\n'),
    headers: replyHeaders(thread),
  });
}

export const referencesOf = (row: { mailReferences: string }) => row.mailReferences.split(/\s+/).filter(Boolean);
