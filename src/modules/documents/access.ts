import type { AppContext } from '../../platform/context.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { authorizeRead, may } from '../../platform/policy.ts';
import type { Actor } from '../accounts/profile.ts';
import { groupById } from '../groups/queries.ts';
import type { GroupRow } from '../groups/service.ts';
import { canManageGroupContent } from '../groups/service.ts';
import { editDocument, readDocuments } from './policies.ts';
import type { DocumentRow } from './queries.ts';
import { canReadDocuments } from './rules.ts';

/** Documents of a group are readable by anyone, or by signed-in accounts only (a group setting). */
export function assertCanRead(actor: Actor | null, group: Pick<GroupRow, 'documentAccess'>): void {
  authorizeRead(actor, readDocuments, { access: group.documentAccess });
}

export async function groupOf(ctx: AppContext, groupId: number): Promise<GroupRow> {
  const group = await groupById(ctx, groupId);
  if (!group) throw new NotFoundError();
  return group;
}

/** The submitter, the secretariat and the group's officers edit a document; others may not. */
export async function canEdit(ctx: AppContext, actor: Actor | null, doc: DocumentRow): Promise<boolean> {
  if (!actor) return false;
  const contentManager = doc.ownerId !== actor.id && (await canManageGroupContent(ctx, actor, doc.groupId));
  return may(actor, editDocument, { ownerId: doc.ownerId, contentManager });
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
