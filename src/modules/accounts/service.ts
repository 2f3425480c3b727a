import { and, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import { type DbOrTx, isUniqueViolation, type Tx } from '../../platform/db/index.ts';
import { DomainError, NotFoundError, UnauthenticatedError, ValidationError } from '../../platform/errors.ts';
import { formatTimestamp } from '../../platform/i18n/dates.ts';
import { isLocale, type Locale, translator } from '../../platform/i18n/index.ts';
import { queueMail } from '../../platform/mail/outbox.ts';
import { outbox } from '../../platform/mail/schema.ts';
import { authorize } from '../../platform/policy.ts';
import { countryCode, email, oneOf, optionalText, parseInput, requiredText } from '../../platform/validation.ts';
import { hitCounters, mailRequestBuckets, RateLimitedError, settleLoginAttempt, TooManyRequestsError, takeLoginAttempt } from './limits.ts';
import { dummyHash, hashPassword, verifyPassword } from './passwords.ts';
import { accountPaths } from './paths.ts';
import { revokeToken, useOwnAccount } from './policies.ts';
import { MAIL_REQUEST_LIMIT, mailRequestVerdict } from './policy.ts';
import type { Actor } from './profile.ts';
import { accounts, accountTokens, apiTokens, auditEvents, pendingLogins, sessions, signupRequests } from './schema.ts';
import { type AccountTokenPurpose, accountRoles, membershipCategories, personalTitles } from './vocabulary.ts';

export { RateLimitedError, TooManyRequestsError };

const SESSION_DAYS = 30;
const VERIFY_HOURS = 48;
const RESET_HOURS = 1;

const password = () =>
  z.string({ message: 'error.required' }).min(10, { message: 'error.passwordShort' }).max(200, { message: 'error.tooLong' });

const profileSchema = z.object({
  title: z.enum(personalTitles, { message: 'error.choice' }).default(''),
  givenName: requiredText(100),
  familyName: requiredText(100),
  organization: optionalText(200),
  country: countryCode(),
  category: oneOf(membershipCategories).default('non-member'),
});
export type ProfileInput = z.input<typeof profileSchema>;

const signUpSchema = profileSchema.extend({ email: email(), password: password() });
export type SignUpInput = z.input<typeof signUpSchema>;

type AccountRow = typeof accounts.$inferSelect;

function toActor(row: AccountRow): Actor {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    givenName: row.givenName,
    familyName: row.familyName,
    emailVerified: row.emailVerifiedAt !== null,
    preferredLanguage: row.preferredLanguage,
  };
}

const addHours = (at: Date, hours: number) => new Date(at.getTime() + hours * 3_600_000);
const mailLocale = (row: AccountRow, fallback: Locale): Locale => (isLocale(row.preferredLanguage) ? row.preferredLanguage : fallback);

async function findByEmail(db: DbOrTx, address: string) {
  const [row] = await db
    .select()
    .from(accounts)
    .where(eq(sql`lower(${accounts.email})`, address.trim().toLowerCase()));
  return row;
}

/** Minutes until the current window of the mailed-link throttle ends (what a refused client is told). */
const minutesLeftInWindow = (now: Date) =>
  Math.max(1, Math.ceil((MAIL_REQUEST_LIMIT.windowMs - (now.getTime() % MAIL_REQUEST_LIMIT.windowMs)) / 60_000));

/**
 * Signs up. The answer is the same whether or not the address has an account ("check your mail"), so
 * the form names no registered address: a new address is mailed a link that creates the account when
 * opened (nothing exists before), the owner of a registered address is mailed that someone tried, with
 * how to log in or reset the password. Both paths hash the password and write in one transaction.
 * Throttled per address (over the limit: the same answer, no mail) and per client (429).
 */
