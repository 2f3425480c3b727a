import { defineAction, isSecretariat } from '../../platform/policy.ts';

/** Drafting and issuing a meeting's invitation circular, and reading its captured facts: the secretariat. */
export const manageCirculars = defineAction('circulars.manage', (actor) => isSecretariat(actor));
