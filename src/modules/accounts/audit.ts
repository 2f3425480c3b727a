import type { AppContext } from '../../platform/context.ts';
import type { Actor } from './profile.ts';
import { auditEvents } from './schema.ts';

export async function audit(
  ctx: AppContext,
  actor: Actor | null,
  action: string,
  subject: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  await ctx.db.insert(auditEvents).values({ actorId: actor?.id ?? null, action, subject, details, at: ctx.clock.now() });
}
