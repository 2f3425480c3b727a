import { eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { emit } from '../../platform/events.ts';
import { forgetRequestKeysOf } from '../../platform/idempotency/keys.ts';
import { outbox } from '../../platform/mail/schema.ts';
import { erasePersonalData, exportPersonalData } from '../../platform/modules/personal-data.ts';
import { authorize } from '../../platform/policy.ts';
import { audit } from './audit.ts';
import { accountDeleting } from './events.ts';
import { checkOwnPassword } from './login.ts';
import { useOwnAccount } from './policies.ts';
import type { Actor } from './profile.ts';
import { accounts, apiTokens } from './schema.ts';
import { twoFactorForExport } from './two-factor.ts';

/** Everything convene holds about the person, their own passport details included (GDPR art. 15/20). */
export async function exportMyData(ctx: AppContext, actor: Actor | null) {
  authorize(actor, useOwnAccount, undefined);
  const [account] = await ctx.db.select().from(accounts).where(eq(accounts.id, actor.id));
  const { passwordHash: _secret, ...profile } = account!;
  const tokens = await ctx.db
    .select({ name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(eq(apiTokens.accountId, actor.id));
  const parts = await exportPersonalData(ctx, {
    accountId: actor.id,
    email: account!.email,
    emailVerified: Boolean(account!.emailVerifiedAt),
  });
  await audit(ctx, actor, 'account.export', `account:${actor.id}`);
  return {
    exportedAt: ctx.clock.now().toISOString(),
    account: profile,
    apiTokens: tokens,
    twoFactor: await twoFactorForExport(ctx, actor.id),
    // Each module's part: registrations with their visa requests, mailing-list subscriptions…
    ...parts,
  };
}

/**
 * Deletes the account after checking its password: in-person places it held go to the waiting list
 * (handlers of `account.deleting`, in the same transaction), then the account and everything hanging
 * off it (sessions, tokens, registrations, visa requests, mails addressed to it, the mailing-list
 * subscriptions of its address) are removed. Audit events keep the action without the person.
 */
export async function deleteMyAccount(ctx: AppContext, actor: Actor | null, input: { password?: string }, client = ''): Promise<void> {
  authorize(actor, useOwnAccount, undefined);
  // A wrong password counts against the login limit, like a login.
  const account = await checkOwnPassword(ctx, actor, String(input.password ?? ''), client);
  await ctx.db.transaction(async (tx) => {
    // Registrations free their places (and promote the waiting lists) in this same transaction.
    await emit(ctx, tx, accountDeleting, { accountId: actor.id });
    await tx.delete(outbox).where(eq(outbox.toAddress, account.email));
    await forgetRequestKeysOf(tx, actor.id);
    await erasePersonalData(ctx, tx, { accountId: actor.id, email: account.email, emailVerified: Boolean(account.emailVerifiedAt) });
    await tx.delete(accounts).where(eq(accounts.id, actor.id));
  });
  await audit(ctx, null, 'account.delete', `account:${actor.id}`);
}
