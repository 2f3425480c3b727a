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
import { allMeetings } from '../meetings/queries.ts';
import { meetingAdminLinks } from '../meetings/slots.ts';
import { consolePaths } from './paths.ts';
import { openConsole } from './policies.ts';
import { ConsolePage } from './views/console-page.tsx';
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
      const meetings = await Promise.all(
        meetingList.map(async (m) => ({
          ...m,
          links: (await renderSlot(meetingAdminLinks, ctx, req, { meetingId: m.id })).flatMap((p) => p.part),
        })),
      );
      return sendPage(
        reply,
        ConsolePage({
          ctx: viewContext(req),
          mailCount,
          meetings,
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
