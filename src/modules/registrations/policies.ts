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

/** Who may act for an organization in approvals: the organization whose focal point the actor is, if any. */
interface ApproverFacts {
  focalPointOf: number | null;
}

/** The queue of registrations waiting for approval: the secretariat's (all of it), a focal point's (their people). */
export const seeApprovals = defineAction<ApproverFacts>(
  'registrations.see-approvals',
  (actor, { focalPointOf }) => isSecretariat(actor) || (actor !== null && focalPointOf !== null),
);

/**
 * Approving or declining a waiting registration, or registering a delegate without one: the secretariat, and a
 * focal point for the people of their own organization; to another organization's focal point it does not exist.
 */
export const approveRegistration = defineAction<ApproverFacts & { organizationId: number | null }>(
  'registrations.approve',
  (actor, { focalPointOf, organizationId }) =>
    isSecretariat(actor) || (actor !== null && focalPointOf !== null && organizationId === focalPointOf) ? true : 'hide',
);
