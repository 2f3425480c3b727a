import { eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { listSubscriptions } from './schema.ts';

/** Re-seals the unsubscribe secrets under the current data key (`convene rotate-data-key`). */
export async function resealListSecrets(ctx: AppContext): Promise<number> {
  const rows = await ctx.db.select({ id: listSubscriptions.id, sealed: listSubscriptions.unsubscribeTokenSealed }).from(listSubscriptions);
  let resealed = 0;
  for (const r of rows) {
    if (ctx.keyring.isCurrent(r.sealed)) continue;
    await ctx.db
      .update(listSubscriptions)
      .set({ unsubscribeTokenSealed: ctx.keyring.seal(ctx.keyring.open(r.sealed)) })
      .where(eq(listSubscriptions.id, r.id));
    resealed += 1;
  }
  return resealed;
}
