import { and, count, eq, gt, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import { isUniqueViolation } from '../../platform/db/index.ts';
import { ConflictError, DomainError, NotFoundError, UnauthenticatedError, ValidationError } from '../../platform/errors.ts';
import { isLocale, type Locale, translator } from '../../platform/i18n/index.ts';
import { queueMail } from '../../platform/mail/outbox.ts';
import { countryCode, email, oneOf, optionalText, parseInput, requiredText } from '../../platform/validation.ts';
import { dummyHash, hashPassword, verifyPassword } from './passwords.ts';
import { type Actor, membershipCategories, personalTitles, type Role, roles } from './profile.ts';
import { accounts, accountTokens, apiTokens, auditEvents, loginAttempts, sessions } from './schema.ts';

const SESSION_DAYS = 30;
const VERIFY_HOURS = 48;
const RESET_HOURS = 1;
/** Failed logins allowed per e-mail, and per address, in the window before login is refused. */
const LOGIN_WINDOW_MS = 15 * 60_000;
const MAX_FAILURES_PER_EMAIL = 5;
const MAX_FAILURES_PER_IP = 30;

const password = () =>
  z.string({ message: 'error.required' }).min(10, { message: 'error.passwordShort' }).max(200, { message: 'error.tooLong' });

export const profileSchema = z.object({
  title: z.enum(personalTitles, { message: 'error.choice' }).default(''),
  givenName: requiredText(100),
  familyName: requiredText(100),
  organization: optionalText(200),
  country: countryCode(),
  category: oneOf(membershipCategories).default('non-member'),
});
export type ProfileInput = z.input<typeof profileSchema>;

export const signUpSchema = profileSchema.extend({ email: email(), password: password() });
export type SignUpInput = z.input<typeof signUpSchema>;

type AccountRow = typeof accounts.$inferSelect;

export function toActor(row: AccountRow): Actor {
  return {
    id: row.id,
    email: row.email,
    role: row.role as Role,
    givenName: row.givenName,
    familyName: row.familyName,
    emailVerified: row.emailVerifiedAt !== null,
    preferredLanguage: row.preferredLanguage,
  };
}

const addHours = (at: Date, hours: number) => new Date(at.getTime() + hours * 3_600_000);
const mailLocale = (row: AccountRow, fallback: Locale): Locale =>
  isLocale(row.preferredLanguage) ? row.preferredLanguage : fallback;

async function findByEmail(ctx: AppContext, address: string) {
  const [row] = await ctx.db
    .select()
    .from(accounts)
    .where(eq(sql`lower(${accounts.email})`, address.trim().toLowerCase()));
  return row;
}

export async function signUp(ctx: AppContext, input: SignUpInput, locale: Locale): Promise<Actor> {
  const data = parseInput(signUpSchema, input);
  const passwordHash = await hashPassword(data.password);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(accounts)
        .values({ ...data, passwordHash, preferredLanguage: locale, role: 'participant' })
        .returning();
      await issueVerification(ctx, tx, row!, locale);
      return toActor(row!);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError('duplicate-email', 'error.emailTaken', {}, [{ field: 'email', message: 'error.emailTaken' }]);
    }
    throw error;
  }
}

async function issueVerification(ctx: AppContext, tx: Parameters<Parameters<AppContext['db']['transaction']>[0]>[0], row: AccountRow, locale: Locale) {
  const token = randomToken();
  await tx.insert(accountTokens).values({
    accountId: row.id,
    purpose: 'verify-email',
    tokenHash: sha256(token),
    expiresAt: addHours(ctx.clock.now(), VERIFY_HOURS),
  });
  const t = translator(mailLocale(row, locale));
  const link = `${ctx.config.baseUrl}/account/verify?token=${encodeURIComponent(token)}`;
  await queueMail(tx, {
    kind: 'verify-email',
    to: row.email,
    subject: t('mail.verify.subject'),
    text: t('mail.verify.body', { name: row.givenName, link, hours: VERIFY_HOURS }),
  });
}

