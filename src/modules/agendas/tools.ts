import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import { canManageGroupContent } from '../groups/service.ts';
import { subgroupName } from '../groups/views/group-page.tsx';
import type { MeetingDetail } from '../meetings/service.ts';
import type { OfficerTool } from '../meetings/slots.ts';
import { agendaPaths } from './paths.ts';
import { agendaStates } from './service.ts';

/** For those who may edit agendas (editAgenda: the group's officers): each session's agenda, to prepare or revise. */
export async function agendaTools(ctx: AppContext, req: FastifyRequest, detail: MeetingDetail): Promise<OfficerTool[] | null> {
  if (!(await canManageGroupContent(ctx, req.actor, detail.group.id))) return null;
  const states = await agendaStates(ctx, req.actor, detail);
  const view = viewContext(req);
  return detail.sessions.map((s) => ({
    href: agendaPaths.edit({ id: s.id }),
    label: req.t('agenda.tool.edit', { session: subgroupName(view, s) }),
    note: req.t(states.get(s.id) === 'published' ? 'agenda.tool.published' : 'agenda.tool.notPublished'),
  }));
}
