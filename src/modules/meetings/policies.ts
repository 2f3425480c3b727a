import { defineAction, isSecretariat } from '../../platform/policy.ts';

/** Creating and editing meetings (dates, venue, deadlines): the secretariat. */
export const manageMeetings = defineAction('meetings.manage', (actor) => isSecretariat(actor));
