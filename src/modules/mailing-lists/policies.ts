import { defineAction, isSecretariat } from '../../platform/policy.ts';

/** A group's list: its subscribers, announcements and archive settings are the secretariat's. */
export const manageMailingList = defineAction('mailing-lists.manage', (actor) => isSecretariat(actor));
