import { defineAction, isSecretariat } from '../../platform/policy.ts';

/**
 * The draft of a meeting's report — reading it, its downloads, writing its texts — and issuing it: the
 * secretariat only (the draft is unfinished work; the group's officers read the issued versions).
 */
export const draftReports = defineAction('reports.draft', (actor) => isSecretariat(actor));
