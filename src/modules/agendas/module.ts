import { viewContext } from '../../platform/http/request-context.ts';
import { defineModule } from '../../platform/modules/manifest.ts';
import { fillSlot } from '../../platform/ui/slots.ts';
import { documentUses } from '../documents/slots.ts';
import { meetingOfficerTools, meetingSessionNotes } from '../meetings/slots.ts';
import { agendaApi } from './api.ts';
import { catalog } from './catalog/index.ts';
import { agendasToPublishFigure } from './home-figures.ts';
import { agendaPages } from './pages.ts';
import { agendaStates, allocationsOf } from './service.ts';
import { agendaTools } from './tools.ts';
import { AgendaAllocations, AgendaLink } from './views/agenda-pages.tsx';

export const agendasModule = defineModule({
  name: 'agendas',
  rank: 5,
  catalog,
  apiTags: [{ name: 'agendas', description: 'The agendas of sessions, drafted then published' }],
  routes: [agendaPages, agendaApi],
  slots: [
    agendasToPublishFigure,
    fillSlot({
      slot: documentUses,
      key: 'agenda-allocations',
      order: 10,
      render: async (ctx, req, doc) => AgendaAllocations({ ctx: viewContext(req), allocations: await allocationsOf(ctx, doc) }),
    }),
    fillSlot({
      slot: meetingSessionNotes,
      key: 'agenda-links',
      order: 10,
      render: async (ctx, req, detail) => {
        const states = await agendaStates(ctx, req.actor, detail);
        const view = viewContext(req);
        return new Map([...states].map(([sessionId, state]) => [sessionId, AgendaLink({ ctx: view, sessionId, state })]));
      },
    }),
    fillSlot({ slot: meetingOfficerTools, key: 'agendas', order: 10, render: agendaTools }),
  ],
});
