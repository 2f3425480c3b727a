import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { NotFoundError } from '../../../platform/errors.ts';
import { byPolicy } from '../../../platform/http/access.ts';
import { sendStoredFile } from '../../../platform/http/downloads.ts';
import { formPage } from '../../../platform/http/form-page.ts';
import { allowPage } from '../../../platform/http/page-guard.ts';
import { viewContext } from '../../../platform/http/request-context.ts';
import { sendPage } from '../../../platform/ui/render.ts';
import { meetingsOfGroups } from '../../meetings/queries.ts';
import { documentPaths as paths } from '../paths.ts';
import { manageDocumentIntake } from '../policies.ts';
import { acceptInbound, rejectInbound } from './decisions.ts';
import { getInbound, listInbound } from './queue.ts';
import { type FailedDecision, InboundPage } from './views/queue-page.tsx';

const hide = { schema: { hide: true } };
const idParam = (req: FastifyRequest) => Number((req.params as { id: string }).id);
const documentNumberPattern = /^[A-Z0-9-]{1,40}$/;

/** The one-time notice after a decision; the number is checked so the page shows nothing made up. */
function noticeOf(req: FastifyRequest): string | undefined {
  const query = (req.query ?? {}) as Record<string, unknown>;
  const untold = query.told === '0';
  if (typeof query.accepted === 'string' && documentNumberPattern.test(query.accepted)) {
    return req.t(untold ? 'inbound.notice.acceptedUntold' : 'inbound.notice.accepted', { number: query.accepted });
  }
  if (query.rejected === '1') return req.t(untold ? 'inbound.notice.rejectedUntold' : 'inbound.notice.rejected');
  return undefined;
}

/** The secretariat's queue of contributions mailed by senders without an account. */
export async function inboundPages(app: FastifyInstance, ctx: AppContext) {
  const showQueue = async (req: FastifyRequest, reply: FastifyReply, failed?: FailedDecision, status = 200) => {
    if (!allowPage(req, reply, manageDocumentIntake, undefined)) return reply;
    const rows = await listInbound(ctx, req.actor, 'pending');
    const meetingChoices = await meetingsOfGroups(
      ctx,
      rows.map((r) => r.submission.groupId),
    );
    return sendPage(reply, InboundPage({ ctx: viewContext(req), rows, meetings: meetingChoices, failed, notice: noticeOf(req) }), status);
  };

  app.get(paths.inbound.pattern, { ...hide, config: { access: byPolicy(manageDocumentIntake, 'secretariat') } }, (req, reply) =>
    showQueue(req, reply),
  );

  app.get(paths.inboundFile.pattern, { ...hide, config: { access: byPolicy(manageDocumentIntake, 'secretariat') } }, async (req, reply) => {
    if (!allowPage(req, reply, manageDocumentIntake, undefined)) return reply;
    const row = await getInbound(ctx, req.actor, idParam(req));
    // A rejected mail's file was given back to the store when it was rejected.
    if (row.status === 'rejected') throw new NotFoundError();
    return sendStoredFile(reply, await ctx.files.open(row.fileHash), {
      filename: row.filename,
      mediaType: row.mediaType,
      size: row.fileSize,
    });
  });

  formPage(app, paths.inboundAccept.pattern, {
    access: byPolicy(manageDocumentIntake, 'secretariat'),
    postOnly: true,
    show: (req, reply, form, status) => showQueue(req, reply, { id: idParam(req), action: 'accept', form }, status),
    submit: async (req, reply, body) => {
      const { document, senderTold } = await acceptInbound(ctx, req.actor, idParam(req), {
        meetingId: String(body.meetingId ?? ''),
        title: String(body.title ?? ''),
      });
      return reply.redirect(paths.inbound({}, { accepted: document.number, told: senderTold ? undefined : 0 }), 303);
    },
  });
  formPage(app, paths.inboundReject.pattern, {
    access: byPolicy(manageDocumentIntake, 'secretariat'),
    postOnly: true,
    show: (req, reply, form, status) => showQueue(req, reply, { id: idParam(req), action: 'reject', form }, status),
    submit: async (req, reply, body) => {
      const { senderTold } = await rejectInbound(ctx, req.actor, idParam(req), String(body.reason ?? ''));
      return reply.redirect(paths.inbound({}, { rejected: 1, told: senderTold ? undefined : 0 }), 303);
    },
  });
}
