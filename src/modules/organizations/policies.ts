import { defineAction, isSecretariat } from '../../platform/policy.ts';

/** Creating and editing organizations, who belongs to them and who are their focal points: the secretariat. */
export const manageOrganizations = defineAction('organizations.manage', (actor) => isSecretariat(actor));
