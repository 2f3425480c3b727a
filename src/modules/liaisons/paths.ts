import { path } from '../../platform/http/paths.ts';

/** The liaisons module's addresses: its routes register `.pattern`, pages and mails link with them. */
export const liaisonPaths = {
  register: path('/groups/:code/liaisons'),
  create: path('/groups/:code/liaisons/new'),
  liaison: path('/liaisons/:id'),
  edit: path('/liaisons/:id/edit'),
};
