import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { byPolicy } from '../../platform/http/access.ts';
import { sendPrivateFile } from '../../platform/http/downloads.ts';
import { unflattenForm } from '../../platform/http/form-data.ts';
import { formBody, formFailure, noticeFrom, sentValues } from '../../platform/http/forms.ts';
import { allowPage, signedIn } from '../../platform/http/page-guard.ts';
import { documentedEnum, problems } from '../../platform/http/problem.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import { emptyForm, type FormState } from '../../platform/ui/forms.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { idParam, toId } from '../../platform/validation.ts';
import { membershipCategories } from '../accounts/vocabulary.ts';
import { allMeetings } from '../meetings/queries.ts';
import { getMeeting } from '../meetings/service.ts';
import { useRegistration } from '../registrations/policies.ts';
import { presentRegistration, registrationResponse } from '../registrations/presenter.ts';
import { addPart, getRegistration } from '../registrations/service.ts';
import { manageVisas, readVisaLetter } from './policies.ts';
import { documentedVisaRequest, visaPart } from './registration-part.ts';
import { visaBoxFor } from './registration-slots.ts';
import { VisaRequestPage } from './registration-views.tsx';
import * as visas from './service.ts';
import { VisaQueuePage, VisaReviewPage } from './views.tsx';
import { visaStatuses } from './vocabulary.ts';

const hide = { schema: { hide: true } };
const idOf = (req: FastifyRequest) => toId((req.params as { id: string }).id);

