import { defineAction, isSecretariat } from '../../platform/policy.ts';

/** A session's agenda, drafts included, is edited and published by the secretariat and the group's officers in office. */
export const editAgenda = defineAction<{ officer: boolean }>(
  'agendas.edit',
  (actor, { officer }) => isSecretariat(actor) || (actor !== null && officer),
);
