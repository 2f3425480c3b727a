import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import type { MeetingDetail } from '../meetings/service.ts';
import { registrationPaths } from './paths.ts';
import { registrationWindow } from './state.ts';

/** On the meeting page, under its title: the way to register while the deadline has not passed, else that it has. */
export function meetingRegistrationCall(ctx: AppContext, req: FastifyRequest, detail: MeetingDetail) {
  return registrationWindow(detail, null, ctx.clock.now()).open ? (
    <a class="button" href={registrationPaths.register({ id: detail.meeting.id })}>
      {req.t('meeting.register')}
    </a>
  ) : (
    <span class="meta">{req.t('meeting.registrationClosed')}</span>
  );
}
