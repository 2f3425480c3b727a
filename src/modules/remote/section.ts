import type { FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { AppContext } from '../../platform/context.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import type { MeetingDetail } from '../meetings/service.ts';
import { remotePanel } from './service.ts';
import { RemoteSection } from './views.tsx';

/**
 * The remote-participation part of a meeting page, for the person reading it: the details only when the
 * service finds them entitled, otherwise a neutral note. Built on every request, never cached.
 */
export async function meetingRemoteSection(ctx: AppContext, req: FastifyRequest, detail: MeetingDetail): Promise<VNode | null> {
  const panel = await remotePanel(ctx, req.actor, detail);
  return RemoteSection({ ctx: viewContext(req), meetingId: detail.meeting.id, panel });
}
