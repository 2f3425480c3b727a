import type { Readable } from 'node:stream';
import { and, eq, sql } from 'drizzle-orm';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { AppContext } from '../context.ts';
import { logFailure } from '../db/faults.ts';
import { FileNotFoundError, InvalidFileHashError } from '../files/store.ts';
import { redactSecretPaths } from '../http/redact.ts';
import { mailText } from './outbox.ts';
import { outbox } from './schema.ts';
import { ensureRendered, NothingToSendError } from './templates.ts';

export interface MailTransport {
  sendMail(message: SendMailOptions): Promise<{ messageId?: string }>;
}

const MAX_ATTEMPTS = 8;
const CLAIM_MINUTES = 5;

/** 30 s, 1 min, 2 min … capped at one hour. */
export const backoffMs = (attempts: number) => Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);

export function smtpTransport(url: string): MailTransport {
  return nodemailer.createTransport(url);
}

type OutboxRow = typeof outbox.$inferSelect;

/**
 * Claims due mails (row locks with SKIP LOCKED, so several workers never take the same row), sends
 * them, and marks each sent once. A claim expires after a few minutes, so a crashed worker's mails are
 * retried by another.
 */
export async function deliverDueMails(
  ctx: AppContext,
  transport: MailTransport,
  batch = 20,
  stopping: () => boolean = () => false,
): Promise<{ sent: number; failed: number; released: number }> {
  const now = ctx.clock.now();
  // The claim's expiry doubles as its identity: a row is only ever claimed again after it expired.
  const claimUntil = new Date(now.getTime() + CLAIM_MINUTES * 60_000);
  const claimed = (await ctx.db.execute(sql`
    UPDATE outbox SET locked_until = ${claimUntil}, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM outbox
      WHERE status = 'queued' AND next_attempt_at <= ${now} AND (locked_until IS NULL OR locked_until < ${now})
      ORDER BY id LIMIT ${batch} FOR UPDATE SKIP LOCKED)
    RETURNING id`)) as unknown as { rows?: { id: number }[] } | { id: number }[];
  const ids = (Array.isArray(claimed) ? claimed : (claimed.rows ?? [])).map((r) => Number(r.id));
  let sent = 0;
  let failed = 0;
  let released = 0;
  // Only a worker still holding its claim may send or record a result: a slow batch may have outlived
  // its claim and been taken over by another worker.
  const stillMine = (id: number) => and(eq(outbox.id, id), eq(outbox.status, 'queued'), eq(outbox.lockedUntil, claimUntil));
  for (const id of ids) {
    if (stopping()) {
      // Stopping (SIGTERM): the mails not sent yet go back at once, for another worker to send now rather
      // than when the claim expires; the attempt they were charged is given back too.
      const back = await ctx.db
        .update(outbox)
        .set({ lockedUntil: null, attempts: sql`greatest(${outbox.attempts} - 1, 0)` })
        .where(stillMine(id))
        .returning({ id: outbox.id });
      released += back.length;
      continue;
    }
    const [claimedRow] = await ctx.db.select().from(outbox).where(stillMine(id));
    if (!claimedRow) continue;
    let mail = claimedRow;
    const opened: Readable[] = [];
    try {
      mail = await ensureRendered(ctx, claimedRow);
      const info = await transport.sendMail(await toMessage(ctx, mail, opened));
      await ctx.db
        .update(outbox)
        .set({
          status: 'sent',
          sentAt: ctx.clock.now(),
          messageId: info.messageId ?? null,
          lockedUntil: null,
          lastError: null,
          // Delivered: the copy kept for the console no longer needs the links' secrets, and must not be
          // a way to confirm, unsubscribe or reset for someone else.
          textBody: mail.textBody === null || mail.textSealed ? mail.textBody : redactSecretPaths(mail.textBody),
          headers: Object.fromEntries(Object.entries(mail.headers).map(([k, v]) => [k, redactSecretPaths(v)])),
        })
        .where(stillMine(id));
      sent += 1;
    } catch (error) {
      // A permanent SMTP refusal (5xx) will not get better by retrying.
      const code = (error as { responseCode?: number }).responseCode;
      // …nor will an attachment that is not in the file store.
      const giveUp =
        mail.attempts >= MAX_ATTEMPTS ||
        (code !== undefined && code >= 500 && code < 600) ||
        error instanceof NothingToSendError ||
        error instanceof FileNotFoundError ||
        error instanceof InvalidFileHashError;
      await ctx.db
        .update(outbox)
        .set({
          status: giveUp ? 'failed' : 'queued',
          lockedUntil: null,
          lastError: String((error as Error).message ?? error).slice(0, 1000),
          nextAttemptAt: new Date(ctx.clock.now().getTime() + backoffMs(mail.attempts)),
        })
        .where(stillMine(id));
      failed += 1;
      logFailure(
        ctx.log,
        'warn',
        { mailId: id, attempts: mail.attempts },
        error,
        giveUp ? 'mail delivery failed for good' : 'mail delivery failed; will retry',
      );
    } finally {
      // Attachments streamed from the store: closed even when the server refused before reading them.
      for (const stream of opened) stream.destroy();
    }
  }
  return { sent, failed, released };
}

/**
 * The message for nodemailer: the row's extra headers (List-Unsubscribe…) and its attachments — inline,
 * sealed, or streamed from the file store by hash (`file`). Streams opened are pushed to `opened`.
 */
async function toMessage(ctx: AppContext, mail: OutboxRow, opened: Readable[]): Promise<SendMailOptions> {
  const attachments = [];
  for (const a of mail.attachments) {
    let content: Buffer | Readable;
    if (a.file) {
      content = (await ctx.files.open(a.file)) as Readable;
      opened.push(content);
    } else {
      content = a.sealed ? ctx.keyring.open(a.content) : Buffer.from(a.content, 'base64');
    }
    attachments.push({ filename: a.filename, contentType: a.contentType, content });
  }
  return {
    from: ctx.config.mailFrom,
    to: mail.toAddress,
    subject: mail.subject ?? '',
    text: mailText(ctx, mail) ?? '',
    ...(mail.headers && Object.keys(mail.headers).length > 0 ? { headers: mail.headers } : {}),
    attachments,
  };
}

/**
 * Polls the outbox until stopped; returns the stop function, which lets the mail being sent finish, gives
 * back the rest of the batch this worker claimed, and resolves when the round is over.
 */
export function startMailWorker(ctx: AppContext, transport: MailTransport, intervalMs = 2_000): () => Promise<void> {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    if (stopped) return;
    // A failed round (the database restarting, say) is logged and the next one runs as usual.
    running = deliverDueMails(ctx, transport, 20, () => stopped).catch((error) =>
      logFailure(ctx.log, 'error', {}, error, 'mail worker tick failed'),
    );
    await running;
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  let timer = setTimeout(tick, 0);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
