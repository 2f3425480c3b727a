import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import type { Tx } from '../../platform/db/index.ts';
import { DomainError } from '../../platform/errors.ts';
import { formatTimestamp } from '../../platform/i18n/dates.ts';
import { type Locale, translator } from '../../platform/i18n/index.ts';
import { queueMail } from '../../platform/mail/outbox.ts';
import { outbox } from '../../platform/mail/schema.ts';
import { authorize } from '../../platform/policy.ts';
import { email, parseInput } from '../../platform/validation.ts';
import { type AccountRow, addHours, findByEmail, mailLocale } from './account-row.ts';
import { password } from './input.ts';
import { hitCounters, mailRequestBuckets, TooManyRequestsError } from './limits.ts';
import { checkOwnPassword } from './login.ts';
import { consumeToken, minutesLeftInWindow } from './mailed-links.ts';
import { hashPassword } from './passwords.ts';
import { accountPaths } from './paths.ts';
import { useOwnAccount } from './policies.ts';
import { mailRequestVerdict } from './policy.ts';
import type { Actor } from './profile.ts';
import { accounts, accountTokens, apiTokens, auditEvents, pendingLogins, sessions } from './schema.ts';

const RESET_HOURS = 1;

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