export async function resendVerification(ctx: AppContext, actor: Actor, locale: Locale): Promise<void> {
  const [row] = await ctx.db.select().from(accounts).where(eq(accounts.id, actor.id));
  if (!row || row.emailVerifiedAt) return;
  await ctx.db.transaction((tx) => issueVerification(ctx, tx, row, locale));
}

/** Consumes a one-time token of the given purpose; returns the account id or throws. */
async function consumeToken(ctx: AppContext, tx: Parameters<Parameters<AppContext['db']['transaction']>[0]>[0], token: string, purpose: string): Promise<number> {
  const now = ctx.clock.now();
  const [row] = await tx
    .update(accountTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(accountTokens.tokenHash, sha256(token)),
        eq(accountTokens.purpose, purpose),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, now),
      ),
    )
    .returning({ accountId: accountTokens.accountId });
  if (!row) throw new DomainError('invalid-token', 400, 'error.tokenInvalid');
  return row.accountId;
}

export async function verifyEmail(ctx: AppContext, token: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const accountId = await consumeToken(ctx, tx, token, 'verify-email');
    await tx.update(accounts).set({ emailVerifiedAt: ctx.clock.now() }).where(eq(accounts.id, accountId));
  });
}

export class RateLimitedError extends DomainError {
  constructor(minutes: number) {
    super('rate-limited', 429, 'error.tooManyAttempts', { minutes });
  }
}

/**
 * Checks the password and records the attempt. Failures are counted in the database, so the limit
 * holds across every app instance.
 */
export async function authenticate(
  ctx: AppContext,
  input: { email: string; password: string },
  ip: string,
): Promise<Actor> {
  const address = String(input.email ?? '').trim().toLowerCase();
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const failures = (where: ReturnType<typeof eq>) =>
    ctx.db
      .select({ n: count() })
      .from(loginAttempts)
      .where(and(where, eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)));
  const [[byEmail], [byIp]] = await Promise.all([failures(eq(loginAttempts.email, address)), failures(eq(loginAttempts.ip, ip))]);
  if ((byEmail?.n ?? 0) >= MAX_FAILURES_PER_EMAIL || (byIp?.n ?? 0) >= MAX_FAILURES_PER_IP) {
    throw new RateLimitedError(LOGIN_WINDOW_MS / 60_000);
  }
  const row = address ? await findByEmail(ctx, address) : undefined;
  let ok = false;
  if (row) ok = await verifyPassword(row.passwordHash, String(input.password ?? ''));
  else await verifyPassword(await dummyHash, String(input.password ?? '')); // same cost as a real check
  await ctx.db.insert(loginAttempts).values({ email: address, ip, succeeded: ok, at: now });
  if (!row || !ok) {
    throw new DomainError('invalid-credentials', 401, 'error.badCredentials', {}, [
      { field: 'email', message: 'error.badCredentials' },
    ]);
  }
  return toActor(row);
}

