import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { randomToken } from '../../platform/crypto.ts';
import { authorize } from '../../platform/policy.ts';
import { toActor } from './account-row.ts';
import { audit } from './audit.ts';
import { useOwnAccount } from './policies.ts';
import type { Actor } from './profile.ts';
import { accounts } from './schema.ts';

/** The secret of the person's calendar feed address, created on first use. */
export async function calendarToken(ctx: AppContext, actor: Actor | null): Promise<string> {
  authorize(actor, useOwnAccount, undefined);
  const [row] = await ctx.db.select({ token: accounts.calendarToken }).from(accounts).where(eq(accounts.id, actor.id));
  if (row?.token) return row.token;
  // Two first uses at once: the one that wrote first wins, the other gets its value.
  const [after] = await ctx.db
    .update(accounts)
    .set({ calendarToken: sql`coalesce(${accounts.calendarToken}, ${randomToken()})` })
    .where(eq(accounts.id, actor.id))
    .returning({ token: accounts.calendarToken });
  return after!.token!;
}

/** A new secret: calendar apps subscribed to the old address stop receiving the feed. */
export async function resetCalendarToken(ctx: AppContext, actor: Actor | null): Promise<string> {
  authorize(actor, useOwnAccount, undefined);
  const token = randomToken();
  await ctx.db.update(accounts).set({ calendarToken: token }).where(eq(accounts.id, actor.id));
  await audit(ctx, actor, 'calendar.reset', `account:${actor.id}`);
  return token;
}

/** Whose feed an address is; null when the secret is unknown (or was reset). */
export async function actorFromCalendarToken(ctx: AppContext, token: string): Promise<Actor | null> {
  if (!/^[\w-]{20,100}$/.test(token)) return null;
  const [row] = await ctx.db.select().from(accounts).where(eq(accounts.calendarToken, token));
  return row ? toActor(row) : null;
}
