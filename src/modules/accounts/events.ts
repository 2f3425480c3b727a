import { defineEvent } from '../../platform/events.ts';

/** An account is being deleted: handlers release what it holds, inside the deletion's transaction. */
export const accountDeleting = defineEvent<{ accountId: number }>('account.deleting');
