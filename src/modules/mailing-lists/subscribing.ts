import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import { DomainError } from '../../platform/errors.ts';
import { type Locale, locales, pick, translator } from '../../platform/i18n/index.ts';
import { type OutgoingMail, queueMail } from '../../platform/mail/outbox.ts';
import { email, oneOf, parseInput } from '../../platform/validation.ts';
import type { GroupRow } from '../groups/service.ts';
import { findGroup } from '../groups/service.ts';
import { confirmUrl } from './addresses.ts';
import { type LinkTarget, ListLinkInvalidError, plausibleSecret, type SubscriptionRow, targetOf } from './links.ts';
import { listSubscriptions } from './schema.ts';

/** A confirmation link is refused after this many days; the person asks again. */
export const PENDING_DAYS = 7;
/** At most one confirmation mail per list and address in this many minutes, however often it is asked. */
const RESEND_MINUTES = 10;

const DAY_MS = 86_400_000;

class ListLinkExpiredError extends DomainError {
  constructor() {
    super('link-expired', 410, 'error.listLinkExpired', { days: PENDING_DAYS });
  }
}

const subscribeSchema = z.object({ email: email(), locale: oneOf(locales).optional() });
type SubscribeInput = z.input<typeof subscribeSchema>;

function confirmationMail(ctx: AppContext, group: GroupRow, address: string, locale: Locale, secret: string): OutgoingMail {
  const t = translator(locale);
  return {
    kind: 'list-confirm',
    to: address,
    subject: t('mail.list.confirm.subject', { group: group.code }),
    text: t('mail.list.confirm.body', {
      group: group.code,
      name: pick(group.name, locale),
      link: confirmUrl(ctx, secret),
      days: PENDING_DAYS,
    }),
  };
}

/**
 * Asks to subscribe an address to a group's list. From the outside it always answers the same way —
 * whether the address is new, pending, already confirmed or unsubscribed — so the form tells nobody who
 * is on the list. A new or renewed request (new secret, 7 days from now) mails a confirmation link;
 * a pending request younger than RESEND_MINUTES, or a confirmed subscription, sends nothing.
 * The row's `created_at` is the time of the latest request: confirmation links expire from it.
 */
export async function subscribe(
  ctx: AppContext,
  groupCode: string,
  input: SubscribeInput,
  readerLocale: Locale,
): Promise<{ email: string }> {
  const group = await findGroup(ctx, groupCode);
  const data = parseInput(subscribeSchema, input);
  const locale = data.locale ?? readerLocale;
  const address = data.email;
  const now = ctx.clock.now();
  const byAddress = and(eq(listSubscriptions.groupId, group.id), eq(sql`lower(${listSubscriptions.email})`, address));
  await ctx.db.transaction(async (tx) => {
    let [row] = await tx.select().from(listSubscriptions).where(byAddress).for('update');
    if (!row) {
      const secret = randomToken();
      const unsubscribeSecret = randomToken();
      const [inserted] = await tx
        .insert(listSubscriptions)
        .values({
          groupId: group.id,
          email: address,
          locale,
          status: 'pending',
          confirmTokenHash: sha256(secret),
          unsubscribeTokenHash: sha256(unsubscribeSecret),
          unsubscribeTokenSealed: ctx.keyring.seal(unsubscribeSecret),
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning();
      if (inserted) {
        await queueMail(tx, confirmationMail(ctx, group, address, locale, secret));
        return;
      }
      // The same address asked twice at once: the other request made the row.
      [row] = await tx.select().from(listSubscriptions).where(byAddress).for('update');
      if (!row) return;
    }
    if (row.status === 'confirmed') return;
    if (row.status === 'pending' && now.getTime() - row.createdAt.getTime() < RESEND_MINUTES * 60_000) return;
    const secret = randomToken();
    await tx
      .update(listSubscriptions)
      .set({ status: 'pending', confirmTokenHash: sha256(secret), locale, createdAt: now })
      .where(eq(listSubscriptions.id, row.id));
    await queueMail(tx, confirmationMail(ctx, group, row.email, locale, secret));
  });
  return { email: address };
}

const isExpired = (ctx: AppContext, row: SubscriptionRow) => ctx.clock.now().getTime() - row.createdAt.getTime() > PENDING_DAYS * DAY_MS;

/** What a confirmation link is about, for the page with the button (a GET changes nothing: mail scanners follow links). */
export async function confirmationTarget(ctx: AppContext, token: string): Promise<LinkTarget> {
  if (!plausibleSecret(token)) throw new ListLinkInvalidError();
  const [row] = await ctx.db
    .select()
    .from(listSubscriptions)
    .where(eq(listSubscriptions.confirmTokenHash, sha256(token)));
  if (row?.status === 'unsubscribed') throw new ListLinkInvalidError();
  if (row?.status === 'pending' && isExpired(ctx, row)) throw new ListLinkExpiredError();
  return targetOf(ctx, row);
}

/**
 * Confirms a subscription. Idempotent: confirming again answers the same. Refused when the link is
 * older than PENDING_DAYS, or belongs to a request the person has since unsubscribed from.
 */
export async function confirmSubscription(ctx: AppContext, token: string): Promise<LinkTarget> {
  if (!plausibleSecret(token)) throw new ListLinkInvalidError();
  const row = await ctx.db.transaction(async (tx) => {
    const [found] = await tx
      .select()
      .from(listSubscriptions)
      .where(eq(listSubscriptions.confirmTokenHash, sha256(token)))
      .for('update');
    if (!found || found.status === 'unsubscribed') throw new ListLinkInvalidError();
    if (found.status === 'confirmed') return found;
    if (isExpired(ctx, found)) throw new ListLinkExpiredError();
    const [updated] = await tx
      .update(listSubscriptions)
      .set({ status: 'confirmed', confirmedAt: ctx.clock.now(), unsubscribedAt: null })
      .where(eq(listSubscriptions.id, found.id))
      .returning();
    return updated!;
  });
  return targetOf(ctx, row);
}
