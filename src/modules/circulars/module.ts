import { viewContext } from '../../platform/http/request-context.ts';
import { plugInto } from '../../platform/modules/extensions.ts';
import { defineModule } from '../../platform/modules/manifest.ts';
import { may } from '../../platform/policy.ts';
import { fillSlot } from '../../platform/ui/slots.ts';
import { meetingLead } from '../meetings/slots.ts';
import { meetingTabs } from '../meetings/tabs.ts';
import { circularApi } from './api.ts';
import { catalog } from './catalog/index.ts';
import { corrigendaDueFigure } from './home-figures.ts';
import { circularPages } from './pages.ts';
import { circularPaths } from './paths.ts';
import { manageCirculars } from './policies.ts';
import { circulars } from './schema.ts';
import { circularSummary } from './service.ts';
import { MeetingCircularNote } from './views/circular-page.tsx';

export const circularsModule = defineModule({
  name: 'circulars',
  rank: 4,
  catalog,
  apiTags: [{ name: 'circulars', description: 'The invitation circular of a meeting and its corrigenda' }],
  routes: [circularPages, circularApi],
  plugs: [
    plugInto(meetingTabs, 'circular', {
      key: 'circular',
      label: 'circular.tab',
      order: 30,
      href: (d) => circularPaths.circular({ id: d.meeting.id }),
    }),
    plugInto(meetingTabs, 'circular-manage', {
      key: 'circular-manage',
      label: 'circular.manage',
      order: 30,
      staff: true,
      href: (d) => circularPaths.manage({ id: d.meeting.id }),
      offeredTo: (actor) => may(actor, manageCirculars, undefined),
    }),
  ],
  slots: [
    corrigendaDueFigure,
    fillSlot({
      slot: meetingLead,
      key: 'circular-note',
      order: 10,
      render: async (ctx, req, detail) =>
        MeetingCircularNote({
          ctx: viewContext(req),
          meetingId: detail.meeting.id,
          summary: await circularSummary(ctx, req.actor, detail),
        }),
    }),
  ],
  fileReferences: () => [{ what: "issued circulars' PDFs", column: circulars.pdfFiles, shape: 'object-values' }],
});