export async function signUp(ctx: AppContext, input: SignUpInput, locale: Locale, client: string): Promise<void> {
  const data = parseInput(signUpSchema, input);
  const { email: address, password: _plain, ...profile } = data;
  const passwordHash = await hashPassword(data.password);
  const token = randomToken();
  const now = ctx.clock.now();
  const verdict = await ctx.db.transaction(async (tx) => {
    const buckets = mailRequestBuckets('signup', address, client);
    const [addressHits, clientHits] = await hitCounters(tx, [buckets.address, buckets.client], now);
    const verdict = mailRequestVerdict({ address: addressHits!, client: clientHits! });
    const row = await findByEmail(tx, address);
    if (verdict !== 'send') return verdict;
    if (row) {
      const t = translator(mailLocale(row, locale));
      await queueMail(tx, {
        kind: 'signup-existing',
        to: row.email,
        subject: t('mail.signupExisting.subject'),
        text: t('mail.signupExisting.body', {
          name: row.givenName,
          login: `${ctx.config.baseUrl}${accountPaths.login()}`,
          reset: `${ctx.config.baseUrl}${accountPaths.forgot()}`,
        }),
      });
      return verdict;
    }
    await tx.insert(signupRequests).values({
      email: address,
      passwordHash,
      profile,
      locale,
      tokenHash: sha256(token),
      expiresAt: addHours(now, VERIFY_HOURS),
    });
    const t = translator(locale);
    await queueMail(tx, {
      kind: 'verify-email',
      to: address,
      subject: t('mail.verify.subject'),
      text: t('mail.signup.body', {
        name: data.givenName,
        link: `${ctx.config.baseUrl}${accountPaths.verify({}, { token })}`,
        hours: VERIFY_HOURS,
      }),
    });
    return verdict;
  });
  if (verdict === 'refuse') throw new TooManyRequestsError(minutesLeftInWindow(now));
}

