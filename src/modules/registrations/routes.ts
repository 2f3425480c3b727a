import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { anyoneSignedIn, byPolicy, bySecret } from '../../platform/http/access.ts';
import { unflattenForm } from '../../platform/http/form-data.ts';
import { formBody, formFailure, noticeFrom, redirectWithNotice, sentValues } from '../../platform/http/forms.ts';
import { allowPage, requireActor, signedIn } from '../../platform/http/page-guard.ts';
import { documentedAs, documentedEnum, problems } from '../../platform/http/problem.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import { formatDate } from '../../platform/i18n/dates.ts';
import { isLocale, translator } from '../../platform/i18n/index.ts';
import { collect } from '../../platform/modules/extensions.ts';
import { emptyForm, type FormState } from '../../platform/ui/forms.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { idParam, toId } from '../../platform/validation.ts';
import { completeAuthentication } from '../accounts/authenticate.ts';
import { actorFromCalendarToken, calendarToken, getProfile, resetCalendarToken } from '../accounts/service.ts';
import { MessagePage } from '../accounts/views/pages.tsx';
import { meetingsIcs } from '../meetings/calendar.ts';
import { getMeeting } from '../meetings/service.ts';
import { calendarJoinDetails } from './extensions.ts';
import { manageRegistrations, useRegistration } from './policies.ts';
import { allowedModes, isVisaEligibleCategory } from './rules.ts';
import * as registrations from './service.ts';
import { RegisterOnBehalfPage, RegisterPage, type VisaBox, VisaRequestPage } from './views/register-page.tsx';
import { MyRegistrationsPage, RegistrationPage } from './views/registration-page.tsx';
import { participationModes, registrationStatuses } from './vocabulary.ts';

const hide = { schema: { hide: true } };
const idOf = (req: FastifyRequest) => toId((req.params as { id: string }).id);
const many = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined || v === '' ? [] : [String(v)]);

/** Form → service input: checkbox lists, the consent box, and the visa block only when ticked. */
function registrationFromForm(body: Record<string, unknown>): registrations.RegistrationInput {
  const nested = unflattenForm(body) as Record<string, unknown>;
  return {
    mode: nested.mode as 'remote',
    sessions: many(body.sessions),
    consent: (body.consent === 'on') as true,
    visaRequest: body.visa === 'on' ? (nested.visaRequest as registrations.RegistrationInput['visaRequest']) : undefined,
  };
}

