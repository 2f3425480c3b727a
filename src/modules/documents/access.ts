import type { AppContext } from '../../platform/context.ts';
import { NotFoundError } from '../../platform/errors.ts';
import type { Actor } from '../accounts/profile.ts';
import { groupById } from '../groups/queries.ts';
import type { GroupRow } from '../groups/service.ts';
import { canManageGroupContent } from '../groups/service.ts';
import type { DocumentRow } from './queries.ts';
import { canReadDocuments } from './rules.ts';

/** What `readDocuments` decides on: the group's setting (its documents readable by anyone, or signed-in accounts only). */
export const readSubject = (group: Pick<GroupRow, 'documentAccess'>) => ({ access: group.documentAccess });

export async function groupOf(ctx: AppContext, groupId: number): Promise<GroupRow> {
  const group = await groupById(ctx, groupId);
  if (!group) throw new NotFoundError();
  return group;
}

/** The facts `editDocument` decides on, read for this actor: its submitter, and whether the actor manages the group's content. */
export async function editSubject(ctx: AppContext, actor: Actor | null, doc: DocumentRow) {
  const contentManager = actor !== null && doc.ownerId !== actor.id && (await canManageGroupContent(ctx, actor, doc.groupId));
  return { ownerId: doc.ownerId, contentManager };
}

/** Whether the actor may read the group's documents; a caller already holding the group's setting saves a query. */
export async function mayReadGroupDocuments(
  ctx: AppContext,
  actor: Actor | null,
  group: number | { id: number; documentAccess: string },
): Promise<boolean> {
  const access = typeof group === 'number' ? (await groupOf(ctx, group)).documentAccess : group.documentAccess;
  return canReadDocuments(access, actor !== null);
}
