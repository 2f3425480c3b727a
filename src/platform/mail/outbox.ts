import { desc, eq } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import type { DbOrTx } from '../db/index.ts';
import { type MailAttachment, outbox } from './schema.ts';
import { ensureRendered } from './templates.ts';

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

/** The latest mails, newest first, each rendered (mails queued unrendered are rendered and stored now). */
export async function listMails(ctx: AppContext, options: { limit?: number; to?: string } = {}) {
  const q = ctx.db.select().from(outbox);
  const filtered = options.to ? q.where(eq(outbox.toAddress, options.to)) : q;
  const rows = await filtered.orderBy(desc(outbox.id)).limit(options.limit ?? 100);
  return Promise.all(rows.map((row) => ensureRendered(ctx, row).catch(() => row)));
}
