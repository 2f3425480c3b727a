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
import { documentedEnum, problems } from '../../platform/http/problem.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import { formatDate } from '../../platform/i18n/dates.ts';
import { isLocale, translator } from '../../platform/i18n/index.ts';
import { collect } from '../../platform/modules/extensions.ts';
import { emptyForm, type FormState } from '../../platform/ui/forms.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { renderSlot } from '../../platform/ui/slots.ts';
import { idParam, toId } from '../../platform/validation.ts';
import { completeAuthentication } from '../accounts/authenticate.ts';
import { actorFromCalendarToken, calendarToken, resetCalendarToken } from '../accounts/service.ts';
import { MessagePage } from '../accounts/views/pages.tsx';
import { meetingsIcs } from '../meetings/calendar.ts';
import { getMeeting } from '../meetings/service.ts';
import { calendarJoinDetails } from './extensions.ts';
import type { RegistrationInput } from './input.ts';
import { registerWithApiToken } from './one-statement.ts';
import { partsOfRegistrations } from './parts.ts';
import { manageRegistrations, useRegistration } from './policies.ts';
import { presentRegistration, registrationResponse } from './presenter.ts';
import { allowedModes } from './rules.ts';
import * as registrations from './service.ts';
import { registerFormParts, registrationSections, registrationSummary } from './slots.ts';
import { RegistrationClosedError, registrationWindow } from './state.ts';
import type { RegistrationView } from './view.ts';
import { RegisterOnBehalfPage, RegisterPage } from './views/register-page.tsx';
import { MyRegistrationsPage, RegistrationPage } from './views/registration-page.tsx';
import { participationModes } from './vocabulary.ts';

const hide = { schema: { hide: true } };
const idOf = (req: FastifyRequest) => toId((req.params as { id: string }).id);
const many = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined || v === '' ? [] : [String(v)]);

/** Form → service input: checkbox lists, the consent box, and what each part's fields ask (only when asked for). */
function registrationFromForm(body: Record<string, unknown>): RegistrationInput {
  const nested = unflattenForm(body) as Record<string, unknown>;
  return {
    mode: nested.mode as 'remote',
    sessions: many(body.sessions),
    consent: (body.consent === 'on') as true,
    ...Object.fromEntries(partsOfRegistrations().map((p) => [p.inputField, p.fromForm(nested)])),
  };
}

export async function registrationRoutes(scope: FastifyInstance, ctx: AppContext) {
  const app = scope.withTypeProvider<ZodTypeProvider>();

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
        parts: (await renderSlot(registerFormParts, ctx, req, { detail, form })).map((p) => p.part),
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
    const window = registrationWindow(detail, req.actor, ctx.clock.now());
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
      if (error instanceof RegistrationClosedError) throw error;
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
    const open = registrationWindow(detail, req.actor, ctx.clock.now()).open;
    const sections = await renderSlot(registrationSections, ctx, req, { detail, registration });
    return sendPage(
      reply,
      RegistrationPage({
        ctx: viewContext(req),
        detail,
        registration,
        open,
        sections: sections.map((s) => s.part),
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
  app.post('/registrations/:id/cancel', { ...hide, config: { access: byPolicy(useRegistration, 'owner') } }, async (req, reply) => {
    await registrations.cancelRegistration(ctx, req.actor, idOf(req));
    return reply.redirect(`/registrations/${idOf(req)}?notice=cancelled`, 303);
  });
  app.get('/me/registrations', { ...hide, config: { access: anyoneSignedIn } }, async (req, reply) => {
    if (!signedIn(req, reply)) return reply;
    const [mine, token] = await Promise.all([registrations.listMyRegistrations(ctx, req.actor), calendarToken(ctx, req.actor)]);
    const items = await Promise.all(
      mine.map(async (registration) => ({
        registration,
        detail: await getMeeting(ctx, registration.meetingId),
        summary: (await renderSlot(registrationSummary, ctx, req, { registration })).map((s) => s.part),
      })),
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
  const Registration = registrationResponse();
  const present = (r: RegistrationView) => presentRegistration(ctx, r);
  const partInputs = Object.fromEntries(partsOfRegistrations().map((p) => [p.inputField, p.documentedInput.optional()]));

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
          ...partInputs,
          onBehalfOf: z.string().optional().describe('Secretariat only: e-mail of the account to register'),
        }),
        response: { 200: Registration, 201: Registration, ...problems(403, 409) },
      },
    },
    async (req, reply) => {
      const { onBehalfOf, consent, ...rest } = req.body;
      const input = { ...rest, consent: (consent ?? true) as true } as RegistrationInput;
      const options = { idempotencyKey: req.headers['idempotency-key'], onBehalfOf };
      const token = req.bearerToken;
      const fast = token !== null ? await registerWithApiToken(ctx, token, req.params.id, input, options) : undefined;
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
