import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { UnauthenticatedError } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { forgetRequestKeysOf } from '../../platform/idempotency/keys.ts';
import { outbox } from '../../platform/mail/schema.ts';
import { groups } from '../groups/schema.ts';
import { listSubscriptions } from '../mailing-lists/schema.ts';
import { meetings } from '../meetings/schema.ts';
import { registrations } from '../registrations/schema.ts';
import { letterValid } from '../visas/rules.ts';
import { visaRequests } from '../visas/schema.ts';
import { accountDeleting } from './events.ts';
import type { Actor } from './profile.ts';
import { accounts, apiTokens } from './schema.ts';
import { audit, checkOwnPassword } from './service.ts';
import { twoFactorForExport } from './two-factor.ts';

/** Everything convene holds about the person, their own passport details included (GDPR art. 15/20). */
export async function exportMyData(ctx: AppContext, actor: Actor | null) {
  if (!actor) throw new UnauthenticatedError();
  const [account] = await ctx.db.select().from(accounts).where(eq(accounts.id, actor.id));
  const { passwordHash: _secret, ...profile } = account!;
  const regs = await ctx.db
    .select({ registration: registrations, meetingTitle: meetings.title })
    .from(registrations)
    .innerJoin(meetings, eq(meetings.id, registrations.meetingId))
    .where(eq(registrations.accountId, actor.id));
  const visas = await Promise.all(
    regs.map(async ({ registration }) => {
      const [v] = await ctx.db.select().from(visaRequests).where(eq(visaRequests.registrationId, registration.id));
      if (!v) return null;
      const { passport, letterPdf: _pdf, ...rest } = v;
      return {
        ...rest,
        passport: passport ? JSON.parse(ctx.keyring.open(passport).toString('utf8')) : null,
        letterAvailable: letterValid(v),
      };
    }),
  );
  const tokens = await ctx.db
    .select({ name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(eq(apiTokens.accountId, actor.id));
  // Mailing lists know people by address only: the ones of the account's address are theirs — once the
  // account has proved it holds that address, or anyone could sign up as someone else to see them.
  const lists = !account!.emailVerifiedAt
    ? []
    : await ctx.db
        .select({
          group: groups.code,
          email: listSubscriptions.email,
          locale: listSubscriptions.locale,
          status: listSubscriptions.status,
          subscribedAt: listSubscriptions.createdAt,
          confirmedAt: listSubscriptions.confirmedAt,
          unsubscribedAt: listSubscriptions.unsubscribedAt,
        })
        .from(listSubscriptions)
        .innerJoin(groups, eq(groups.id, listSubscriptions.groupId))
        .where(eq(sql`lower(${listSubscriptions.email})`, account!.email.toLowerCase()));
  await audit(ctx, actor, 'account.export', `account:${actor.id}`);
  return {
    exportedAt: ctx.clock.now().toISOString(),
    account: profile,
    apiTokens: tokens,
    twoFactor: await twoFactorForExport(ctx, actor.id),
    registrations: regs.map(({ registration, meetingTitle }, i) => ({ ...registration, meetingTitle, visaRequest: visas[i] })),
    mailingLists: lists,
  };
}

/**
 * Deletes the account after checking its password: in-person places it held go to the waiting list
 * (handlers of `account.deleting`, in the same transaction), then the account and everything hanging
 * off it (sessions, tokens, registrations, visa requests, mails addressed to it, the mailing-list
 * subscriptions of its address) are removed. Audit events keep the action without the person.
 */
export async function deleteMyAccount(ctx: AppContext, actor: Actor | null, input: { password?: string }, client = ''): Promise<void> {
  if (!actor) throw new UnauthenticatedError();
  // A wrong password counts against the login limit, like a login.
  const account = await checkOwnPassword(ctx, actor, String(input.password ?? ''), client);
  await ctx.db.transaction(async (tx) => {
    // Registrations free their places (and promote the waiting lists) in this same transaction.
    await emit(ctx, tx, accountDeleting, { accountId: actor.id });
    await tx.delete(outbox).where(eq(outbox.toAddress, account.email));
    await forgetRequestKeysOf(tx, actor.id);
    if (account.emailVerifiedAt) {
      await tx.delete(listSubscriptions).where(eq(sql`lower(${listSubscriptions.email})`, account.email.toLowerCase()));
    }
    await tx.delete(accounts).where(eq(accounts.id, actor.id));
  });
  await audit(ctx, null, 'account.delete', `account:${actor.id}`);
}
