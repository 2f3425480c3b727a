import type { Actor } from '../../platform/actor.ts';
import { ForbiddenError, UnauthenticatedError } from '../../platform/errors.ts';

export const membershipCategories = ['member-state', 'sector-member', 'associate', 'academia', 'non-member'] as const;
export type MembershipCategory = (typeof membershipCategories)[number];

export { type Actor, type Role, roles } from '../../platform/actor.ts';

export const personalTitles = ['', 'Mr', 'Ms', 'Mx', 'Dr', 'Prof'] as const;

export const isSecretariat = (actor: Actor | null): boolean => actor?.role === 'secretariat';

/** Secretariat-only actions: 401 for nobody signed in, 403 for anyone else. */
export function requireSecretariat(actor: Actor | null): asserts actor is Actor {
  if (!actor) throw new UnauthenticatedError();
  if (!isSecretariat(actor)) throw new ForbiddenError();
}
