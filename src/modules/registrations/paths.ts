import { path } from '../../platform/http/paths.ts';

/** The registrations module's addresses: its routes register `.pattern`, pages and mails link with them. */
export const registrationPaths = {
  register: path('/meetings/:id/register'),
  registerOnBehalf: path('/console/meetings/:id/register'),
  registration: path('/registrations/:id'),
  cancel: path('/registrations/:id/cancel'),
  mine: path('/me/registrations'),
  resetCalendar: path('/me/calendar/reset'),
  calendarFeed: path('/calendar/:file'),
  console: path('/console/meetings/:id/registrations'),
  consoleCsv: path('/console/meetings/:id/registrations.csv'),
  consoleXlsx: path('/console/meetings/:id/registrations.xlsx'),
  participants: path('/meetings/:id/participants'),
  /** Registrations waiting for the approval of a focal point (or the secretariat). */
  approvals: path('/approvals'),
};
