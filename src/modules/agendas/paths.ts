import { path } from '../../platform/http/paths.ts';

/** The agendas module's addresses: its routes register `.pattern`, pages and slot fills link with them. */
export const agendaPaths = {
  agenda: path('/sessions/:id/agenda'),
  edit: path('/sessions/:id/agenda/edit'),
  publish: path('/sessions/:id/agenda/publish'),
};
