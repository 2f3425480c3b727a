import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { canManageGroupContent } from '../groups/service.ts';
import { meetingPaths } from '../meetings/paths.ts';
import type { MeetingDetail } from '../meetings/service.ts';
import type { OfficerTool } from '../meetings/slots.ts';
import { documentPaths } from './paths.ts';
import { meetingDocumentFigures } from './queries.ts';

/** For the group's content managers (officers): submit a temporary document, and what has come in so far. */
export async function documentTools(ctx: AppContext, req: FastifyRequest, detail: MeetingDetail): Promise<OfficerTool[] | null> {
  if (!(await canManageGroupContent(ctx, req.actor, detail.group.id))) return null;
  const figures = await meetingDocumentFigures(ctx, detail.meeting.id);
  return [
    { href: documentPaths.submitForm({ id: detail.meeting.id }, { type: 'TD' }), label: req.t('document.tool.submitTd') },
    {
      href: `${meetingPaths.meeting({ id: detail.meeting.id })}#documents`,
      label: req.t('document.tool.received', { count: figures.received }),
      note: figures.late > 0 ? req.t('document.tool.late', { count: figures.late }) : undefined,
    },
  ];
}
