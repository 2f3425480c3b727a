import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { byPolicy } from '../../platform/http/access.ts';
import { confirmedOrAsk } from '../../platform/http/confirm-step.ts';
import { sendPrivateFile } from '../../platform/http/downloads.ts';
import { unflattenForm } from '../../platform/http/form-data.ts';
import { formPage } from '../../platform/http/form-page.ts';
import { noticeFrom, redirectWithNotice } from '../../platform/http/forms.ts';
import { allowPage, signedIn } from '../../platform/http/page-guard.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import { emptyForm, type FormState } from '../../platform/ui/forms.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { toId } from '../../platform/validation.ts';
import { allMeetings } from '../meetings/queries.ts';
import { getMeeting } from '../meetings/service.ts';
import { registrationPaths } from '../registrations/paths.ts';
import { useRegistration } from '../registrations/policies.ts';
import { addPart, getRegistration } from '../registrations/service.ts';
import { visaPaths as paths } from './paths.ts';
import { manageVisas, readVisaLetter } from './policies.ts';
import { visaPart } from './registration-part.ts';
import { visaBoxFor } from './registration-slots.ts';
import { VisaRequestPage } from './registration-views.tsx';
import * as visas from './service.ts';
import { VisaQueuePage, VisaReviewPage } from './views.tsx';

const hide = { schema: { hide: true } };
const idOf = (req: FastifyRequest) => toId((req.params as { id: string }).id);

export async function visaPages(app: FastifyInstance, ctx: AppContext) {
  // Visa support asked for after registering in person (after the visa reminder, say).
  formPage(app, paths.request.pattern, {
    access: byPolicy(useRegistration, 'owner'),
    signIn: true,
    show: async (req, reply, form, status) => {
      const registration = await getRegistration(ctx, req.actor, idOf(req));
      const detail = await getMeeting(ctx, registration.meetingId);
      const box = await visaBoxFor(ctx, req, detail);
      return sendPage(
        reply,
        VisaRequestPage({ ctx: viewContext(req), detail, registrationId: registration.id, number: registration.number, form, box }),
        status,
      );
    },
    submit: async (req, reply, body) => {
      await addPart(ctx, req.actor, idOf(req), visaPart, (unflattenForm(body) as Record<string, unknown>).visaRequest);
      return redirectWithNotice(reply, registrationPaths.registration({ id: idOf(req) }), 'saved');
    },
  });

  app.get(paths.queue.pattern, { ...hide, config: { access: byPolicy(manageVisas, 'secretariat') } }, async (req, reply) => {
    if (!allowPage(req, reply, manageVisas, undefined)) return reply;
    const q = req.query as Record<string, string | undefined>;
    const filters = { meetingId: toId(q.meeting) || undefined, status: q.status || undefined, nationality: q.nationality || undefined };
    const [rows, counts, meetingList] = await Promise.all([
      visas.listVisaRequests(ctx, req.actor, filters),
      visas.visaRequestCounts(ctx, req.actor, filters),
      allMeetings(ctx).then((list) => list.sort((a, b) => a.id - b.id)),
    ]);
    return sendPage(
      reply,
      VisaQueuePage({
        ctx: viewContext(req),
        rows,
        counts,
        filters: emptyForm({ meeting: q.meeting ?? '', status: q.status ?? '', nationality: q.nationality ?? '' }),
        meetings: meetingList,
        notice: noticeFrom(req),
      }),
    );
  });

  const showReview = async (req: FastifyRequest, reply: FastifyReply, form: FormState = emptyForm(), status = 200) => {
    if (!allowPage(req, reply, manageVisas, undefined)) return reply;
    const review = await visas.reviewVisaRequest(ctx, req.actor, idOf(req));
    return sendPage(reply, VisaReviewPage({ ctx: viewContext(req), review, form }), status);
  };
  app.get(paths.review.pattern, { ...hide, config: { access: byPolicy(manageVisas, 'secretariat') } }, async (req, reply) =>
    showReview(req, reply),
  );
  app.post(paths.approve.pattern, { ...hide, config: { access: byPolicy(manageVisas, 'secretariat') } }, async (req, reply) => {
    if (!allowPage(req, reply, manageVisas, undefined)) return reply;
    const asked = await confirmedOrAsk(req, reply, async () => {
      const preview = await visas.approvalPreview(ctx, req.actor, idOf(req));
      return {
        title: req.t('visa.confirm.title'),
        subject: preview.registration,
        consequences: [req.t('visa.confirm.letter', preview), req.t('visa.confirm.status'), req.t('visa.confirm.final')],
        confirmLabel: req.t('visa.approve'),
        cancelHref: paths.review({ id: idOf(req) }),
      };
    });
    if (!asked) return reply;
    await visas.approveVisaRequest(ctx, req.actor, idOf(req));
    return redirectWithNotice(reply, paths.queue(), 'saved');
  });
  formPage(app, paths.reject.pattern, {
    access: byPolicy(manageVisas, 'secretariat'),
    postOnly: true,
    show: showReview,
    submit: async (req, reply, body) => {
      await visas.rejectVisaRequest(ctx, req.actor, idOf(req), { reason: String(body.reason ?? '') });
      return redirectWithNotice(reply, paths.queue(), 'saved');
    },
  });

  app.get(paths.letter.pattern, { ...hide, config: { access: byPolicy(readVisaLetter, 'owner') } }, async (req, reply) => {
    if (!signedIn(req, reply)) return reply;
    const { pdf, filename } = await visas.visaLetter(ctx, req.actor, idOf(req));
    return sendPrivateFile(reply, pdf, 'application/pdf', filename);
  });
}
