import { viewContext } from '../../platform/http/request-context.ts';
import { defineModule } from '../../platform/modules/manifest.ts';
import { fillSlot } from '../../platform/ui/slots.ts';
import { meetingLead } from '../meetings/slots.ts';
import { circularApi } from './api.ts';
import { catalog } from './catalog/index.ts';
import { circularPages } from './pages.ts';
import { circulars } from './schema.ts';
import { circularSummary } from './service.ts';
import { MeetingCircularNote } from './views/circular-page.tsx';

export const circularsModule = defineModule({
  name: 'circulars',
  rank: 4,
  catalog,
  apiTags: [{ name: 'circulars', description: 'The invitation circular of a meeting and its corrigenda' }],
  routes: [circularPages, circularApi],
  slots: [
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
