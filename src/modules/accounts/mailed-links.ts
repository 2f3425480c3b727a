import { and, eq, gt, isNull } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { sha256 } from '../../platform/crypto.ts';
import type { Tx } from '../../platform/db/index.ts';
import { DomainError } from '../../platform/errors.ts';
import { MAIL_REQUEST_LIMIT } from './policy.ts';
import { accountTokens } from './schema.ts';
import type { AccountTokenPurpose } from './vocabulary.ts';

/** Minutes until the current window of the mailed-link throttle ends (what a refused client is told). */
export const minutesLeftInWindow = (now: Date) =>
  Math.max(1, Math.ceil((MAIL_REQUEST_LIMIT.windowMs - (now.getTime() % MAIL_REQUEST_LIMIT.windowMs)) / 60_000));

/** Consumes a one-time token of the given purpose; returns the account id or throws. */
export async function consumeToken(ctx: AppContext, tx: Tx, token: string, purpose: AccountTokenPurpose): Promise<number> {
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
