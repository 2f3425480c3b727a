import { desc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/index.ts';
import { type MailAttachment, outbox } from './schema.ts';

export interface OutgoingMail {
  kind: string;
  to: string;
  subject: string;
  text: string;
  attachments?: MailAttachment[];
}

/** Queues a mail; call it inside the transaction of the change that causes the mail. */
export async function queueMail(db: DbOrTx, mail: OutgoingMail): Promise<void> {
  await db.insert(outbox).values({
    kind: mail.kind,
    toAddress: mail.to,
    subject: mail.subject,
    textBody: mail.text,
    attachments: mail.attachments ?? [],
    // Due at once, whatever the worker's clock says (tests move it into the past).
    nextAttemptAt: new Date(0),
  });
}

export function listMails(db: Db, options: { limit?: number; to?: string } = {}) {
  const q = db.select().from(outbox);
  const filtered = options.to ? q.where(eq(outbox.toAddress, options.to)) : q;
  return filtered.orderBy(desc(outbox.id)).limit(options.limit ?? 100);
}
