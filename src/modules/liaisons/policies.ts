import { defineAction } from '../../platform/policy.ts';

/**
 * Registering and editing a group's liaison statements: whoever manages the group's content (the secretariat,
 * and the group's officers in office), as for the documents of types only staff submit.
 */
export const manageLiaisons = defineAction<{ contentManager: boolean }>(
  'liaisons.manage',
  (actor, { contentManager }) => actor !== null && contentManager,
);
