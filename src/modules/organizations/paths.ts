import { path } from '../../platform/http/paths.ts';

/** The organizations module's addresses (the secretariat's console). */
export const organizationPaths = {
  list: path('/console/organizations'),
  create: path('/console/organizations/new'),
  importSheet: path('/console/organizations/import'),
  organization: path('/console/organizations/:id'),
  members: path('/console/organizations/:id/members'),
  removeMember: path('/console/organizations/:id/members/:accountId/remove'),
};
