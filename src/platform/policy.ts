import type { Actor } from './actor.ts';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from './errors.ts';

/** A policy's answer: allowed, refused (403; 401 for nobody signed in), or hidden (404: not even told it exists). */
export type Verdict = boolean | 'hide';

/**
 * Something a person may or may not do, decided by a pure function of who asks and what about. The facts a
 * decision needs that live in the database (is this person an officer of the group?) are read by the service
 * and passed in the subject, so every policy is a table-testable function (each module's `policies.ts`).
 */
export interface Action<S> {
  readonly name: string;
  readonly decide: (actor: Actor | null, subject: S) => Verdict;
}

export function defineAction<S = undefined>(name: string, decide: (actor: Actor | null, subject: S) => Verdict): Action<S> {
  return { name, decide };
}

/** Whether the actor may: for views deciding which buttons to show. */
export const may = <S>(actor: Actor | null, action: Action<S>, subject: S): boolean => action.decide(actor, subject) === true;

/**
 * The one check services make before acting: throws the error the verdict calls for. Acting always needs
 * someone signed in (401 otherwise); what anyone may read is asked with `may`.
 */
export function authorize<S>(actor: Actor | null, action: Action<S>, subject: S): asserts actor is Actor {
  if (!actor) throw new UnauthenticatedError();
  const verdict = action.decide(actor, subject);
  if (verdict === true) return;
  throw verdict === 'hide' ? new NotFoundError() : new ForbiddenError();
}

/** A read anyone may be allowed: nobody signed in and refused gets 401 (sign in and try again), others 403 or 404. */
export function authorizeRead<S>(actor: Actor | null, action: Action<S>, subject: S): void {
  const verdict = action.decide(actor, subject);
  if (verdict === true) return;
  if (!actor) throw new UnauthenticatedError();
  throw verdict === 'hide' ? new NotFoundError() : new ForbiddenError();
}

/** The secretariat runs the groups' meetings: most management is theirs. */
export const isSecretariat = (actor: Actor | null): boolean => actor?.role === 'secretariat';
