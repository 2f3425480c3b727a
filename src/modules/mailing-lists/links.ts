import type { AppContext } from '../../platform/context.ts';
import { DomainError } from '../../platform/errors.ts';
import { groupById } from '../groups/queries.ts';
import type { GroupRow } from '../groups/service.ts';
import type { listSubscriptions } from './schema.ts';
import type { SubscriptionStatus } from './vocabulary.ts';

export type SubscriptionRow = typeof listSubscriptions.$inferSelect;

/** A confirmation or unsubscribe link that matches nothing (or no longer can be used). */
export class ListLinkInvalidError extends DomainError {
  constructor() {
    super('invalid-token', 404, 'error.listLinkInvalid');
  }
}

export const plausibleSecret = (token: string) => /^[\w-]{20,100}$/.test(token);

export interface LinkTarget {
  subscriptionId: number;
  email: string;
  status: SubscriptionStatus;
  group: GroupRow;
}

export async function targetOf(ctx: AppContext, row: SubscriptionRow | undefined): Promise<LinkTarget> {
  if (!row) throw new ListLinkInvalidError();
  const group = await groupById(ctx, row.groupId);
  if (!group) throw new ListLinkInvalidError();
  return { subscriptionId: row.id, email: row.email, status: row.status, group };
}
