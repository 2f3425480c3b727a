import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { byPolicy } from '../../platform/http/access.ts';
import { problems } from '../../platform/http/problem.ts';
import { pick } from '../../platform/i18n/index.ts';
import { idParam } from '../../platform/validation.ts';
import { joinRemotely, manageRemoteAccess } from './policies.ts';
import * as remote from './service.ts';

/** How to join a meeting remotely, for API clients; documented from the schemas the routes validate with. */
export async function remoteApi(scope: FastifyInstance, ctx: AppContext) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const Block = z.object({ link: z.string(), meetingCode: z.string(), passcode: z.string(), dialIn: z.string(), notes: z.string() });
  const RemoteAccess = z.object({
    meetingId: z.number(),
    whole: Block.nullable().describe('Details for the whole meeting, if any'),
    sessions: z.array(
      z.object({
        sessionId: z.number(),
        subgroup: z.string(),
        title: z.string(),
        startDate: z.string(),
        endDate: z.string(),
        details: Block,
      }),
    ),
  });
  app.get(
    '/api/meetings/:id/remote-access',
    {
      config: { access: byPolicy(joinRemotely, 'attendees') },
      schema: {
        operationId: 'getRemoteAccess',
        tags: ['meetings'],
        security: [{ bearer: [] }],
        summary:
          'How to join remotely: for the secretariat, the group’s officers and participants registered to join remotely (remote, or in person at a hybrid meeting); 403 for others',
        params: z.object({ id: idParam() }),
        response: { 200: RemoteAccess, ...problems(403) },
      },
    },
    async (req, reply) => {
      const details = await remote.getRemoteAccess(ctx, req.actor, req.params.id);
      reply.header('Cache-Control', 'private, no-store');
      return {
        meetingId: details.meetingId,
        whole: details.whole,
        sessions: details.sessions.map(({ session, block }) => ({
          sessionId: session.id,
          subgroup: session.subgroup,
          title: pick(session.subgroupTitle, req.locale),
          startDate: session.startDate,
          endDate: session.endDate,
          details: block,
        })),
      };
    },
  );
  app.put(
    '/api/meetings/:id/remote-access',
    {
      config: { access: byPolicy(manageRemoteAccess, 'secretariat') },
      schema: {
        operationId: 'saveRemoteAccess',
        tags: ['meetings'],
        security: [{ bearer: [] }],
        summary: 'Set how to join remotely, for the whole meeting and per session, and when it is mailed (secretariat)',
        description: 'Replaces all details: a block left out or empty means none. Links must be https.',
        params: z.object({ id: idParam() }),
        body: z.object({
          daysBefore: z.number().int().min(0).max(30).describe('Days before the first day the details are mailed to those entitled'),
          whole: Block.partial().optional(),
          sessions: z.record(z.string(), Block.partial()).optional().describe('Keyed by session id (GET /api/meetings/{id} lists them)'),
        }),
        response: { 200: z.object({ meetingId: z.number(), daysBefore: z.number() }), ...problems(403) },
      },
    },
    async (req) => {
      const saved = await remote.saveRemoteAccess(ctx, req.actor, req.params.id, req.body as remote.RemoteAccessInput);
      return { meetingId: saved.detail.meeting.id, daysBefore: saved.daysBefore };
    },
  );
}
