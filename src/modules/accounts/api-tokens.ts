import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { authorize } from '../../platform/policy.ts';
import { toActor } from './account-row.ts';
import { revokeToken } from './policies.ts';
import type { Actor } from './profile.ts';
import { accounts, apiTokens } from './schema.ts';

/** "Last used" is recorded at most hourly per token, and written in batches off the request path. */
const TOKEN_TOUCH_MS = 3_600_000;
const pendingTokenUse = new WeakMap<AppContext['db'], Map<number, Date>>();

export async function actorFromApiToken(ctx: AppContext, token: string): Promise<Actor | null> {
  const [row] = await ctx.db
    .select({ account: accounts, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(accounts, eq(accounts.id, apiTokens.accountId))
    .where(eq(apiTokens.tokenHash, sha256(token)));
  if (!row) return null;
  noteTokenUse(ctx, row.tokenId, row.lastUsedAt);
  return toActor(row.account);
}

/** Queues "last used" for a token that just authenticated a request (also one checked inside another statement). */
export function noteTokenUse(ctx: AppContext, tokenId: number, lastUsedAt: Date | null): void {
  const now = ctx.clock.now();
  if (lastUsedAt && now.getTime() - lastUsedAt.getTime() <= TOKEN_TOUCH_MS) return;
  let pending = pendingTokenUse.get(ctx.db);
  if (!pending) {
    pending = new Map();
    pendingTokenUse.set(ctx.db, pending);
  }
  pending.set(tokenId, now);
}

/** Writes the queued "last used" times (every few seconds, and when the app closes). */
export async function flushTokenUse(ctx: AppContext): Promise<void> {
  const pending = pendingTokenUse.get(ctx.db);
  if (!pending?.size) return;
  const batch = [...pending];
  pending.clear();
  const rows = JSON.stringify(batch.map(([id, at]) => ({ id, at: at.toISOString() })));
  try {
    await ctx.db
      .update(apiTokens)
      .set({ lastUsedAt: sql`v.at` })
      .from(sql`jsonb_to_recordset(${rows}::jsonb) AS v(id int, at timestamptz)`)
      .where(and(eq(apiTokens.id, sql`v.id`), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, sql`v.at`))));
  } catch (error) {
    // Kept for the next round (the database may be restarting), unless a newer use was noted meanwhile.
    for (const [id, at] of batch) if (!pending.has(id)) pending.set(id, at);
    throw error;
  }
}

/** Creates a personal API token; the plain value is returned once and only its hash is kept. */
export async function createApiToken(ctx: AppContext, actor: Actor, name = ''): Promise<string> {
  const token = randomToken('cvn_');
  await ctx.db.insert(apiTokens).values({ accountId: actor.id, name: name.slice(0, 100), tokenHash: sha256(token) });
  return token;
}

export function listApiTokens(ctx: AppContext, actor: Actor) {
  return ctx.db
    .select({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(eq(apiTokens.accountId, actor.id))
    .orderBy(apiTokens.id);
}

export async function revokeApiToken(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const [token] = await ctx.db.select({ ownerId: apiTokens.accountId }).from(apiTokens).where(eq(apiTokens.id, id));
  authorize(actor, revokeToken, { ownerId: token?.ownerId ?? 0 });
  const deleted = await ctx.db
    .delete(apiTokens)
    .where(and(eq(apiTokens.id, id), eq(apiTokens.accountId, actor.id)))
    .returning({ id: apiTokens.id });
  if (deleted.length === 0) throw new NotFoundError();
}
