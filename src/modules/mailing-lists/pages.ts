import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { AppContext } from '../../platform/context.ts';
import { toCsv } from '../../platform/export/csv.ts';
import { anyone, byPolicy, bySecret } from '../../platform/http/access.ts';
import { confirmedOrAsk } from '../../platform/http/confirm-step.ts';
import { sendPrivateFile } from '../../platform/http/downloads.ts';
import { formPage } from '../../platform/http/form-page.ts';
import { noticeFrom, redirectWithNotice } from '../../platform/http/forms.ts';
import { allowPage } from '../../platform/http/page-guard.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import { may } from '../../platform/policy.ts';
import { emptyForm, type FormState } from '../../platform/ui/forms.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { toId } from '../../platform/validation.ts';
import { audit } from '../accounts/audit.ts';
import { groupPaths } from '../groups/paths.ts';
import type { GroupRow } from '../groups/service.ts';
import { findGroup } from '../groups/service.ts';
import { listAnnouncements, publicAnnouncement } from './announcement-archive.ts';
import { type AnnouncementInput, announcementMeetings, announcementPreview, sendAnnouncement } from './announcing.ts';
import { announcementReport } from './delivery-report.ts';
import type { LinkTarget } from './links.ts';
import { listPaths as paths } from './paths.ts';
import { manageMailingList } from './policies.ts';
import { confirmedCount, listSubscribers, subscriberCounts } from './subscribers.ts';
import { confirmationTarget, confirmSubscription, PENDING_DAYS, subscribe } from './subscribing.ts';
import { unsubscribe, unsubscribeTarget } from './unsubscribing.ts';
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

const hide = { schema: { hide: true } };
const secretariat = byPolicy(manageMailingList, 'secretariat');
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
    listAnnouncements(ctx, group.id, 50),
    may(req.actor, manageMailingList, undefined) ? subscriberCounts(ctx, group.id) : Promise.resolve(undefined),
  ]);
  return MailingListSection({ ctx: viewContext(req), group, announcements: archived, counts });
}

