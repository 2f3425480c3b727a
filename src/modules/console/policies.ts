import { defineAction, isSecretariat } from '../../platform/policy.ts';

/** The secretariat console (outgoing mail, every meeting's lists): the secretariat. */
export const openConsole = defineAction('console.open', (actor) => isSecretariat(actor));
