import { viewContext } from '../../platform/http/request-context.ts';
import { plugInto } from '../../platform/modules/extensions.ts';
import { defineModule } from '../../platform/modules/manifest.ts';
import { may } from '../../platform/policy.ts';
import { fillSlot } from '../../platform/ui/slots.ts';
import { meetingLead } from '../meetings/slots.ts';
import { meetingTabs } from '../meetings/tabs.ts';
import { reportApi } from './api.ts';
import { catalog } from './catalog/index.ts';
import { reportPages } from './pages.ts';
import { reportPaths } from './paths.ts';
import { draftReports } from './policies.ts';
import { meetingReports } from './schema.ts';
import { latestReport } from './service.ts';
import { MeetingReportNote } from './views/report-page.tsx';

export const reportsModule = defineModule({
  name: 'reports',
  rank: 7,
  catalog,
  apiTags: [
    { name: 'reports', description: 'The report of a meeting: its draft, composed from the meeting’s facts, and its issued versions' },
  ],
  routes: [reportPages, reportApi],
  plugs: [
    plugInto(meetingTabs, 'report-draft', {
      key: 'report-draft',
      label: 'report.staffTab',
      order: 50,
      staff: true,
      href: (d) => reportPaths.draft({ id: d.meeting.id }),
      offeredTo: (actor) => may(actor, draftReports, undefined),
    }),
  ],
  slots: [
    fillSlot({
      slot: meetingLead,
      key: 'report-note',
      order: 20,
      render: async (ctx, req, detail) =>
        MeetingReportNote({ ctx: viewContext(req), meetingId: detail.meeting.id, latest: await latestReport(ctx, req.actor, detail) }),
    }),
  ],
  fileReferences: () => [{ what: "issued meeting reports' PDF and .docx files", column: meetingReports.files, shape: 'object-values' }],
});