export async function mailingListPages(app: FastifyInstance, ctx: AppContext) {
  // ---- subscribing (double opt-in)
  const showSubscribe = async (req: FastifyRequest, reply: FastifyReply, form: FormState, status: number, sentTo?: string) => {
    const group = await findGroup(ctx, codeOf(req));
    return sendPage(reply, SubscribePage({ ctx: viewContext(req), group, form, sentTo, days: PENDING_DAYS }), status);
  };
  formPage(app, paths.subscribe.pattern, {
    access: anyone,
    initial: (req) => emptyForm({ email: req.actor?.email ?? '' }),
    show: showSubscribe,
    submit: async (req, reply, body) => {
      // The same answer whether or not the address is already on the list.
      const { email } = await subscribe(ctx, codeOf(req), { email: body.email as string }, req.locale);
      return showSubscribe(req, reply, emptyForm(), 200, email);
    },
  });

  // A GET only shows the button: mail scanners open links, and must not confirm or unsubscribe anyone.
  app.get(paths.confirm.pattern, { ...hide, config: { access: bySecret } }, async (req, reply) => {
    const target = await confirmationTarget(ctx, tokenOf(req));
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
        action: paths.confirm({ token: tokenOf(req) }),
        submit: t('list.confirm.submit'),
      }),
    );
  });
  app.post(paths.confirm.pattern, { ...hide, config: { access: bySecret } }, async (req, reply) => {
    const target = await confirmSubscription(ctx, tokenOf(req));
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
  const unsubscribedPage = (req: FastifyRequest, reply: FastifyReply, target: LinkTarget) =>
    sendPage(
      reply,
      DonePage({
        ctx: viewContext(req),
        title: req.t('list.unsubscribed.title'),
        message: req.t('list.unsubscribed', { email: target.email, group: target.group.code }),
        group: target.group,
      }),
    );
  app.get(paths.unsubscribe.pattern, { ...hide, config: { access: bySecret } }, async (req, reply) => {
    const target = await unsubscribeTarget(ctx, tokenOf(req));
    if (target.status === 'unsubscribed') return unsubscribedPage(req, reply, target);
    const { t } = req;
    return sendPage(
      reply,
      LinkActionPage({
        ctx: viewContext(req),
        title: t('list.unsubscribe.title'),
        intro: t('list.unsubscribe.intro', { group: target.group.code, email: target.email }),
        action: paths.unsubscribe({ token: tokenOf(req) }),
        submit: t('list.unsubscribe.submit'),
        oneClick: true,
      }),
    );
  });
  app.post(paths.unsubscribe.pattern, { ...hide, config: { access: bySecret, csrfExempt: true } }, async (req, reply) =>
    unsubscribedPage(req, reply, await unsubscribe(ctx, tokenOf(req))),
  );

  // ---- announcements (secretariat) and their public archive
  const showAnnouncementForm = async (req: FastifyRequest, reply: FastifyReply, form: FormState, status: number) => {
    const group = await findGroup(ctx, codeOf(req));
    const [meetingChoices, recipients] = await Promise.all([announcementMeetings(ctx, group.id), confirmedCount(ctx, group.id)]);
    return sendPage(reply, AnnouncementFormPage({ ctx: viewContext(req), group, form, meetings: meetingChoices, recipients }), status);
  };
  formPage(app, paths.newAnnouncement.pattern, {
    access: secretariat,
    initial: (req, reply) => (allowPage(req, reply, manageMailingList, undefined) ? emptyForm({ _idem: randomUUID() }) : reply),
    show: showAnnouncementForm,
    submit: async (req, reply, body) => {
      if (!allowPage(req, reply, manageMailingList, undefined)) return reply;
      const asked = await confirmedOrAsk(
        req,
        reply,
        async () => {
          const preview = await announcementPreview(ctx, req.actor, codeOf(req), body as AnnouncementInput);
          return {
            title: req.t('announcement.confirm.title'),
            subject: preview.subject,
            consequences: [
              req.t('announcement.recipientsNow', { count: preview.recipients }),
              ...(preview.withCircular ? [req.t('announcement.confirm.circular')] : []),
              req.t('announcement.confirm.final'),
            ],
            confirmLabel: req.t('announcement.send'),
            cancelHref: `${groupPaths.group({ code: codeOf(req).toLowerCase() })}#mailing-list`,
          };
        },
        (values) => showAnnouncementForm(req, reply, { values, errors: [] }, 200),
      );
      if (!asked) return reply;
      const key = typeof body._idem === 'string' && body._idem ? `form:${body._idem}` : undefined;
      const sent = await sendAnnouncement(ctx, req.actor, codeOf(req), body as AnnouncementInput, { requestKey: key });
      return redirectWithNotice(reply, paths.announcement({ code: codeOf(req).toLowerCase(), id: sent.id }), 'created');
    },
    // A corrected form is another sending.
    refill: (form) => ({ ...form, values: { ...form.values, _idem: randomUUID() } }),
  });
  app.get(paths.announcement.pattern, { ...hide, config: { access: secretariat } }, async (req, reply) => {
    if (!allowPage(req, reply, manageMailingList, undefined)) return reply;
    const report = await announcementReport(ctx, req.actor, codeOf(req), idOf(req));
    return sendPage(reply, AnnouncementReportPage({ ctx: viewContext(req), report, notice: noticeFrom(req) }));
  });
  app.get(paths.publicAnnouncement.pattern, { ...hide, config: { access: anyone } }, async (req, reply) => {
    const { group, announcement, meeting } = await publicAnnouncement(ctx, codeOf(req), idOf(req));
    return sendPage(reply, PublicAnnouncementPage({ ctx: viewContext(req), group, announcement, meeting }));
  });

  // ---- subscribers (secretariat)
  app.get(paths.subscribers.pattern, { ...hide, config: { access: secretariat } }, async (req, reply) => {
    if (!allowPage(req, reply, manageMailingList, undefined)) return reply;
    const { group, rows, counts } = await listSubscribers(ctx, req.actor, codeOf(req));
    return sendPage(reply, SubscribersPage({ ctx: viewContext(req), group, rows, counts }));
  });
  app.get(paths.subscribersCsv.pattern, { ...hide, config: { access: secretariat } }, async (req, reply) => {
    if (!allowPage(req, reply, manageMailingList, undefined)) return reply;
    const { group, rows } = await listSubscribers(ctx, req.actor, codeOf(req));
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
  });
}
