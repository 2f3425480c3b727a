import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { VNode } from 'preact';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { toCsv } from '../../platform/export/csv.ts';
import { anyone, byPolicy, bySecret } from '../../platform/http/access.ts';
import { sendPrivateFile } from '../../platform/http/downloads.ts';
import { formBody, formFailure, noticeFrom, redirectWithNotice, sentValues } from '../../platform/http/forms.ts';
import { allowPage } from '../../platform/http/page-guard.ts';
import { documentedEnum, problems } from '../../platform/http/problem.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import { locales } from '../../platform/i18n/index.ts';
import { may } from '../../platform/policy.ts';
import { emptyForm, type FormState } from '../../platform/ui/forms.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { idParam, toId } from '../../platform/validation.ts';
import { audit } from '../accounts/service.ts';
import type { GroupRow } from '../groups/service.ts';
import { findGroup } from '../groups/service.ts';
import { manageMailingList } from './policies.ts';
import * as lists from './service.ts';
import {
  AnnouncementFormPage,
  AnnouncementReportPage,
  DonePage,
  LinkActionPage,
  MailingListSection,
  PublicAnnouncementPage,
  SubscribePage,
  SubscribersPage,
} from './views/pages.tsx';
import { deliveryStatuses } from './vocabulary.ts';

const hide = { schema: { hide: true } };
const codeOf = (req: FastifyRequest) => String((req.params as { code: string }).code);
const idOf = (req: FastifyRequest) => toId((req.params as { id: string }).id);
const tokenOf = (req: FastifyRequest) => String((req.params as { token: string }).token);
const slugOf = (group: Pick<GroupRow, 'code'>) => group.code.toLowerCase();

/** The mailing-list part of the group page: the subscribe form, the archive, and (secretariat) the counts. */
export async function mailingListSection(
  ctx: AppContext,
  req: FastifyRequest,
  group: Pick<GroupRow, 'id' | 'code' | 'name'>,
): Promise<VNode> {
  const [archived, counts] = await Promise.all([
    lists.listAnnouncements(ctx, group.id, 50),
    may(req.actor, manageMailingList, undefined) ? lists.subscriberCounts(ctx, group.id) : Promise.resolve(undefined),
  ]);
  return MailingListSection({ ctx: viewContext(req), group, announcements: archived, counts });
}

