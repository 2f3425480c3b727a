import type { Actor, Role } from '../../src/platform/actor.ts';

/** Someone acting, for policy table tests: a participant unless told, with a unique address per id. */
export const actorOf = (id: number, role: Role = 'participant'): Actor => ({
  id,
  email: `p${id}@example.org`,
  role,
  givenName: 'P',
  familyName: 'Q',
  emailVerified: true,
  preferredLanguage: null,
});
