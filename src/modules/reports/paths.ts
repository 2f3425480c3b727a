import { path } from '../../platform/http/paths.ts';

/** The reports module's addresses: its routes register `.pattern`, pages and slot fills link with them. */
export const reportPaths = {
  draft: path('/meetings/:id/report'),
  draftPdf: path('/meetings/:id/report/draft.pdf'),
  draftDocx: path('/meetings/:id/report/draft.docx'),
  issue: path('/meetings/:id/report/issue'),
  version: path('/meetings/:id/reports/:version'),
  versionPdf: path('/meetings/:id/reports/:version/report.pdf'),
  versionDocx: path('/meetings/:id/reports/:version/report.docx'),
};