/** Starts a session; returns the cookie value (only its hash is stored). */
export async function startSession(ctx: AppContext, accountId: number): Promise<string> {
  const token = randomToken();
  const now = ctx.clock.now();
  await ctx.db.insert(sessions).values({
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
    await ctx.db.execute(sql`
      UPDATE api_tokens t SET last_used_at = v.at
      FROM jsonb_to_recordset(${rows}::jsonb) AS v(id int, at timestamptz)
      WHERE t.id = v.id AND (t.last_used_at IS NULL OR t.last_used_at < v.at)`);
  } catch (error) {
    // Kept for the next round (the database may be restarting), unless a newer use was noted meanwhile.
    for (const [id, at] of batch) if (!pending.has(id)) pending.set(id, at);
    throw error;
  }
}

/** Always succeeds from the outside, so the form does not reveal which addresses have accounts. */
export async function requestPasswordReset(ctx: AppContext, input: { email?: string }, locale: Locale): Promise<void> {
  const { email: address } = parseInput(z.object({ email: email() }), input);
  const row = await findByEmail(ctx, address);
  if (!row) return;
  const token = randomToken();
  await ctx.db.transaction(async (tx) => {
    await tx.insert(accountTokens).values({
      accountId: row.id,
      purpose: 'reset-password',
      tokenHash: sha256(token),
      expiresAt: addHours(ctx.clock.now(), RESET_HOURS),
    });
    const t = translator(mailLocale(row, locale));
    await queueMail(tx, {
      kind: 'reset-password',
      to: row.email,
      subject: t('mail.reset.subject'),
      text: t('mail.reset.body', {
        name: row.givenName,
        link: `${ctx.config.baseUrl}/account/reset?token=${encodeURIComponent(token)}`,
        hours: RESET_HOURS,
      }),
    });
  });
}

/** Sets a new password from a reset token and signs the account out everywhere. */
export async function resetPassword(ctx: AppContext, input: { token?: string; password?: string }): Promise<void> {
  const data = parseInput(z.object({ token: z.string().min(1, { message: 'error.tokenInvalid' }), password: password() }), input);
  const passwordHash = await hashPassword(data.password);
  await ctx.db.transaction(async (tx) => {
    const accountId = await consumeToken(ctx, tx, data.token, 'reset-password');
    // Following the mailed link proves the address, too.
    await tx
      .update(accounts)
      .set({ passwordHash, updatedAt: ctx.clock.now(), emailVerifiedAt: sql`coalesce(${accounts.emailVerifiedAt}, now())` })
      .where(eq(accounts.id, accountId));
    await tx.delete(sessions).where(eq(sessions.accountId, accountId));
  });
}

export async function getProfile(ctx: AppContext, actor: Actor) {
  const [row] = await ctx.db.select().from(accounts).where(eq(accounts.id, actor.id));
  if (!row) throw new NotFoundError();
  const { passwordHash: _omit, ...profile } = row;
  return profile;
}

export async function updateProfile(ctx: AppContext, actor: Actor, input: ProfileInput): Promise<void> {
  const data = parseInput(profileSchema, input);
  await ctx.db.update(accounts).set({ ...data, updatedAt: ctx.clock.now() }).where(eq(accounts.id, actor.id));
}

export async function setPreferredLanguage(ctx: AppContext, actor: Actor, locale: Locale): Promise<void> {
  if (actor.preferredLanguage === locale) return;
  await ctx.db.update(accounts).set({ preferredLanguage: locale }).where(eq(accounts.id, actor.id));
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
  const deleted = await ctx.db
    .delete(apiTokens)
    .where(and(eq(apiTokens.id, id), eq(apiTokens.accountId, actor.id)))
    .returning({ id: apiTokens.id });
  if (deleted.length === 0) throw new NotFoundError();
}

/** The CLI's create-user: an account whose address is taken as verified. */
export async function createVerifiedUser(
  ctx: AppContext,
  input: SignUpInput & { role?: string },
): Promise<Actor> {
  const data = parseInput(signUpSchema.extend({ role: oneOf(roles).default('participant') }), input);
  const passwordHash = await hashPassword(data.password);
  try {
    const [row] = await ctx.db
      .insert(accounts)
      .values({ ...data, passwordHash, emailVerifiedAt: ctx.clock.now() })
      .returning();
    await audit(ctx, null, 'account.create', `account:${row!.id}`, { role: data.role });
    return toActor(row!);
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError([{ field: 'email', message: 'error.emailTaken' }]);
    throw error;
  }
}

export async function findActorByEmail(ctx: AppContext, address: string): Promise<Actor | null> {
  const row = await findByEmail(ctx, address);
  return row ? toActor(row) : null;
}

export async function audit(
  ctx: AppContext,
  actor: Actor | null,
  action: string,
  subject: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  await ctx.db.insert(auditEvents).values({ actorId: actor?.id ?? null, action, subject, details, at: ctx.clock.now() });
}

/** The secret of the person's calendar feed address, created on first use. */
export async function calendarToken(ctx: AppContext, actor: Actor | null): Promise<string> {
  if (!actor) throw new UnauthenticatedError();
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
  if (!actor) throw new UnauthenticatedError();
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