export async function visaRoutes(scope: FastifyInstance, ctx: AppContext) {
  const app = scope.withTypeProvider<ZodTypeProvider>();

  // Visa support asked for after registering in person (after the visa reminder, say).
  const showVisaRequest = async (req: FastifyRequest, reply: FastifyReply, form: FormState = emptyForm(), status = 200) => {
    if (!signedIn(req, reply)) return reply;
    const registration = await getRegistration(ctx, req.actor, idOf(req));
    const detail = await getMeeting(ctx, registration.meetingId);
    const box = await visaBoxFor(ctx, req, detail);
    return sendPage(
      reply,
      VisaRequestPage({ ctx: viewContext(req), detail, registrationId: registration.id, number: registration.number, form, box }),
      status,
    );
  };
  app.get('/registrations/:id/visa', { ...hide, config: { access: byPolicy(useRegistration, 'owner') } }, async (req, reply) =>
    showVisaRequest(req, reply),
  );
  app.post('/registrations/:id/visa', { ...hide, config: { access: byPolicy(useRegistration, 'owner') } }, async (req, reply) => {
    try {
      const body = formBody(req);
      await addPart(ctx, req.actor, idOf(req), visaPart, (unflattenForm(body) as Record<string, unknown>).visaRequest);
      return reply.redirect(`/registrations/${idOf(req)}?notice=saved`, 303);
    } catch (error) {
      const { form, status } = formFailure(error, sentValues(req));
      return showVisaRequest(req, reply, form, status);
    }
  });
  app.post(
    '/api/registrations/:id/visa-request',
    {
      config: { access: byPolicy(useRegistration, 'owner') },
      schema: {
        operationId: 'requestVisaSupport',
        tags: ['registrations'],
        security: [{ bearer: [] }],
        summary: 'Ask for visa support on an in-person registration (same rules as when registering)',
        params: z.object({ id: idParam() }),
        body: documentedVisaRequest,
        response: { 201: registrationResponse(), ...problems(409) },
      },
    },
    async (req, reply) => reply.code(201).send(presentRegistration(ctx, await addPart(ctx, req.actor, req.params.id, visaPart, req.body))),
  );

  app.get('/console/visas', { ...hide, config: { access: byPolicy(manageVisas, 'secretariat') } }, async (req, reply) => {
    if (!allowPage(req, reply, manageVisas, undefined)) return reply;
    const q = req.query as Record<string, string | undefined>;
    const filters = { meetingId: toId(q.meeting) || undefined, status: q.status || undefined, nationality: q.nationality || undefined };
    const [rows, meetingList] = await Promise.all([
      visas.listVisaRequests(ctx, req.actor, filters),
      allMeetings(ctx).then((list) => list.sort((a, b) => a.id - b.id)),
    ]);
    return sendPage(
      reply,
      VisaQueuePage({
        ctx: viewContext(req),
        rows,
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
  app.get('/console/visas/:id', { ...hide, config: { access: byPolicy(manageVisas, 'secretariat') } }, async (req, reply) =>
    showReview(req, reply),
  );
  app.post('/console/visas/:id/approve', { ...hide, config: { access: byPolicy(manageVisas, 'secretariat') } }, async (req, reply) => {
    await visas.approveVisaRequest(ctx, req.actor, idOf(req));
    return reply.redirect('/console/visas?notice=saved', 303);
  });
  app.post('/console/visas/:id/reject', { ...hide, config: { access: byPolicy(manageVisas, 'secretariat') } }, async (req, reply) => {
    try {
      const body = formBody(req);
      await visas.rejectVisaRequest(ctx, req.actor, idOf(req), { reason: String(body.reason ?? '') });
      return reply.redirect('/console/visas?notice=saved', 303);
    } catch (error) {
      const { form, status } = formFailure(error, sentValues(req));
      return showReview(req, reply, form, status);
    }
  });

  app.get('/registrations/:id/visa-letter.pdf', { ...hide, config: { access: byPolicy(readVisaLetter, 'owner') } }, async (req, reply) => {
    if (!signedIn(req, reply)) return reply;
    const { pdf, filename } = await visas.visaLetter(ctx, req.actor, idOf(req));
    return sendPrivateFile(reply, pdf, 'application/pdf', filename);
  });

  // ---- API (secretariat)
  const tags = ['visas'];
  const security = [{ bearer: [] }];
  const QueueRow = z.object({
    id: z.number(),
    status: z.enum(visaStatuses),
    nationality: z.string(),
    representation: z.object({ city: z.string(), country: z.string() }),
    registrationId: z.number(),
    registrationNumber: z.string(),
    meetingId: z.number(),
    name: z.string(),
    organization: z.string(),
    category: documentedEnum(membershipCategories),
  });
  app.get(
    '/api/visa-requests',
    {
      config: { access: byPolicy(manageVisas, 'secretariat') },
      schema: {
        operationId: 'listVisaRequests',
        tags,
        security,
        summary: 'Visa support requests, without passport details (secretariat)',
        querystring: z.object({
          meetingId: idParam().optional(),
          status: documentedEnum(visaStatuses).optional(),
          nationality: z.string().optional(),
        }),
        response: { 200: z.array(QueueRow), ...problems(403) },
      },
    },
    async (req) =>
      (await visas.listVisaRequests(ctx, req.actor, req.query)).map((r) => ({
        id: r.id,
        status: r.status,
        nationality: r.nationality,
        representation: { city: r.representationCity, country: r.representationCountry },
        registrationId: r.registrationId,
        registrationNumber: r.registrationNumber,
        meetingId: r.meetingId,
        name: `${r.givenName} ${r.familyName}`,
        organization: r.organization,
        category: r.category,
      })),
  );
  app.post(
    '/api/visa-requests/:id/approve',
    {
      config: { access: byPolicy(manageVisas, 'secretariat') },
      schema: {
        operationId: 'approveVisaRequest',
        tags,
        security,
        summary: 'Approve: issue and mail the visa support letter (secretariat)',
        params: z.object({ id: idParam() }),
        response: { 204: z.null().describe('No content'), ...problems(403, 409) },
      },
    },
    async (req, reply) => {
      await visas.approveVisaRequest(ctx, req.actor, req.params.id);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/api/visa-requests/:id/reject',
    {
      config: { access: byPolicy(manageVisas, 'secretariat') },
      schema: {
        operationId: 'rejectVisaRequest',
        tags,
        security,
        summary: 'Reject with a reason (secretariat)',
        params: z.object({ id: idParam() }),
        body: z.object({ reason: z.string() }),
        response: { 204: z.null().describe('No content'), ...problems(403, 409) },
      },
    },
    async (req, reply) => {
      await visas.rejectVisaRequest(ctx, req.actor, req.params.id, req.body);
      return reply.code(204).send(null);
    },
  );
}
