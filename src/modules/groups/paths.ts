import { path } from '../../platform/http/paths.ts';

/** The groups module's addresses: its routes register `.pattern`, pages of other modules link with them. */
export const groupPaths = {
  groups: path('/groups'),
  newGroup: path('/groups/new'),
  group: path('/groups/:code'),
  edit: path('/groups/:code/edit'),
  bureaus: path('/console/bureaus'),
  newSubgroup: path('/groups/:code/subgroups/new'),
  subgroups: path('/groups/:code/subgroups'),
  editSubgroup: path('/groups/:code/subgroups/:id/edit'),
  deleteSubgroup: path('/groups/:code/subgroups/:id/delete'),
  newOfficer: path('/groups/:code/officers/new'),
  officers: path('/groups/:code/officers'),
  editOfficer: path('/groups/:code/officers/:id/edit'),
  deleteOfficer: path('/groups/:code/officers/:id/delete'),
};
