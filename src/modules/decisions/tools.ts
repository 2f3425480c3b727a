import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import { subgroupName } from '../groups/views/group-page.tsx';
import type { MeetingDetail } from '../meetings/service.ts';
import type { OfficerTool } from '../meetings/slots.ts';
import { decisionPaths } from './paths.ts';
import { decisionsOfMeeting } from './service.ts';

/** For those who record decisions (recordDecisions: the group's officers): each session with an agenda, its decisions to record. */
export async function decisionTools(ctx: AppContext, req: FastifyRequest, detail: MeetingDetail): Promise<OfficerTool[] | null> {
  const view = await decisionsOfMeeting(ctx, req.actor, detail.meeting.id);
  if (!view.editor) return null;
  const v = viewContext(req);
  return view.sessions
    .filter((s) => s.agenda)
    .map((s) => {
      const documents = s.items.flatMap((i) => i.documents);
      return {
        href: decisionPaths.edit({ id: detail.meeting.id, sessionId: s.session.id }),
        label: req.t('decision.record', { session: subgroupName(v, s.session) }),
        note: req.t('decision.tool.count', { decided: documents.filter((d) => d.decision).length, count: documents.length }),
      };
    });
}