export async function registrationRoutes(scope: FastifyInstance, ctx: AppContext) {
  const app = scope.withTypeProvider<ZodTypeProvider>();

  const visaBoxFor = async (req: FastifyRequest, detail: Awaited<ReturnType<typeof getMeeting>>): Promise<VisaBox> => {
    if (!allowedModes(detail.meeting.mode).includes('in-person')) return { state: 'not-offered' };
    const profile = await getProfile(ctx, requireActor(req));
    if (!isVisaEligibleCategory(profile.category)) return { state: 'not-eligible', category: profile.category };
    if (!registrations.registrationWindow(detail, req.actor, ctx.clock.now()).visaOpen)
      return { state: 'closed', deadline: detail.deadlines.visaSupport };
    return { state: 'available' };
  };

  const showRegister = async (
    req: FastifyRequest,
    reply: FastifyReply,
    detail: Awaited<ReturnType<typeof getMeeting>>,
    form: FormState,
    status = 200,
  ) =>
    sendPage(
      reply,
      RegisterPage({
        ctx: viewContext(req),
        detail,
        form,
        visa: await visaBoxFor(req, detail),
        idempotencyKey: String(form.values._idem ?? randomUUID()),
      }),
      status,
    );

  app.get('/meetings/:id/register', { ...hide, config: { access: anyoneSignedIn } }, async (req, reply) => {
    const actor = signedIn(req, reply);
    if (!actor) return reply;
    const detail = await getMeeting(ctx, idOf(req));
    const mine = await registrations.findMyRegistration(ctx, actor, detail.meeting.id);
    if (mine && mine.status !== 'cancelled') return reply.redirect(`/registrations/${mine.id}`, 303);
    const window = registrations.registrationWindow(detail, req.actor, ctx.clock.now());
    if (!window.open) {
      return sendPage(
        reply,
        MessagePage({
          ctx: viewContext(req),
          title: req.t('registration.heading'),
          message: req.t('error.registrationClosedOn', { date: formatDate(detail.deadlines.registration, req.locale) }),
          link: { href: `/meetings/${detail.meeting.id}`, label: req.t('meeting.backToPage') },
        }),
        409,
      );
    }
    const modes = allowedModes(detail.meeting.mode);
    return showRegister(
      req,
      reply,
      detail,
      emptyForm({ mode: modes.length === 1 ? modes[0] : '', sessions: detail.sessions.map((s) => s.subgroup) }),
    );
  });

  app.post('/meetings/:id/register', { ...hide, config: { access: anyoneSignedIn } }, async (req, reply) => {
    const actor = requireActor(req);
    const detail = await getMeeting(ctx, idOf(req));
    try {
      const body = formBody(req);
      const { registration } = await registrations.register(ctx, actor, detail.meeting.id, registrationFromForm(body), {
        idempotencyKey: typeof body._idem === 'string' && body._idem ? `form:${body._idem}` : undefined,
      });
      return reply.redirect(`/registrations/${registration.id}?notice=saved`, 303);
    } catch (error) {
      if (error instanceof registrations.RegistrationClosedError) throw error;
      const { form, status } = formFailure(error, sentValues(req));
      return showRegister(req, reply, detail, { ...form, values: { ...form.values, _idem: randomUUID() } }, status);
    }
  });

  const showOnBehalf = async (req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
    const detail = await getMeeting(ctx, idOf(req));
    return sendPage(
      reply,
      RegisterOnBehalfPage({ ctx: viewContext(req), detail, form, idempotencyKey: String(form.values._idem ?? randomUUID()) }),
      status,
    );
  };
  app.get(
    '/console/meetings/:id/register',
    { ...hide, config: { access: byPolicy(manageRegistrations, 'secretariat') } },
    async (req, reply) => {
      if (!allowPage(req, reply, manageRegistrations, undefined)) return reply;
      return showOnBehalf(req, reply, emptyForm());
    },
  );
  app.post(
    '/console/meetings/:id/register',
    { ...hide, config: { access: byPolicy(manageRegistrations, 'secretariat') } },
    async (req, reply) => {
      if (!allowPage(req, reply, manageRegistrations, undefined)) return reply;
      try {
        const body = formBody(req);
        const { registration } = await registrations.register(
          ctx,
          req.actor,
          idOf(req),
          { mode: body.mode as 'remote', sessions: many(body.sessions), consent: true },
          {
            onBehalfOf: String(body.onBehalfOf ?? ''),
            idempotencyKey: typeof body._idem === 'string' && body._idem ? `form:${body._idem}` : undefined,
          },
        );
        return reply.redirect(`/registrations/${registration.id}?notice=saved`, 303);
      } catch (error) {
        const { form, status } = formFailure(error, sentValues(req));
        return showOnBehalf(req, reply, { ...form, values: { ...form.values, _idem: randomUUID() } }, status);
      }
    },
  );

  const showRegistration = async (req: FastifyRequest, reply: FastifyReply, form?: FormState, status = 200) => {
    if (!signedIn(req, reply)) return reply;
    const registration = await registrations.getRegistration(ctx, req.actor, idOf(req));
    const detail = await getMeeting(ctx, registration.meetingId);
    const open = registrations.registrationWindow(detail, req.actor, ctx.clock.now()).open;
    const canAskVisa =
      registration.status !== 'cancelled' &&
      registration.mode === 'in-person' &&
      (!registration.visa || !registrations.visaRequestStanding(registration.visa.status)) &&
      (await visaBoxFor(req, detail)).state === 'available';
    return sendPage(
      reply,
      RegistrationPage({
        ctx: viewContext(req),
        detail,
        registration,
        open,
        canAskVisa,
        form: form ?? emptyForm({ mode: registration.mode, sessions: registration.sessions }),
        notice: noticeFrom(req),
      }),
      status,
    );
  };
  app.get('/registrations/:id', { ...hide, config: { access: byPolicy(useRegistration, 'owner') } }, async (req, reply) =>
    showRegistration(req, reply),
  );
  app.post('/registrations/:id', { ...hide, config: { access: byPolicy(useRegistration, 'owner') } }, async (req, reply) => {
    try {
      const body = formBody(req);
      await registrations.changeRegistration(ctx, req.actor, idOf(req), { mode: body.mode as 'remote', sessions: many(body.sessions) });
      return reply.redirect(`/registrations/${idOf(req)}?notice=saved`, 303);
    } catch (error) {
      const { form, status } = formFailure(error, sentValues(req));
      return showRegistration(req, reply, form, status);
    }
  });
  const showVisaRequest = async (req: FastifyRequest, reply: FastifyReply, form: FormState = emptyForm(), status = 200) => {
    if (!signedIn(req, reply)) return reply;
    const registration = await registrations.getRegistration(ctx, req.actor, idOf(req));
    const detail = await getMeeting(ctx, registration.meetingId);
    const box = await visaBoxFor(req, detail);
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
      await registrations.requestVisaSupport(ctx, req.actor, idOf(req), (unflattenForm(body) as Record<string, unknown>).visaRequest);
      return reply.redirect(`/registrations/${idOf(req)}?notice=saved`, 303);
    } catch (error) {
      const { form, status } = formFailure(error, sentValues(req));
      return showVisaRequest(req, reply, form, status);
    }
  });
  app.post('/registrations/:id/cancel', { ...hide, config: { access: byPolicy(useRegistration, 'owner') } }, async (req, reply) => {
    await registrations.cancelRegistration(ctx, req.actor, idOf(req));
    return reply.redirect(`/registrations/${idOf(req)}?notice=cancelled`, 303);
  });
  app.get('/me/registrations', { ...hide, config: { access: anyoneSignedIn } }, async (req, reply) => {
    if (!signedIn(req, reply)) return reply;
    const [mine, token] = await Promise.all([registrations.listMyRegistrations(ctx, req.actor), calendarToken(ctx, req.actor)]);
    const items = await Promise.all(
      mine.map(async (registration) => ({ registration, detail: await getMeeting(ctx, registration.meetingId) })),
    );
    const feed = `${ctx.config.baseUrl}/calendar/${token}.ics`;
    return sendPage(reply, MyRegistrationsPage({ ctx: viewContext(req), items, feed, notice: noticeFrom(req) }));
  });
  app.post('/me/calendar/reset', { ...hide, config: { access: anyoneSignedIn } }, async (req, reply) => {
    if (!signedIn(req, reply, '/me/registrations')) return reply;
    await resetCalendarToken(ctx, req.actor);
    return redirectWithNotice(reply, '/me/registrations', 'saved');
  });
  // The person's registered meetings for a calendar app, which cannot sign in: the secret is in the address.
  app.get('/calendar/:file', { ...hide, config: { access: bySecret } }, async (req, reply) => {
    const file = (req.params as { file: string }).file;
    const person = file.endsWith('.ics') ? await actorFromCalendarToken(ctx, file.slice(0, -4)) : null;
    if (!person) throw new NotFoundError();
    const mine = (await registrations.listMyRegistrations(ctx, person)).filter((r) => r.status !== 'cancelled');
    const details = await Promise.all(mine.map((r) => getMeeting(ctx, r.meetingId)));
    const locale = isLocale(person.preferredLanguage) ? person.preferredLanguage : req.locale;
    const [join] = await collect(calendarJoinDetails, ctx, { person, details, locale });
    return reply
      .type('text/calendar; charset=utf-8')
      .header('Cache-Control', 'private, no-store')
      .send(meetingsIcs(ctx, translator(locale)('registration.mine'), details, locale, join));
  });

  // ---- API
  const tags = ['registrations'];
  const security = [{ bearer: [] }];
  const Visa = z
    .object({ status: z.string(), reason: z.string().nullable(), letterReference: z.string().nullable(), letterUrl: z.string().nullable() })
    .nullable();
  const Registration = z.object({
    id: z.number(),
    number: z.string(),
    meetingId: z.number(),
    mode: z.enum(participationModes),
    sessions: z.array(z.string()),
    status: z.enum(registrationStatuses),
    waitlistPosition: z.number().nullable(),
    visa: Visa,
    url: z.string(),
  });
  const present = (r: registrations.RegistrationView): z.infer<typeof Registration> => ({
    id: r.id,
    number: r.number,
    meetingId: r.meetingId,
    mode: r.mode,
    sessions: r.sessions,
    status: r.status,
    waitlistPosition: r.waitlistPosition,
    visa: r.visa && {
      status: r.visa.status,
      reason: r.visa.reason,
      letterReference: r.visa.letterReference,
      letterUrl: r.visa.letterAvailable ? `${ctx.config.baseUrl}/registrations/${r.id}/visa-letter.pdf` : null,
    },
    url: `${ctx.config.baseUrl}/registrations/${r.id}`,
  });
  // Checked by the service (after who asks and the meeting's rules), documented as the service's schema.
  // Checked by the service (after who asks and the meeting's rules), documented as the service's schema
  // with what it checks beyond the types: dates, and the country codes it requires.
  const date = z.string().meta({ format: 'date' });
  const country = z
    .string()
    .regex(/^[A-Za-z]{2}$/)
    .describe('ISO 3166-1 alpha-2 code, e.g. CN');
  const VisaBody = documentedAs(
    z.record(z.string(), z.unknown()),
    registrations.registrationSchema.shape.visaRequest.unwrap().extend({
      dateOfBirth: date,
      nationality: country,
      passportIssuedOn: date,
      passportExpiresOn: date.describe('At least three months after the departure'),
      representation: z.object({ city: z.string(), country }).describe('The embassy or consulate where the visa is asked for'),
      arrivalDate: date,
      departureDate: date.describe('The stay must include at least one day of the meeting'),
    }),
  ).describe('Passport and travel details for the visa support letter (only for in-person participants of eligible categories)');

  app.post(
    '/api/meetings/:id/registrations',
    {
      config: { access: anyoneSignedIn, authenticatesItself: true },
      schema: {
        operationId: 'register',
        tags,
        security,
        summary: 'Register for a meeting (repeat safely with an Idempotency-Key header)',
        params: z.object({ id: idParam() }),
        headers: z.object({ 'idempotency-key': z.string().max(200).optional() }).passthrough(),
        body: z.object({
          mode: documentedEnum(participationModes).describe('One the meeting offers: remote only where it is virtual or hybrid'),
          sessions: z.array(z.string()).describe('Labels of the sessions, as GET /api/meetings/{id} lists them (WG1, TG)'),
          consent: z.boolean().optional().describe('Consent to the privacy notice; calling the API on your own behalf gives it'),
          visaRequest: VisaBody.optional(),
          onBehalfOf: z.string().optional().describe('Secretariat only: e-mail of the account to register'),
        }),
        response: { 200: Registration, 201: Registration, ...problems(403, 409) },
      },
    },
    async (req, reply) => {
      const { onBehalfOf, consent, ...rest } = req.body;
      const input = { ...rest, consent: (consent ?? true) as true } as registrations.RegistrationInput;
      const options = { idempotencyKey: req.headers['idempotency-key'], onBehalfOf };
      const token = req.bearerToken;
      const fast = token !== null ? await registrations.registerWithApiToken(ctx, token, req.params.id, input, options) : undefined;
      if (!fast) await completeAuthentication(ctx, req, reply);
      const { registration, replayed } =
        fast ?? (await registrations.register(ctx, req.actor, req.params.id, input, { ...options, oneStatementTried: token !== null }));
      return reply.code(replayed ? 200 : 201).send(present(registration));
    },
  );
  app.get(
    '/api/me/registrations',
    {
      config: { access: anyoneSignedIn },
      schema: { operationId: 'listMyRegistrations', tags, security, summary: 'My registrations', response: { 200: z.array(Registration) } },
    },
    async (req) => (await registrations.listMyRegistrations(ctx, req.actor)).map(present),
  );
  app.get(
    '/api/registrations/:id',
    {
      config: { access: byPolicy(useRegistration, 'owner') },
      schema: {
        operationId: 'getRegistration',
        tags,
        security,
        summary: 'A registration (its owner or the secretariat)',
        params: z.object({ id: idParam() }),
        response: { 200: Registration },
      },
    },
    async (req) => present(await registrations.getRegistration(ctx, req.actor, req.params.id)),
  );
  app.patch(
    '/api/registrations/:id',
    {
      config: { access: byPolicy(useRegistration, 'owner') },
      schema: {
        operationId: 'changeRegistration',
        tags,
        security,
        summary: 'Change mode or sessions until the registration deadline',
        params: z.object({ id: idParam() }),
        body: z.object({ mode: documentedEnum(participationModes).optional(), sessions: z.array(z.string()).optional() }),
        response: { 200: Registration, ...problems(409) },
      },
    },
    async (req) => present(await registrations.changeRegistration(ctx, req.actor, req.params.id, req.body as never)),
  );
  app.post(
    '/api/registrations/:id/visa-request',
    {
      config: { access: byPolicy(useRegistration, 'owner') },
      schema: {
        operationId: 'requestVisaSupport',
        tags,
        security,
        summary: 'Ask for visa support on an in-person registration (same rules as when registering)',
        params: z.object({ id: idParam() }),
        body: VisaBody,
        response: { 201: Registration, ...problems(409) },
      },
    },
    async (req, reply) => reply.code(201).send(present(await registrations.requestVisaSupport(ctx, req.actor, req.params.id, req.body))),
  );
  app.delete(
    '/api/registrations/:id',
    {
      config: { access: byPolicy(useRegistration, 'owner') },
      schema: {
        operationId: 'cancelRegistration',
        tags,
        security,
        summary: 'Cancel until the registration deadline',
        params: z.object({ id: idParam() }),
        response: { 200: Registration, ...problems(409) },
      },
    },
    async (req) => present(await registrations.cancelRegistration(ctx, req.actor, req.params.id)),
  );
}