async function issueVerification(ctx: AppContext, tx: Tx, row: AccountRow, locale: Locale) {
  const token = randomToken();
  await tx.insert(accountTokens).values({
    accountId: row.id,
    purpose: 'verify-email',
    tokenHash: sha256(token),
    expiresAt: addHours(ctx.clock.now(), VERIFY_HOURS),
  });
  const t = translator(mailLocale(row, locale));
  const link = `${ctx.config.baseUrl}${accountPaths.verify({}, { token })}`;
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
async function consumeToken(ctx: AppContext, tx: Tx, token: string, purpose: AccountTokenPurpose): Promise<number> {
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

/**
 * Follows a mailed confirmation link: a pending sign-up becomes the account (its address verified), or
 * the address of an existing account is marked verified.
 */
export async function verifyEmail(ctx: AppContext, token: string): Promise<'created' | 'verified'> {
  const now = ctx.clock.now();
  const tokenHash = sha256(token);
  return ctx.db
    .transaction(async (tx) => {
      const [found] = await tx
        .select({ email: signupRequests.email })
        .from(signupRequests)
        .where(and(eq(signupRequests.tokenHash, tokenHash), gt(signupRequests.expiresAt, now)));
      // Two links of one address opened at once are taken one after the other, so the second finds its
      // sign-up gone with the first (else, on PostgreSQL, each waits on rows of the other: a deadlock or
      // a duplicate address, answered 500).
      if (found) await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`signup:${found.email.toLowerCase()}`}, 0))`);
      const [pending] = found ? await tx.delete(signupRequests).where(eq(signupRequests.tokenHash, tokenHash)).returning() : [];
      if (pending) {
        // Two sign-ups for one address: the first link opened makes the account, the other finds it made.
        if (await findByEmail(tx, pending.email)) throw new DomainError('already-registered', 409, 'error.alreadyRegistered');
        const profile = parseInput(profileSchema, pending.profile);
        const [row] = await tx
          .insert(accounts)
          .values({
            ...profile,
            email: pending.email,
            passwordHash: pending.passwordHash,
            emailVerifiedAt: now,
            preferredLanguage: pending.locale,
            role: 'participant',
          })
          .returning({ id: accounts.id });
        await tx.delete(signupRequests).where(eq(sql`lower(${signupRequests.email})`, pending.email.toLowerCase()));
        await tx
          .insert(auditEvents)
          .values({ actorId: row!.id, action: 'account.create', subject: `account:${row!.id}`, details: { via: 'signup' }, at: now });
        return 'created' as const;
      }
      const accountId = await consumeToken(ctx, tx, token, 'verify-email');
      await tx.update(accounts).set({ emailVerifiedAt: now }).where(eq(accounts.id, accountId));
      return 'verified' as const;
    })
    .catch((error: unknown) => {
      // The address was taken meanwhile another way (the command line's create-user).
      if (isUniqueViolation(error)) throw new DomainError('already-registered', 409, 'error.alreadyRegistered');
      throw error;
    });
}

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

/** An INSERT's column list: there, PostgreSQL takes bare column names only (a column in `sql` renders qualified). */
const columnNames = (...columns: PgColumn[]) =>
  sql.join(
    columns.map((c) => sql.identifier(c.name)),
    sql`, `,
  );

/**
 * Always answers the same from the outside, so the form does not reveal which addresses have accounts:
 * both paths count the request, look the address up, write the mail and run the same statement that
 * stores the link and queues the mail — which inserts nothing for an unknown address — in one
 * transaction. Over the address's limit nothing is sent (same answer); over the client's, 429.
 */
export async function requestPasswordReset(ctx: AppContext, input: { email?: string }, locale: Locale, client: string): Promise<void> {
  const { email: address } = parseInput(z.object({ email: email() }), input);
  const token = randomToken();
  const tokenHash = sha256(token);
  const now = ctx.clock.now();
  const link = `${ctx.config.baseUrl}${accountPaths.reset({}, { token })}`;
  const verdict = await ctx.db.transaction(async (tx) => {
    const buckets = mailRequestBuckets('reset', address, client);
    const [addressHits, clientHits] = await hitCounters(tx, [buckets.address, buckets.client], now);
    const verdict = mailRequestVerdict({ address: addressHits!, client: clientHits! });
    const row = await findByEmail(tx, address);
    const t = translator(row ? mailLocale(row, locale) : locale);
    const subject = t('mail.reset.subject');
    const text = t('mail.reset.body', { name: row?.givenName ?? '', link, hours: RESET_HOURS });
    const accountId = row && verdict === 'send' ? row.id : 0;
    const expiresAt = addHours(now, RESET_HOURS).toISOString();
    await tx.execute(sql`
      WITH link AS (
        INSERT INTO ${accountTokens} (${columnNames(accountTokens.accountId, accountTokens.purpose, accountTokens.tokenHash, accountTokens.expiresAt)})
        SELECT ${accounts.id}, 'reset-password', ${tokenHash}, ${expiresAt}::timestamptz FROM ${accounts} WHERE ${accounts.id} = ${accountId}
        RETURNING ${accountTokens.accountId} AS account_id)
      INSERT INTO ${outbox} (${columnNames(outbox.kind, outbox.toAddress, outbox.subject, outbox.textBody, outbox.nextAttemptAt)})
      SELECT 'reset-password', ${accounts.email}, ${subject}, ${text}, 'epoch'::timestamptz FROM link JOIN ${accounts} ON ${accounts.id} = link.account_id`);
    return verdict;
  });
  if (verdict === 'refuse') throw new TooManyRequestsError(minutesLeftInWindow(now));
}

const newPasswordFields = {
  newPassword: password(),
  newPasswordAgain: z.string({ message: 'error.required' }).max(200, { message: 'error.tooLong' }),
};
const samePasswordTwice = (d: { newPassword: string; newPasswordAgain: string }) => d.newPassword === d.newPasswordAgain;
const mismatch = { path: ['newPasswordAgain'], message: 'error.passwordMismatch' };

/**
 * Sets a new password from a reset link. Like a password change it ends every session, every
 * outstanding reset link and every API token (the page and a mail say so); returns how many tokens.
 */
export async function resetPassword(ctx: AppContext, input: { token?: unknown; password?: unknown }): Promise<{ revokedTokens: number }> {
  const data = parseInput(
    z.object({ token: z.string({ message: 'error.tokenInvalid' }).min(1, { message: 'error.tokenInvalid' }), password: password() }),
    input,
  );
  const passwordHash = await hashPassword(data.password);
  return ctx.db.transaction(async (tx) => {
    const accountId = await consumeToken(ctx, tx, data.token, 'reset-password');
    // Following the mailed link proves the address, too.
    const [row] = await tx
      .update(accounts)
      .set({ passwordHash, updatedAt: ctx.clock.now(), emailVerifiedAt: sql`coalesce(${accounts.emailVerifiedAt}, now())` })
      .where(eq(accounts.id, accountId))
      .returning();
    return { revokedTokens: await revokeCredentials(ctx, tx, row!, null, 'reset') };
  });
}

const changePasswordSchema = z
  .object({
    currentPassword: z.string({ message: 'error.required' }).min(1, { message: 'error.required' }).max(200, { message: 'error.tooLong' }),
    ...newPasswordFields,
  })
  .refine(samePasswordTwice, mismatch);
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;

/**
 * Changes the password of the signed-in person: the current one is needed (a wrong one counts against
 * the login limit). Same effects as a reset, except that the session it is made from stays signed in.
 */
export async function changePassword(
  ctx: AppContext,
  actor: Actor | null,
  input: ChangePasswordInput,
  client: string,
  sessionToken: string | undefined,
): Promise<{ revokedTokens: number }> {
  authorize(actor, useOwnAccount, undefined);
  const data = parseInput(changePasswordSchema, input);
  const before = await checkOwnPassword(ctx, actor, data.currentPassword, client, 'currentPassword');
  const passwordHash = await hashPassword(data.newPassword);
  return ctx.db.transaction(async (tx) => {
    // Only over the password just checked: of two changes at once, one wins and the other is refused.
    const [row] = await tx
      .update(accounts)
      .set({ passwordHash, updatedAt: ctx.clock.now() })
      .where(and(eq(accounts.id, before.id), eq(accounts.passwordHash, before.passwordHash)))
      .returning();
    if (!row)
      throw new DomainError('invalid-credentials', 401, 'error.badPassword', {}, [
        { field: 'currentPassword', message: 'error.badPassword' },
      ]);
    return { revokedTokens: await revokeCredentials(ctx, tx, row, sessionToken ? sha256(sessionToken) : null, 'change') };
  });
}

/**
 * What a new password ends: every outstanding reset link, every session but the one kept (the one the
 * change was made from), every login waiting for its second factor, and every API token. The owner is
 * mailed. Returns the number of API tokens revoked.
 */
async function revokeCredentials(
  ctx: AppContext,
  tx: Tx,
  row: AccountRow,
  keepSessionHash: string | null,
  how: 'reset' | 'change',
): Promise<number> {
  const now = ctx.clock.now();
  await tx
    .update(accountTokens)
    .set({ usedAt: now })
    .where(and(eq(accountTokens.accountId, row.id), eq(accountTokens.purpose, 'reset-password'), isNull(accountTokens.usedAt)));
  await tx
    .delete(sessions)
    .where(keepSessionHash ? and(eq(sessions.accountId, row.id), ne(sessions.idHash, keepSessionHash)) : eq(sessions.accountId, row.id));
  await tx.delete(pendingLogins).where(eq(pendingLogins.accountId, row.id));
  const revoked = (await tx.delete(apiTokens).where(eq(apiTokens.accountId, row.id)).returning({ id: apiTokens.id })).length;
  const locale = mailLocale(row, 'en');
  const t = translator(locale);
  const lines = [
    t('mail.passwordChanged.body', {
      name: row.givenName,
      at: `${formatTimestamp(now, locale)} UTC`,
      reset: `${ctx.config.baseUrl}${accountPaths.forgot()}`,
    }),
  ];
  if (revoked > 0) lines.push(t('mail.passwordChanged.tokens', { count: revoked }), `${ctx.config.baseUrl}${accountPaths.account()}`);
  await queueMail(tx, { kind: 'password-changed', to: row.email, subject: t('mail.passwordChanged.subject'), text: lines.join('\n\n') });
  await tx.insert(auditEvents).values({
    actorId: row.id,
    action: 'account.password',
    subject: `account:${row.id}`,
    details: { how, revokedTokens: revoked },
    at: now,
  });
  return revoked;
}

export async function getProfile(ctx: AppContext, actor: Actor) {
  const [row] = await ctx.db.select().from(accounts).where(eq(accounts.id, actor.id));
  if (!row) throw new NotFoundError();
  const { passwordHash: _omit, ...profile } = row;
  return profile;
}

export async function updateProfile(ctx: AppContext, actor: Actor, input: ProfileInput): Promise<void> {
  const data = parseInput(profileSchema, input);
  await ctx.db
    .update(accounts)
    .set({ ...data, updatedAt: ctx.clock.now() })
    .where(eq(accounts.id, actor.id));
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
  const [token] = await ctx.db.select({ ownerId: apiTokens.accountId }).from(apiTokens).where(eq(apiTokens.id, id));
  authorize(actor, revokeToken, { ownerId: token?.ownerId ?? 0 });
  const deleted = await ctx.db
    .delete(apiTokens)
    .where(and(eq(apiTokens.id, id), eq(apiTokens.accountId, actor.id)))
    .returning({ id: apiTokens.id });
  if (deleted.length === 0) throw new NotFoundError();
}

/** The CLI's create-user: an account whose address is taken as verified. */
export async function createVerifiedUser(ctx: AppContext, input: SignUpInput & { role?: string }): Promise<Actor> {
  const data = parseInput(signUpSchema.extend({ role: oneOf(accountRoles).default('participant') }), input);
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
  const row = await findByEmail(ctx.db, address);
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
