import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { sha256 } from '../../platform/crypto.ts';
import { type LinkTarget, ListLinkInvalidError, plausibleSecret, targetOf } from './links.ts';
import { listSubscriptions } from './schema.ts';

/** What an unsubscribe link is about, for the page with the button. */
export async function unsubscribeTarget(ctx: AppContext, token: string): Promise<LinkTarget> {
  if (!plausibleSecret(token)) throw new ListLinkInvalidError();
  const [row] = await ctx.db
    .select()
    .from(listSubscriptions)
    .where(eq(listSubscriptions.unsubscribeTokenHash, sha256(token)));
  return targetOf(ctx, row);
}

/** Unsubscribes (RFC 8058 one-click or the page's button). Idempotent; the secret stays valid for later clicks. */
export async function unsubscribe(ctx: AppContext, token: string): Promise<LinkTarget> {
  if (!plausibleSecret(token)) throw new ListLinkInvalidError();
  const hash = sha256(token);
  const [changed] = await ctx.db
    .update(listSubscriptions)
    .set({ status: 'unsubscribed', unsubscribedAt: ctx.clock.now() })
    .where(and(eq(listSubscriptions.unsubscribeTokenHash, hash), sql`${listSubscriptions.status} <> 'unsubscribed'`))
    .returning();
  if (changed) return targetOf(ctx, changed);
  const [already] = await ctx.db.select().from(listSubscriptions).where(eq(listSubscriptions.unsubscribeTokenHash, hash));
  return targetOf(ctx, already);
}
