import { defineAction, isSecretariat } from '../../platform/policy.ts';

/** What a meeting decided on its documents and agenda items is recorded by the secretariat and the group's officers in office (the chair). */
export const recordDecisions = defineAction<{ officer: boolean }>(
  'decisions.record',
  (actor, { officer }) => isSecretariat(actor) || (actor !== null && officer),
);
