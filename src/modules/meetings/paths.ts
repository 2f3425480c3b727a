import { path } from '../../platform/http/paths.ts';

/** The meetings module's addresses: its routes register `.pattern`, pages of other modules link with them. */
export const meetingPaths = {
  meeting: path('/meetings/:id'),
  edit: path('/meetings/:id/edit'),
  newInGroup: path('/groups/:code/meetings/new'),
  createInGroup: path('/groups/:code/meetings'),
  groupCalendar: path('/groups/:code/calendar.ics'),
};
