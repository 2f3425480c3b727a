import { path } from '../../platform/http/paths.ts';

/** The console module's addresses. */
export const consolePaths = {
  console: path('/console'),
  outbox: path('/console/mail'),
};
