import { ForbiddenError, UnauthenticatedError } from '../../platform/errors.ts';
import type { AccountRole } from './vocabulary.ts';

/** The person acting on a request; null when nobody is signed in. */
export interface Actor {
  id: number;
  email: string;
  role: AccountRole;
  givenName: string;
  familyName: string;
  emailVerified: boolean;
  preferredLanguage: string | null;
}

export const isSecretariat = (actor: Actor | null): boolean => actor?.role === 'secretariat';

/** Secretariat-only actions: 401 for nobody signed in, 403 for anyone else. */
export function requireSecretariat(actor: Actor | null): asserts actor is Actor {
  if (!actor) throw new UnauthenticatedError();
  if (!isSecretariat(actor)) throw new ForbiddenError();
}
