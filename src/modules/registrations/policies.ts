import { defineAction, isSecretariat } from '../../platform/policy.ts';

/** A registration is its person's and the secretariat's; to anyone else it does not exist (404). */
export const useRegistration = defineAction<{ accountId: number }>('registrations.use', (actor, { accountId }) =>
  actor !== null && (actor.id === accountId || isSecretariat(actor)) ? true : 'hide',
);

/** Registering someone else, the registrations console and its exports: the secretariat. */
export const manageRegistrations = defineAction('registrations.manage', (actor) => isSecretariat(actor));

/** The secretariat registers and asks for visa support past the deadlines. */
export const passDeadlines = defineAction('registrations.pass-deadlines', (actor) => isSecretariat(actor));

/**
 * A meeting's participant list, as its visibility says: anyone (public), people registered and not cancelled
 * (registered), or the secretariat alone.
 */
export const seeParticipants = defineAction<{ visibility: string; registered: boolean }>(
  'registrations.see-participants',
  (actor, { visibility, registered }) =>
    visibility === 'public' || isSecretariat(actor) || (actor !== null && visibility === 'registered' && registered),
);
