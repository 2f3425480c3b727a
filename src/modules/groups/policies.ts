import { defineAction, isSecretariat } from '../../platform/policy.ts';

/** Creating and editing groups, their structure, officers and the bureaus: the secretariat. */
export const manageGroups = defineAction('groups.manage', (actor) => isSecretariat(actor));

/** A group's content (documents, agendas): the secretariat, and the group's officers in office. */
export const manageGroupContent = defineAction<{ officer: boolean }>(
  'groups.manage-content',
  (actor, { officer }) => isSecretariat(actor) || (actor !== null && officer),
);
