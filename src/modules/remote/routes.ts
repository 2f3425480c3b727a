import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { byPolicy } from '../../platform/http/access.ts';
import { formBody, formFailure, noticeFrom, redirectWithNotice, sentValues } from '../../platform/http/forms.ts';
import { allowPage } from '../../platform/http/page-guard.ts';
import { problems } from '../../platform/http/problem.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import { pick } from '../../platform/i18n/index.ts';
import { emptyForm, type FormState } from '../../platform/ui/forms.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { idParam, toId } from '../../platform/validation.ts';
import { joinRemotely, manageRemoteAccess } from './policies.ts';
import * as remote from './service.ts';
import { RemoteFormPage } from './views.tsx';

const hide = { schema: { hide: true } };
const idOf = (req: FastifyRequest) => toId((req.params as { id: string }).id);
const FIELDS = ['link', 'meetingCode', 'passcode', 'dialIn', 'notes'] as const;

/** Form → service input: "whole_link", "sessions_12_passcode" (12 is the session's id), "daysBefore". */
function remoteFromForm(body: Record<string, unknown>): remote.RemoteAccessInput {
  const whole: Record<string, string> = {};
  const sessions: Record<string, Record<string, string>> = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value !== 'string') continue;
    const w = /^whole_(\w+)$/.exec(key);
    const s = /^sessions_(\d{1,9})_(\w+)$/.exec(key);
    const field = (w?.[1] ?? s?.[2]) as (typeof FIELDS)[number] | undefined;
    if (!field || !FIELDS.includes(field)) continue;
    if (w) whole[field] = value;
    else if (s) sessions[s[1]!] = { ...sessions[s[1]!], [field]: value };
  }
  return { daysBefore: body.daysBefore as string, whole, sessions };
}

function settingsToForm(settings: remote.RemoteSettings): Record<string, unknown> {
  const values: Record<string, unknown> = { daysBefore: settings.daysBefore };
  for (const [sessionId, block] of settings.blocks) {
    const prefix = sessionId === 0 ? 'whole' : `sessions_${sessionId}`;
    for (const f of FIELDS) values[`${prefix}_${f}`] = block[f];
  }
  return values;
}

export async function remoteRoutes(scope: FastifyInstance, ctx: AppContext) {
  const app = scope.withTypeProvider<ZodTypeProvider>();

  const showForm = async (req: FastifyRequest, reply: FastifyReply, form: FormState | null, status = 200) => {
    const settings = await remote.remoteSettings(ctx, req.actor, idOf(req));
    return sendPage(
      reply,
      RemoteFormPage({
        ctx: viewContext(req),
        detail: settings.detail,
        form: form ?? emptyForm(settingsToForm(settings)),
        notice: noticeFrom(req),
      }),
      status,
    );
  };

  app.get('/meetings/:id/remote', { ...hide, config: { access: byPolicy(manageRemoteAccess, 'secretariat') } }, async (req, reply) => {
    if (!allowPage(req, reply, manageRemoteAccess, undefined)) return reply;
    return showForm(req, reply, null);
  });
  app.post('/meetings/:id/remote', { ...hide, config: { access: byPolicy(manageRemoteAccess, 'secretariat') } }, async (req, reply) => {
    try {
      const body = formBody(req);
      await remote.saveRemoteAccess(ctx, req.actor, idOf(req), remoteFromForm(body));
      return redirectWithNotice(reply, `/meetings/${idOf(req)}/remote`, 'saved');
    } catch (error) {
      const { form, status } = formFailure(error, sentValues(req));
      return showForm(req, reply, form, status);
    }
  });

  // ---- API
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
