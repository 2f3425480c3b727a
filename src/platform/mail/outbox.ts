import { count, desc, eq } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import type { DbOrTx } from '../db/index.ts';
import { type MailAttachment, outbox } from './schema.ts';
import { ensureRendered } from './templates.ts';

export interface OutgoingMail {
  kind: string;
  to: string;
  subject: string;
  /** The text, or — when `textSealed` — the text sealed with the data keyring (`ctx.keyring.seal(text)`). */
  text: string;
  /** Opened by the worker to send and by the console to show; the outbox never holds the text in clear. */
  textSealed?: boolean;
  /** Inline (`content`) or, for a file sent to many, by the hash of a stored file (`fileAttachment`). */
  attachments?: MailAttachment[];
  /** Extra headers (List-Id, List-Unsubscribe…); names and values must be single lines. */
  headers?: Record<string, string>;
}

/** An attachment read from the file store when the mail is sent: the outbox keeps only its hash. */
export function fileAttachment(filename: string, contentType: string, sha256: string): MailAttachment {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('fileAttachment: not a sha-256 hex digest');
  return { filename, contentType, content: '', file: sha256 };
}

const HEADER_NAME = /^[!-9;-~]+$/;

function checkedHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  for (const [name, value] of Object.entries(headers ?? {})) {
    // A line break in a value would let it add headers of its own.
    if (!HEADER_NAME.test(name) || /[\r\n]/.test(value)) throw new Error(`invalid mail header ${JSON.stringify(name)}`);
  }
  return headers ?? {};
}

const rowOf = (mail: OutgoingMail) => ({
  kind: mail.kind,
  toAddress: mail.to,
  subject: mail.subject,
  textBody: mail.text,
  textSealed: mail.textSealed ?? false,
  attachments: mail.attachments ?? [],
  headers: checkedHeaders(mail.headers),
  // Due at once, whatever the worker's clock says (tests move it into the past).
  nextAttemptAt: new Date(0),
});

/** Queues a mail; call it inside the transaction of the change that causes the mail. Returns its outbox id. */
export async function queueMail(db: DbOrTx, mail: OutgoingMail): Promise<number> {
  const [row] = await db.insert(outbox).values(rowOf(mail)).returning({ id: outbox.id });
  return row!.id;
}

/** Queues many mails in few statements (a mailing to a list); returns their outbox ids in order. */
export async function queueMails(db: DbOrTx, mails: OutgoingMail[], chunk = 500): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < mails.length; i += chunk) {
    const rows = await db
      .insert(outbox)
      .values(mails.slice(i, i + chunk).map(rowOf))
      .returning({ id: outbox.id });
    // INSERT … RETURNING gives the rows in the order of VALUES.
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

/** A row's text as sent: opened when it is kept sealed. */
export function mailText(ctx: AppContext, row: { textBody: string | null; textSealed: boolean }): string | null {
  if (row.textBody === null || !row.textSealed) return row.textBody;
  return ctx.keyring.open(row.textBody).toString('utf8');
}

/** Re-seals the sealed texts of queued and kept mails under the current data key (`convene rotate-data-key`). */
export async function resealMailTexts(ctx: AppContext): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const mails = await tx
      .select({ id: outbox.id, textBody: outbox.textBody })
      .from(outbox)
      .where(eq(outbox.textSealed, true))
      .for('update');
    let changed = 0;
    for (const mail of mails) {
      if (mail.textBody === null || ctx.keyring.isCurrent(mail.textBody)) continue;
      await tx
        .update(outbox)
        .set({ textBody: ctx.keyring.seal(ctx.keyring.open(mail.textBody)) })
        .where(eq(outbox.id, mail.id));
      changed += 1;
    }
    return changed;
  });
}

/**
 * The latest mails, newest first, each rendered (mails queued unrendered are rendered and stored now),
 * with sealed texts opened for display.
 */
export async function listMails(ctx: AppContext, options: { limit?: number; offset?: number; to?: string } = {}) {
  const q = ctx.db.select().from(outbox);
  const filtered = options.to ? q.where(eq(outbox.toAddress, options.to)) : q;
  const rows = await filtered
    .orderBy(desc(outbox.id))
    .limit(options.limit ?? 100)
    .offset(options.offset ?? 0);
  return Promise.all(
    rows.map(async (row) => {
      const rendered = await ensureRendered(ctx, row).catch(() => row);
      return rendered.textSealed ? { ...rendered, textBody: mailText(ctx, rendered), textSealed: false } : rendered;
    }),
  );
}

/** How many mails the outbox holds (queued, sent and failed): what the console pages through. */
export async function countMails(ctx: AppContext): Promise<number> {
  const [row] = await ctx.db.select({ n: count() }).from(outbox);
  return row?.n ?? 0;
}
