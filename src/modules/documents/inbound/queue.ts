import { desc, eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/actor.ts';
import type { AppContext } from '../../../platform/context.ts';
import { NotFoundError } from '../../../platform/errors.ts';
import { authorize } from '../../../platform/policy.ts';
import { groupCodes } from '../../groups/queries.ts';
import { manageDocumentIntake } from '../policies.ts';
import { inboundSubmissions } from '../schema.ts';
import type { InboundStatus } from '../vocabulary.ts';

export type InboundRow = typeof inboundSubmissions.$inferSelect;

export async function listInbound(ctx: AppContext, actor: Actor | null, status: InboundStatus = 'pending') {
  authorize(actor, manageDocumentIntake, undefined);
  const submissions = await ctx.db
    .select()
    .from(inboundSubmissions)
    .where(eq(inboundSubmissions.status, status))
    .orderBy(desc(inboundSubmissions.createdAt), desc(inboundSubmissions.id));
  const codes = await groupCodes(
    ctx,
    submissions.map((s) => s.groupId),
  );
  return submissions.map((submission) => ({ submission, groupCode: codes.get(submission.groupId) ?? '' }));
}

/** One submission, with the stored file it carries (the secretariat looks at it before deciding). */
export async function getInbound(ctx: AppContext, actor: Actor | null, id: number): Promise<InboundRow> {
  authorize(actor, manageDocumentIntake, undefined);
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError();
  const [row] = await ctx.db.select().from(inboundSubmissions).where(eq(inboundSubmissions.id, id));
  if (!row) throw new NotFoundError();
  return row;
}
