import { and, eq, gt } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import type { DbOrTx } from '../../platform/db/index.ts';
import { DomainError, UnauthenticatedError } from '../../platform/errors.ts';
import { type AccountRow, addHours, findByEmail, toActor } from './account-row.ts';
import { settleLoginAttempt, takeLoginAttempt } from './limits.ts';
import { dummyHash, verifyPassword } from './passwords.ts';
import type { Actor } from './profile.ts';
import { accounts, sessions } from './schema.ts';

const SESSION_DAYS = 30;

/**
 * Checks the password and records the attempt. The attempt is taken from the login limit before the
 * password is evaluated, atomically (see takeLoginAttempt), so the limit holds under parallel tries and
 * across every app instance.
 */
export async function authenticate(ctx: AppContext, input: { email: string; password: string }, ip: string): Promise<Actor> {
  const address = String(input.email ?? '')
    .trim()
    .toLowerCase();
  const attempt = await takeLoginAttempt(ctx, address, ip);
  const row = address ? await findByEmail(ctx.db, address) : undefined;
  let ok = false;
  if (row) ok = await verifyPassword(row.passwordHash, String(input.password ?? ''));
  else await verifyPassword(await dummyHash, String(input.password ?? '')); // same cost as a real check
  await settleLoginAttempt(ctx, attempt, ok);
  if (!row || !ok) {
    throw new DomainError('invalid-credentials', 401, 'error.badCredentials', {}, [{ field: 'email', message: 'error.badCredentials' }]);
  }
  return toActor(row);
}

/**
 * Checks the signed-in person's own password (changing it, turning two-factor off, deleting the
 * account), counted against the login limit like a login, so a borrowed session cannot guess it.
 */
export async function checkOwnPassword(
  ctx: AppContext,
  actor: Actor,
  password: unknown,
  client: string,
  field = 'password',
): Promise<AccountRow> {
  const [row] = await ctx.db.select().from(accounts).where(eq(accounts.id, actor.id));
  if (!row) throw new UnauthenticatedError();
  const attempt = await takeLoginAttempt(ctx, row.email.toLowerCase(), client);
  const ok = await verifyPassword(row.passwordHash, typeof password === 'string' ? password : '');
  await settleLoginAttempt(ctx, attempt, ok);
  if (!ok) throw new DomainError('invalid-credentials', 401, 'error.badPassword', {}, [{ field, message: 'error.badPassword' }]);
  return row;
}

/** Starts a session; returns the cookie value (only its hash is stored). */
export async function startSession(ctx: AppContext, accountId: number, db: DbOrTx = ctx.db): Promise<string> {
  const token = randomToken();
  const now = ctx.clock.now();
  await db.insert(sessions).values({
    idHash: sha256(token),
    accountId,
    createdAt: now,
    expiresAt: addHours(now, SESSION_DAYS * 24),
  });
  return token;
}

export async function endSession(ctx: AppContext, token: string): Promise<void> {
  await ctx.db.delete(sessions).where(eq(sessions.idHash, sha256(token)));
}

export async function actorFromSession(ctx: AppContext, token: string): Promise<Actor | null> {
  const [row] = await ctx.db
    .select({ account: accounts })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(and(eq(sessions.idHash, sha256(token)), gt(sessions.expiresAt, ctx.clock.now())));
  return row ? toActor(row.account) : null;
}
