import { path } from '../../platform/http/paths.ts';

/** The mailing lists' addresses: the routes register `.pattern`, pages and mails link with them. */
export const listPaths = {
  subscribe: path('/groups/:code/list'),
  confirm: path('/lists/confirm/:token'),
  unsubscribe: path('/lists/unsubscribe/:token'),
  newAnnouncement: path('/groups/:code/announcements/new'),
  announcement: path('/groups/:code/announcements/:id'),
  publicAnnouncement: path('/groups/:code/announcements/:id/view'),
  subscribers: path('/groups/:code/list/subscribers'),
  subscribersCsv: path('/groups/:code/list/subscribers.csv'),
};
