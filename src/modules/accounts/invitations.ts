import type { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import type { Tx } from '../../platform/db/index.ts';
import { email } from '../../platform/validation.ts';
import { toActor } from './account-row.ts';
import { profileSchema } from './input.ts';
import { accountPaths } from './paths.ts';
import type { Actor } from './profile.ts';
import { accounts, accountTokens, auditEvents } from './schema.ts';

/** How long an invitation's link stays valid: long enough for a delegate told by a colleague a week later. */
const INVITATION_DAYS = 14;
/** No password matches it: the account is used only once its person has chosen one through the link. */
const NO_PASSWORD_YET = '!invited';

/** What an invited person's account is made of: their profile as whoever invites them knows it. */
export const invitationSchema = profileSchema.extend({ email: email() });
type InvitationInput = z.infer<typeof invitationSchema>;

/**
 * Makes an account for someone another person registers (a delegate registered by their organization's focal
 * point), in the caller's transaction: no password yet, the address unconfirmed until its person follows the
 * link that lets them choose one (the password-reset page, which confirms the address). Returns the account
 * and that link, for the caller's mail, which says who invited them and to what.
 */
export async function inviteAccount(
  ctx: AppContext,
  tx: Tx,
  person: InvitationInput,
  invitedBy: number,
): Promise<{ actor: Actor; link: string }> {
  const now = ctx.clock.now();
  const [row] = await tx
    .insert(accounts)
    .values({ ...person, passwordHash: NO_PASSWORD_YET, createdAt: now, updatedAt: now })
    .returning();
  const token = randomToken();
  await tx.insert(accountTokens).values({
    accountId: row!.id,
    purpose: 'reset-password',
    tokenHash: sha256(token),
    expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
  });
  await tx
    .insert(auditEvents)
    .values({ actorId: invitedBy, action: 'account.invite', subject: `account:${row!.id}`, details: {}, at: now });
  return { actor: toActor(row!), link: `${ctx.config.baseUrl}${accountPaths.reset({}, { token })}` };
}
