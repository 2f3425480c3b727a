import { defineAction, isSecretariat } from '../../platform/policy.ts';

/** Setting a meeting's remote-participation details: the secretariat (who sees them is remote/rules.ts, remoteEntitlement). */
export const manageRemoteAccess = defineAction('remote.manage', (actor) => isSecretariat(actor));
