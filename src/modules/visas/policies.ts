import { defineAction, isSecretariat } from '../../platform/policy.ts';

/** The visa queue, decisions and letters issued: the secretariat. */
export const manageVisas = defineAction('visas.manage', (actor) => isSecretariat(actor));

/**
 * A visa letter: its registrant's and the secretariat's (404 to anyone else); once void (withdrawn) only the
 * secretariat keeps reading it, for its records.
 */
export const readVisaLetter = defineAction<{ accountId: number; letterValid: boolean }>('visas.read-letter', (actor, s) => {
  if (actor === null || (actor.id !== s.accountId && !isSecretariat(actor))) return 'hide';
  return s.letterValid || isSecretariat(actor);
});
