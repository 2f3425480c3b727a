import { and, eq, gt, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import { isUniqueViolation, type Tx } from '../../platform/db/index.ts';
import { DomainError, ValidationError } from '../../platform/errors.ts';
import { type Locale, translator } from '../../platform/i18n/index.ts';
import { queueMail } from '../../platform/mail/outbox.ts';
import { oneOf, parseInput } from '../../platform/validation.ts';
import { type AccountRow, addHours, findByEmail, mailLocale, toActor } from './account-row.ts';
import { audit } from './audit.ts';
import { newAccountSchema, profileSchema, type SignUpInput, signUpSchema } from './input.ts';
import { hitCounters, mailRequestBuckets, TooManyRequestsError } from './limits.ts';
import { consumeToken, minutesLeftInWindow } from './mailed-links.ts';
import { hashPassword } from './passwords.ts';
import { accountPaths } from './paths.ts';
import { mailRequestVerdict } from './policy.ts';
import type { Actor } from './profile.ts';
import { accounts, accountTokens, auditEvents, signupRequests } from './schema.ts';
import { accountRoles } from './vocabulary.ts';

const VERIFY_HOURS = 48;

/**
 * Signs up. The answer is the same whether or not the address has an account ("check your mail"), so
 * the form names no registered address: a new address is mailed a link that creates the account when
 * opened (nothing exists before), the owner of a registered address is mailed that someone tried, with
 * how to log in or reset the password. Both paths hash the password and write in one transaction.
 * Throttled per address (over the limit: the same answer, no mail) and per client (429). `next` (a local path,
 * checked by the caller) is where the person was going: the mailed link carries it on.
 */
export async function signUp(ctx: AppContext, input: SignUpInput, locale: Locale, client: string, next = '/'): Promise<void> {
  const data = parseInput(signUpSchema, input);
  const onward = next === '/' ? undefined : next;
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
          login: `${ctx.config.baseUrl}${accountPaths.login({}, { next: onward })}`,
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
        link: `${ctx.config.baseUrl}${accountPaths.verify({}, { token, next: onward })}`,
        hours: VERIFY_HOURS,
      }),
    });
    return verdict;
  });
  if (verdict === 'refuse') throw new TooManyRequestsError(minutesLeftInWindow(now));
}

async function issueVerification(ctx: AppContext, tx: Tx, row: AccountRow, locale: Locale, next: string) {
  const token = randomToken();
  await tx.insert(accountTokens).values({
    accountId: row.id,
    purpose: 'verify-email',
    tokenHash: sha256(token),
    expiresAt: addHours(ctx.clock.now(), VERIFY_HOURS),
  });
  const t = translator(mailLocale(row, locale));
  const link = `${ctx.config.baseUrl}${accountPaths.verify({}, { token, next: next === '/' ? undefined : next })}`;
  await queueMail(tx, {
    kind: 'verify-email',
    to: row.email,
    subject: t('mail.verify.subject'),
    text: t('mail.verify.body', { name: row.givenName, link, hours: VERIFY_HOURS }),
  });
}

/** Mails the confirmation link again; `next` (a local path) is where the link leads on to. */
export async function resendVerification(ctx: AppContext, actor: Actor, locale: Locale, next = '/'): Promise<void> {
  const [row] = await ctx.db.select().from(accounts).where(eq(accounts.id, actor.id));
  if (!row || row.emailVerifiedAt) return;
  await ctx.db.transaction((tx) => issueVerification(ctx, tx, row, locale, next));
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

/** The CLI's create-user: an account whose address is taken as verified. */
export async function createVerifiedUser(ctx: AppContext, input: SignUpInput & { role?: string }): Promise<Actor> {
  const data = parseInput(newAccountSchema.extend({ role: oneOf(accountRoles).default('participant') }), input);
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
