import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { byPolicy } from '../../platform/http/access.ts';
import { allowPage } from '../../platform/http/page-guard.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import { countMails, listMails } from '../../platform/mail/outbox.ts';
import { secretariatMenu } from '../../platform/ui/menus.ts';
import { pageSlice } from '../../platform/ui/pagination.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { renderSlot } from '../../platform/ui/slots.ts';
import { documentCountsByMeeting } from '../documents/queries.ts';
import { allMeetings } from '../meetings/queries.ts';
import { getMeetings } from '../meetings/service.ts';
import { meetingAdminLinks } from '../meetings/slots.ts';
import { registrationCountsByMeeting } from '../registrations/queries.ts';
import { waitingVisaRequestsByMeeting } from '../visas/queries.ts';
import { consolePaths } from './paths.ts';
import { openConsole } from './policies.ts';
import { type ConsoleMeeting, ConsolePage } from './views/console-page.tsx';
import { OutboxPage } from './views/outbox-page.tsx';

export async function consolePages(app: FastifyInstance, ctx: AppContext) {
  app.get(
    consolePaths.console.pattern,
    { schema: { hide: true }, config: { access: byPolicy(openConsole, 'secretariat') } },
    async (req, reply) => {
      if (!allowPage(req, reply, openConsole, undefined)) return reply;
      const [mailCount, meetingList, menu] = await Promise.all([
        countMails(ctx),
        allMeetings(ctx),
        renderSlot(secretariatMenu, ctx, req, null),
      ]);
      // A page of meetings, newest first; what each has is counted for the page at once (a query per count).
      const slice = pageSlice(req.query, meetingList.length);
      const ids = meetingList.slice(slice.offset, slice.offset + slice.perPage).map((m) => m.id);
      const [details, registrations, documents, visasWaiting] = await Promise.all([
        getMeetings(ctx, ids),
        registrationCountsByMeeting(ctx, ids),
        documentCountsByMeeting(ctx, ids),
        waitingVisaRequestsByMeeting(ctx, ids),
      ]);
      const meetings: ConsoleMeeting[] = await Promise.all(
        details.map(async (d) => ({
          id: d.meeting.id,
          title: d.meeting.title,
          groupCode: d.group.code,
          firstDay: d.firstDay,
          lastDay: d.lastDay,
          registrations: registrations.get(d.meeting.id) ?? 0,
          documents: documents.get(d.meeting.id) ?? 0,
          visasWaiting: visasWaiting.get(d.meeting.id) ?? 0,
          links: (await renderSlot(meetingAdminLinks, ctx, req, { meetingId: d.meeting.id })).flatMap((p) => p.part),
        })),
      );
      return sendPage(
        reply,
        ConsolePage({
          ctx: viewContext(req),
          mailCount,
          meetings,
          slice,
          menu: menu.flatMap((p) => p.part),
          smtpConfigured: Boolean(ctx.config.smtpUrl),
        }),
      );
    },
  );

  app.get(
    consolePaths.outbox.pattern,
    { schema: { hide: true }, config: { access: byPolicy(openConsole, 'secretariat') } },
    async (req, reply) => {
      if (!allowPage(req, reply, openConsole, undefined)) return reply;
      const slice = pageSlice(req.query, await countMails(ctx));
      const mails = await listMails(ctx, { limit: slice.perPage, offset: slice.offset });
      return sendPage(reply, OutboxPage({ ctx: viewContext(req), mails, slice, smtpConfigured: Boolean(ctx.config.smtpUrl) }));
    },
  );
}
