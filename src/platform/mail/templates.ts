import { and, eq, isNull } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import type { OutgoingMail } from './outbox.ts';
import { outbox } from './schema.ts';

type OutboxRow = typeof outbox.$inferSelect;
type RenderedMail = Pick<OutgoingMail, 'subject' | 'text' | 'attachments'>;

/**
 * Renders a mail queued as a kind and its parameters, from the database as it is now. Returns null when
 * there is nothing left to say (the subject of the mail no longer exists).
 */
type MailTemplate = (ctx: AppContext, params: Record<string, unknown>) => Promise<RenderedMail | null>;

const templates = new Map<string, MailTemplate>();

/**
 * Modules register the kinds they queue unrendered. Deferring the rendering lets the busiest writes
 * (a registration in one statement) queue a mail without knowing the recipient's language first.
 */
export function defineMailTemplate(kind: string, template: MailTemplate): void {
  templates.set(kind, template);
}

export class NothingToSendError extends Error {}

/**
 * The row with subject, text and attachments filled in: rendered once and stored, so the secretariat's
 * console shows exactly what is sent and every retry sends the same mail.
 */
export async function ensureRendered(ctx: AppContext, row: OutboxRow): Promise<OutboxRow> {
  if (row.subject !== null && row.textBody !== null) return row;
  const template = templates.get(row.kind);
  if (!template) throw new Error(`no mail template for kind "${row.kind}"`);
  const rendered = await template(ctx, row.params ?? {});
  if (!rendered) throw new NothingToSendError(`nothing to send for ${row.kind} ${JSON.stringify(row.params)}`);
  const values = { subject: rendered.subject, textBody: rendered.text, attachments: rendered.attachments ?? [] };
  const [stored] = await ctx.db
    .update(outbox)
    .set(values)
    .where(and(eq(outbox.id, row.id), isNull(outbox.subject)))
    .returning();
  // Rendered concurrently by someone else (the worker while the console looked): theirs stands.
  return stored ?? (await ctx.db.select().from(outbox).where(eq(outbox.id, row.id)))[0] ?? { ...row, ...values };
}
