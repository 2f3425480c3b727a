import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { anyoneSignedIn, byPolicy, bySecret } from '../../platform/http/access.ts';
import { unflattenForm } from '../../platform/http/form-data.ts';
import { formPage } from '../../platform/http/form-page.ts';
import { noticeFrom, redirectWithNotice } from '../../platform/http/forms.ts';
import { allowPage, requireActor, signedIn } from '../../platform/http/page-guard.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import { formatDate } from '../../platform/i18n/dates.ts';
import { isLocale, translator } from '../../platform/i18n/index.ts';
import { collect } from '../../platform/modules/extensions.ts';
import { emptyForm, type FormState } from '../../platform/ui/forms.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { renderSlot } from '../../platform/ui/slots.ts';
import { toId } from '../../platform/validation.ts';
import { actorFromCalendarToken, calendarToken, resetCalendarToken } from '../accounts/calendar-tokens.ts';
import { MessagePage } from '../accounts/views/pages.tsx';
import { meetingsIcs } from '../meetings/calendar.ts';
import { meetingPaths } from '../meetings/paths.ts';
import { getMeeting, type MeetingDetail } from '../meetings/service.ts';
import { calendarJoinDetails } from './extensions.ts';
import { many, type RegistrationInput } from './input.ts';
import { partsOfRegistrations } from './parts.ts';
import { registrationPaths as paths } from './paths.ts';
import { manageRegistrations, useRegistration } from './policies.ts';
import { allowedModes } from './rules.ts';
import * as registrations from './service.ts';
import { registerFormNotices, registerFormParts, registrationSections, registrationSummary } from './slots.ts';
import { RegistrationClosedError, registrationWindow } from './state.ts';
import { RegisterOnBehalfPage, RegisterPage } from './views/register-page.tsx';
import { MyRegistrationsPage, RegistrationPage } from './views/registration-page.tsx';

const hide = { schema: { hide: true } };
const idOf = (req: FastifyRequest) => toId((req.params as { id: string }).id);
const formKey = (body: Record<string, unknown>) => (typeof body._idem === 'string' && body._idem ? `form:${body._idem}` : undefined);
/** After a failed submission the form gets a new key: the next attempt is a new request. */
const withNewKey = (form: FormState): FormState => ({ ...form, values: { ...form.values, _idem: randomUUID() } });

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

