import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { ForbiddenError } from '../../platform/errors.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import { listMails } from '../../platform/mail/outbox.ts';
import { sendPage } from '../../platform/ui/render.ts';
import { isSecretariat } from '../accounts/profile.ts';
import { allMeetings } from '../meetings/queries.ts';
import { ConsolePage } from './views/console-page.tsx';

export async function consoleRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get('/console', { schema: { hide: true } }, async (req, reply) => {
    if (!req.actor) return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
    if (!isSecretariat(req.actor)) throw new ForbiddenError();
    const [mails, meetingList] = await Promise.all([listMails(ctx, { limit: 100 }), allMeetings(ctx)]);
    return sendPage(
      reply,
      ConsolePage({ ctx: viewContext(req), mails, meetings: meetingList, smtpConfigured: Boolean(ctx.config.smtpUrl) }),
    );
  });
}
