import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { anyone, byPolicy } from '../../platform/http/access.ts';
import { documentedEnum, problems } from '../../platform/http/problem.ts';
import { locales } from '../../platform/i18n/index.ts';
import { idParam } from '../../platform/validation.ts';
import type { GroupRow } from '../groups/service.ts';
import { findGroup } from '../groups/service.ts';
import { announcementUrl } from './addresses.ts';
import { listAnnouncements } from './announcement-archive.ts';
import { sendAnnouncement } from './announcing.ts';
import { announcementReport } from './delivery-report.ts';
import { manageMailingList } from './policies.ts';
import { PENDING_DAYS, subscribe } from './subscribing.ts';
import { deliveryStatuses } from './vocabulary.ts';

const slugOf = (group: Pick<GroupRow, 'code'>) => group.code.toLowerCase();

/** Subscribing and announcements, for API clients; documented from the schemas the routes validate with. */
export async function mailingListApi(scope: FastifyInstance, ctx: AppContext) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const tags = ['mailing lists'];
  const security = [{ bearer: [] }];
  const params = z.object({ code: z.string() });
  const itemParams = z.object({ code: z.string(), id: idParam() });
  const Accepted = z.object({ status: z.literal('check-your-mail'), message: z.string() });
  const Counts = z.object({ total: z.number(), queued: z.number(), sent: z.number(), failed: z.number() });
  const Recipient = z.object({
    email: z.string(),
    locale: documentedEnum(locales),
    status: z.enum(deliveryStatuses),
    attempts: z.number(),
    lastError: z.string().nullable(),
    sentAt: z.string().nullable(),
  });
  const Archived = z.object({ id: z.number(), subject: z.string(), sentAt: z.string(), circularAttached: z.boolean(), url: z.string() });
  const Report = z.object({
    id: z.number(),
    subject: z.string(),
    body: z.string(),
    sentAt: z.string(),
    meetingId: z.number().nullable(),
    circularId: z.number().nullable(),
    url: z.string(),
    counts: Counts,
    recipients: z.array(Recipient),
  });

  app.post(
    '/api/groups/:code/list/subscriptions',
    {
      config: { access: anyone },
      schema: {
        operationId: 'subscribeToList',
        tags,
        summary:
          "Ask to subscribe an address to the group's list (a confirmation link is mailed; the answer never says whether the address was already subscribed)",
        params,
        body: z.object({
          email: z.string(),
          locale: z.enum(locales).optional().describe("Language of the list's mails; defaults to the request's"),
        }),
        response: { 202: Accepted },
      },
    },
    async (req, reply) => {
      const { email } = await subscribe(ctx, req.params.code, req.body, req.locale);
      return reply.code(202).send({ status: 'check-your-mail' as const, message: req.t('list.checkMail', { email, days: PENDING_DAYS }) });
    },
  );
  app.get(
    '/api/groups/:code/announcements',
    {
      config: { access: anyone },
      schema: {
        operationId: 'listAnnouncements',
        tags,
        summary: "The group's announcements, newest first (subject and date only)",
        params,
        response: { 200: z.array(Archived) },
      },
    },
    async (req) => {
      const group = await findGroup(ctx, req.params.code);
      return (await listAnnouncements(ctx, group.id)).map((a) => ({
        id: a.id,
        subject: a.subject,
        sentAt: a.sentAt.toISOString(),
        circularAttached: a.circularId !== null,
        url: announcementUrl(ctx, group, a.id),
      }));
    },
  );
  app.post(
    '/api/groups/:code/announcements',
    {
      config: { access: byPolicy(manageMailingList, 'secretariat') },
      schema: {
        operationId: 'sendAnnouncement',
        tags,
        security,
        summary: "Send an announcement to the list's confirmed subscribers (secretariat); repeat safely with an Idempotency-Key header",
        params,
        headers: z.object({ 'idempotency-key': z.string().max(200).optional() }).passthrough(),
        body: z.object({
          subject: z.string(),
          body: z.string(),
          meetingId: z.number().int().optional(),
          attachCircular: z
            .boolean()
            .optional()
            .describe("Attach the meeting's latest issued circular as PDF, in each recipient's language"),
        }),
        response: { 201: z.object({ id: z.number(), recipients: z.number(), url: z.string() }), ...problems(403) },
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      const sent = await sendAnnouncement(ctx, req.actor, req.params.code, req.body, {
        requestKey: typeof key === 'string' && key ? `api:${key}` : undefined,
      });
      const group = await findGroup(ctx, req.params.code);
      return reply.code(201).send({ ...sent, url: `${ctx.config.baseUrl}/api/groups/${slugOf(group)}/announcements/${sent.id}` });
    },
  );
  app.get(
    '/api/groups/:code/announcements/:id',
    {
      config: { access: byPolicy(manageMailingList, 'secretariat') },
      schema: {
        operationId: 'getAnnouncement',
        tags,
        security,
        summary: 'An announcement with the delivery status of each recipient (secretariat)',
        params: itemParams,
        response: { 200: Report, ...problems(403) },
      },
    },
    async (req) => {
      const { announcement: a, group, counts, recipients } = await announcementReport(ctx, req.actor, req.params.code, req.params.id);
      return {
        id: a.id,
        subject: a.subject,
        body: a.body,
        sentAt: a.sentAt.toISOString(),
        meetingId: a.meetingId,
        circularId: a.circularId,
        url: announcementUrl(ctx, group, a.id),
        counts,
        recipients: recipients.map((r) => ({ ...r, sentAt: r.sentAt?.toISOString() ?? null })),
      };
    },
  );
}
