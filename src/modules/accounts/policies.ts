import { defineAction } from '../../platform/policy.ts';
import { mayDisableTwoFactor } from './policy.ts';

/** One's own account (profile, password, second factor, tokens, calendar feed, data): whoever is signed in, on their own. */
export const useOwnAccount = defineAction('accounts.use-own', (actor) => actor !== null);

/** An API token is its owner's alone: to anyone else, the secretariat included, it does not exist (404). */
export const revokeToken = defineAction<{ ownerId: number }>('accounts.revoke-token', (actor, { ownerId }) =>
  actor !== null && actor.id === ownerId ? true : 'hide',
);

/** Turning two-factor authentication off: anyone signed in but the secretariat, who keep it once enrolled. */
export const turnOffTwoFactor = defineAction('accounts.turn-off-two-factor', (actor) => actor !== null && mayDisableTwoFactor(actor.role));
