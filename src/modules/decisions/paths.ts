import { path } from '../../platform/http/paths.ts';

/** The decisions module's addresses: its routes register `.pattern`, pages and slot fills link with them. */
export const decisionPaths = {
  meeting: path('/meetings/:id/decisions'),
  csv: path('/meetings/:id/decisions.csv'),
  xlsx: path('/meetings/:id/decisions.xlsx'),
  edit: path('/meetings/:id/sessions/:sessionId/decisions'),
};