export async function mailingListRoutes(scope: FastifyInstance, ctx: AppContext) {
  const app = scope.withTypeProvider<ZodTypeProvider>();

  // ---- subscribing (double opt-in)
  const showSubscribe = async (req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200, sentTo?: string) => {
    const group = await findGroup(ctx, codeOf(req));
    return sendPage(reply, SubscribePage({ ctx: viewContext(req), group, form, sentTo, days: lists.PENDING_DAYS }), status);
  };
  app.get('/groups/:code/list', { ...hide, config: { access: anyone } }, (req, reply) =>
    showSubscribe(req, reply, emptyForm({ email: req.actor?.email ?? '' })),
  );
  app.post('/groups/:code/list', { ...hide, config: { access: anyone } }, async (req, reply) => {
    try {
      const body = formBody(req);
      // The same answer whether or not the address is already on the list.
      const { email } = await lists.subscribe(ctx, codeOf(req), { email: body.email as string }, req.locale);
      return showSubscribe(req, reply, emptyForm(), 200, email);
    } catch (error) {
      const { form, status } = formFailure(error, sentValues(req));
      return showSubscribe(req, reply, form, status);
    }
  });

  // A GET only shows the button: mail scanners open links, and must not confirm or unsubscribe anyone.
  app.get('/lists/confirm/:token', { ...hide, config: { access: bySecret } }, async (req, reply) => {
    const target = await lists.confirmationTarget(ctx, tokenOf(req));
    const { t } = req;
    if (target.status === 'confirmed') {
      return sendPage(
        reply,
        DonePage({
          ctx: viewContext(req),
          title: t('list.confirmed.title'),
          message: t('list.confirmed', { email: target.email, group: target.group.code }),
          group: target.group,
        }),
      );
    }
    return sendPage(
      reply,
      LinkActionPage({
        ctx: viewContext(req),
        title: t('list.confirm.title'),
        intro: t('list.confirm.intro', { group: target.group.code, email: target.email }),
        action: `/lists/confirm/${encodeURIComponent(tokenOf(req))}`,
        submit: t('list.confirm.submit'),
      }),
    );
  });
  app.post('/lists/confirm/:token', { ...hide, config: { access: bySecret } }, async (req, reply) => {
    const target = await lists.confirmSubscription(ctx, tokenOf(req));
    const { t } = req;
    return sendPage(
      reply,
      DonePage({
        ctx: viewContext(req),
        title: t('list.confirmed.title'),
        message: t('list.confirmed', { email: target.email, group: target.group.code }),
        group: target.group,
      }),
    );
  });

  // ---- unsubscribing: a page with a button, and RFC 8058 one-click (a POST with neither session nor CSRF token)
  const unsubscribedPage = (req: FastifyRequest, reply: FastifyReply, target: lists.LinkTarget) =>
    sendPage(
      reply,
      DonePage({
        ctx: viewContext(req),
        title: req.t('list.unsubscribed.title'),
        message: req.t('list.unsubscribed', { email: target.email, group: target.group.code }),
        group: target.group,
      }),
    );
  app.get('/lists/unsubscribe/:token', { ...hide, config: { access: bySecret } }, async (req, reply) => {
    const target = await lists.unsubscribeTarget(ctx, tokenOf(req));
    if (target.status === 'unsubscribed') return unsubscribedPage(req, reply, target);
    const { t } = req;
    return sendPage(
      reply,
      LinkActionPage({
        ctx: viewContext(req),
        title: t('list.unsubscribe.title'),
        intro: t('list.unsubscribe.intro', { group: target.group.code, email: target.email }),
        action: `/lists/unsubscribe/${encodeURIComponent(tokenOf(req))}`,
        submit: t('list.unsubscribe.submit'),
        oneClick: true,
      }),
    );
  });
  app.post('/lists/unsubscribe/:token', { ...hide, config: { access: bySecret, csrfExempt: true } }, async (req, reply) =>
    unsubscribedPage(req, reply, await lists.unsubscribe(ctx, tokenOf(req))),
  );

  // ---- announcements (secretariat) and their public archive
  const showAnnouncementForm = async (req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
    const group = await findGroup(ctx, codeOf(req));
    const [meetingChoices, recipients] = await Promise.all([
      lists.announcementMeetings(ctx, group.id),
      lists.confirmedCount(ctx, group.id),
    ]);
    return sendPage(reply, AnnouncementFormPage({ ctx: viewContext(req), group, form, meetings: meetingChoices, recipients }), status);
  };
  app.get(
    '/groups/:code/announcements/new',
    { ...hide, config: { access: byPolicy(manageMailingList, 'secretariat') } },
    async (req, reply) => {
      if (!allowPage(req, reply, manageMailingList, undefined)) return reply;
      return showAnnouncementForm(req, reply, emptyForm({ _idem: randomUUID() }));
    },
  );
  app.post(
    '/groups/:code/announcements/new',
    { ...hide, config: { access: byPolicy(manageMailingList, 'secretariat') } },
    async (req, reply) => {
      if (!allowPage(req, reply, manageMailingList, undefined)) return reply;
      try {
        const body = formBody(req);
        const key = typeof body._idem === 'string' && body._idem ? `form:${body._idem}` : undefined;
        const sent = await lists.sendAnnouncement(ctx, req.actor, codeOf(req), body as lists.AnnouncementInput, { requestKey: key });
        return redirectWithNotice(reply, `/groups/${codeOf(req).toLowerCase()}/announcements/${sent.id}`, 'created');
      } catch (error) {
        const { form, status } = formFailure(error, sentValues(req));
        // A corrected form is another sending.
        return showAnnouncementForm(req, reply, { ...form, values: { ...form.values, _idem: randomUUID() } }, status);
      }
    },
  );
  app.get(
    '/groups/:code/announcements/:id',
    { ...hide, config: { access: byPolicy(manageMailingList, 'secretariat') } },
    async (req, reply) => {
      if (!allowPage(req, reply, manageMailingList, undefined)) return reply;
      const report = await lists.announcementReport(ctx, req.actor, codeOf(req), idOf(req));
      return sendPage(reply, AnnouncementReportPage({ ctx: viewContext(req), report, notice: noticeFrom(req) }));
    },
  );
  app.get('/groups/:code/announcements/:id/view', { ...hide, config: { access: anyone } }, async (req, reply) => {
    const { group, announcement, meeting } = await lists.publicAnnouncement(ctx, codeOf(req), idOf(req));
    return sendPage(reply, PublicAnnouncementPage({ ctx: viewContext(req), group, announcement, meeting }));
  });

  // ---- subscribers (secretariat)
  app.get(
    '/groups/:code/list/subscribers',
    { ...hide, config: { access: byPolicy(manageMailingList, 'secretariat') } },
    async (req, reply) => {
      if (!allowPage(req, reply, manageMailingList, undefined)) return reply;
      const { group, rows, counts } = await lists.listSubscribers(ctx, req.actor, codeOf(req));
      return sendPage(reply, SubscribersPage({ ctx: viewContext(req), group, rows, counts }));
    },
  );
  app.get(
    '/groups/:code/list/subscribers.csv',
    { ...hide, config: { access: byPolicy(manageMailingList, 'secretariat') } },
    async (req, reply) => {
      if (!allowPage(req, reply, manageMailingList, undefined)) return reply;
      const { group, rows } = await lists.listSubscribers(ctx, req.actor, codeOf(req));
      const { t } = req;
      const iso = (at: Date | null) => at?.toISOString() ?? '';
      const csv = toCsv(rows, [
        { header: t('list.email'), value: (r) => r.email },
        { header: t('list.language'), value: (r) => r.locale },
        { header: t('list.status'), value: (r) => r.status },
        { header: t('list.requestedAt'), value: (r) => iso(r.requestedAt) },
        { header: t('list.confirmedAt'), value: (r) => iso(r.confirmedAt) },
        { header: t('list.unsubscribedAt'), value: (r) => iso(r.unsubscribedAt) },
      ]);
      await audit(ctx, req.actor, 'list.export', `group:${group.id}`, { rows: rows.length });
      return sendPrivateFile(reply, csv, 'text/csv; charset=utf-8', `${slugOf(group)}-subscribers.csv`);
    },
  );

  // ---- API
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
      const { email } = await lists.subscribe(ctx, req.params.code, req.body, req.locale);
      return reply
        .code(202)
        .send({ status: 'check-your-mail' as const, message: req.t('list.checkMail', { email, days: lists.PENDING_DAYS }) });
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
      return (await lists.listAnnouncements(ctx, group.id)).map((a) => ({
        id: a.id,
        subject: a.subject,
        sentAt: a.sentAt.toISOString(),
        circularAttached: a.circularId !== null,
        url: lists.announcementUrl(ctx, group, a.id),
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
      const sent = await lists.sendAnnouncement(ctx, req.actor, req.params.code, req.body, {
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
      const { announcement: a, group, counts, recipients } = await lists.announcementReport(ctx, req.actor, req.params.code, req.params.id);
      return {
        id: a.id,
        subject: a.subject,
        body: a.body,
        sentAt: a.sentAt.toISOString(),
        meetingId: a.meetingId,
        circularId: a.circularId,
        url: lists.announcementUrl(ctx, group, a.id),
        counts,
        recipients: recipients.map((r) => ({ ...r, sentAt: r.sentAt?.toISOString() ?? null })),
      };
    },
  );
}