export async function registrationPages(app: FastifyInstance, ctx: AppContext) {
  const showRegister = async (req: FastifyRequest, reply: FastifyReply, detail: MeetingDetail, form: FormState, status: number) =>
    sendPage(
      reply,
      RegisterPage({
        ctx: viewContext(req),
        detail,
        form,
        notices: (await renderSlot(registerFormNotices, ctx, req, { detail })).map((n) => n.part),
        parts: (await renderSlot(registerFormParts, ctx, req, { detail, form })).map((p) => p.part),
        idempotencyKey: String(form.values._idem ?? randomUUID()),
      }),
      status,
    );

  formPage(app, paths.register.pattern, {
    access: anyoneSignedIn,
    signIn: true,
    initial: async (req, reply) => {
      const actor = requireActor(req);
      const detail = await getMeeting(ctx, idOf(req));
      const mine = await registrations.findMyRegistration(ctx, actor, detail.meeting.id);
      if (mine && mine.status !== 'cancelled' && mine.status !== 'declined')
        return reply.redirect(paths.registration({ id: mine.id }), 303);
      if (!registrationWindow(detail, req.actor, ctx.clock.now()).open) {
        return sendPage(
          reply,
          MessagePage({
            ctx: viewContext(req),
            title: req.t('registration.heading'),
            message: req.t('error.registrationClosedOn', { date: formatDate(detail.deadlines.registration, req.locale) }),
            link: { href: meetingPaths.meeting({ id: detail.meeting.id }), label: req.t('meeting.backToPage') },
          }),
          409,
        );
      }
      const modes = allowedModes(detail.meeting.mode);
      return emptyForm({ mode: modes.length === 1 ? modes[0] : '', sessions: detail.sessions.map((s) => s.subgroup) });
    },
    show: async (req, reply, form, status) => showRegister(req, reply, await getMeeting(ctx, idOf(req)), form, status),
    submit: async (req, reply, body) => {
      const { registration } = await registrations.register(ctx, requireActor(req), idOf(req), registrationFromForm(body), {
        idempotencyKey: formKey(body),
      });
      return reply.redirect(paths.registration({ id: registration.id }, { done: 'registered' }), 303);
    },
    refill: withNewKey,
    passThrough: (error) => error instanceof RegistrationClosedError,
  });

  formPage(app, paths.registerOnBehalf.pattern, {
    access: byPolicy(manageRegistrations, 'secretariat'),
    initial: (req, reply) => (allowPage(req, reply, manageRegistrations, undefined) ? emptyForm() : reply),
    show: async (req, reply, form, status) => {
      const detail = await getMeeting(ctx, idOf(req));
      const idempotencyKey = String(form.values._idem ?? randomUUID());
      return sendPage(reply, RegisterOnBehalfPage({ ctx: viewContext(req), detail, form, idempotencyKey }), status);
    },
    submit: async (req, reply, body) => {
      if (!allowPage(req, reply, manageRegistrations, undefined)) return reply;
      const { registration } = await registrations.register(
        ctx,
        req.actor,
        idOf(req),
        { mode: body.mode as 'remote', sessions: many(body.sessions), consent: true },
        { onBehalfOf: String(body.onBehalfOf ?? ''), idempotencyKey: formKey(body) },
      );
      return redirectWithNotice(reply, paths.registration({ id: registration.id }), 'saved');
    },
    refill: withNewKey,
  });

  formPage(app, paths.registration.pattern, {
    access: byPolicy(useRegistration, 'owner'),
    signIn: true,
    initial: async (req) => {
      const registration = await registrations.getRegistration(ctx, req.actor, idOf(req));
      return emptyForm({ mode: registration.mode, sessions: registration.sessions });
    },
    show: async (req, reply, form, status) => {
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
          form,
          notice: noticeFrom(req),
          justRegistered: (req.query as Record<string, unknown>).done === 'registered' && registration.status !== 'cancelled',
          now: ctx.clock.now(),
        }),
        status,
      );
    },
    submit: async (req, reply, body) => {
      await registrations.changeRegistration(ctx, req.actor, idOf(req), { mode: body.mode as 'remote', sessions: many(body.sessions) });
      return redirectWithNotice(reply, paths.registration({ id: idOf(req) }), 'saved');
    },
  });

  app.post(paths.cancel.pattern, { ...hide, config: { access: byPolicy(useRegistration, 'owner') } }, async (req, reply) => {
    await registrations.cancelRegistration(ctx, req.actor, idOf(req));
    return redirectWithNotice(reply, paths.registration({ id: idOf(req) }), 'cancelled');
  });
  app.get(paths.mine.pattern, { ...hide, config: { access: anyoneSignedIn } }, async (req, reply) => {
    if (!signedIn(req, reply)) return reply;
    const [mine, token] = await Promise.all([registrations.listMyRegistrations(ctx, req.actor), calendarToken(ctx, req.actor)]);
    const items = await Promise.all(
      mine.map(async (registration) => ({
        registration,
        detail: await getMeeting(ctx, registration.meetingId),
        summary: (await renderSlot(registrationSummary, ctx, req, { registration })).map((s) => s.part),
      })),
    );
    const feed = `${ctx.config.baseUrl}${paths.calendarFeed({ file: `${token}.ics` })}`;
    return sendPage(reply, MyRegistrationsPage({ ctx: viewContext(req), items, feed, notice: noticeFrom(req) }));
  });
  app.post(paths.resetCalendar.pattern, { ...hide, config: { access: anyoneSignedIn } }, async (req, reply) => {
    if (!signedIn(req, reply, paths.mine())) return reply;
    await resetCalendarToken(ctx, req.actor);
    return redirectWithNotice(reply, paths.mine(), 'saved');
  });
  // The person's registered meetings for a calendar app, which cannot sign in: the secret is in the address.
  app.get(paths.calendarFeed.pattern, { ...hide, config: { access: bySecret } }, async (req, reply) => {
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
}
