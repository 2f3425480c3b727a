import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { byPolicy } from '../../platform/http/access.ts';
import { formPage } from '../../platform/http/form-page.ts';
import { allowPage, requireActor } from '../../platform/http/page-guard.ts';
import { documentedEnum, problems } from '../../platform/http/problem.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import { pick } from '../../platform/i18n/index.ts';
import { emptyForm, type FormState } from '../../platform/ui/forms.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { idParam, toId } from '../../platform/validation.ts';
import { membershipCategories } from '../accounts/vocabulary.ts';
import { getMeeting } from '../meetings/service.ts';
import { membershipsOf } from '../organizations/queries.ts';
import { focalPointOf } from './approval-facts.ts';
import { registerDelegate } from './delegates.ts';
import { many, type RegistrationInput } from './input.ts';
import { registrationPaths as paths } from './paths.ts';
import { manageRegistrations, seeApprovals } from './policies.ts';
import { presentRegistration, registrationResponse } from './presenter.ts';
import { listQuotas, quotaUse, setQuota } from './quotas.ts';
import { DelegatePage, QuotasPage } from './views/delegate-pages.tsx';
import { participationModes } from './vocabulary.ts';

const idOf = (req: FastifyRequest) => toId((req.params as { id: string }).id);
const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
const focalAccess = byPolicy(seeApprovals, 'focal-points');
const staffAccess = byPolicy(manageRegistrations, 'secretariat');

/** A person without an account as the form or the API gives them; nothing when only an address is given. */
function personOf(body: Record<string, unknown>) {
  const fields = {
    givenName: text(body.givenName),
    familyName: text(body.familyName),
    country: text(body.country),
    category: text(body.category),
  };
  return Object.values(fields).some(Boolean) ? fields : {};
}

/** A focal point's registration of delegates (page and API), and the secretariat's quotas per organization. */
export async function delegateRoutes(scope: FastifyInstance, ctx: AppContext) {
  const showDelegate = async (req: FastifyRequest, form: FormState, done?: string) => {
    const actor = requireActor(req);
    const detail = await getMeeting(ctx, idOf(req));
    const mine = (await membershipsOf(ctx, [actor.id])).get(actor.id);
    const organizationId = focalPointOf(mine);
    const quota =
      organizationId === null ? null : ((await quotaUse(ctx.db, detail.meeting.id, [organizationId])).get(organizationId) ?? null);
    return DelegatePage({
      ctx: viewContext(req),
      detail,
      organization: mine ? pick(mine.name, req.locale) : '',
      form,
      idempotencyKey: String(form.values._idem ?? randomUUID()),
      quota,
      done,
    });
  };
  formPage(scope, paths.delegates.pattern, {
    access: focalAccess,
    signIn: true,
    initial: async (req, reply) => {
      const mine = (await membershipsOf(ctx, [requireActor(req).id])).get(requireActor(req).id);
      if (!allowPage(req, reply, seeApprovals, { focalPointOf: focalPointOf(mine) })) return reply;
      const detail = await getMeeting(ctx, idOf(req));
      return emptyForm({ mode: detail.meeting.mode === 'in-person' ? 'in-person' : '', sessions: detail.sessions.map((s) => s.subgroup) });
    },
    show: async (req, reply, form, status) => sendPage(reply, await showDelegate(req, form), status),
    submit: async (req, reply, body) => {
      const { registration, invited } = await registerDelegate(ctx, requireActor(req), idOf(req), {
        email: body.email,
        person: personOf(body),
        registration: { mode: body.mode as 'remote', sessions: many(body.sessions), consent: true },
        idempotencyKey: typeof body._idem === 'string' && body._idem ? `delegate:${body._idem}` : undefined,
      });
      const name = String(body.givenName || body.email || '');
      const done = req.t(invited ? 'delegates.doneInvited' : 'delegates.done', { name, number: registration.number });
      const detail = await getMeeting(ctx, idOf(req));
      return sendPage(
        reply,
        await showDelegate(req, emptyForm({ mode: registration.mode, sessions: detail.sessions.map((s) => s.subgroup) }), done),
      );
    },
    refill: (form) => ({ ...form, values: { ...form.values, _idem: randomUUID() } }),
  });

  formPage(scope, paths.quotas.pattern, {
    access: staffAccess,
    initial: (req, reply) => (allowPage(req, reply, manageRegistrations, undefined) ? emptyForm() : reply),
    show: async (req, reply, form, status) => {
      const actor = requireActor(req);
      const detail = await getMeeting(ctx, idOf(req));
      const rows = await listQuotas(ctx, actor, detail.meeting.id, req.locale);
      const values = { ...Object.fromEntries(rows.map((r) => [`quota_${r.organizationId}`, r.inPersonPlaces ?? ''])), ...form.values };
      const saved = (req.query as Record<string, unknown>).saved === '1';
      return sendPage(reply, QuotasPage({ ctx: viewContext(req), detail, rows, form: { ...form, values }, saved }), status);
    },
    submit: async (req, reply, body) => {
      const actor = requireActor(req);
      const id = idOf(req);
      const rows = await listQuotas(ctx, actor, id, req.locale);
      for (const r of rows) {
        const sent = body[`quota_${r.organizationId}`];
        if (sent === undefined) continue;
        const places = String(sent).trim() === '' ? null : String(sent).trim();
        if ((places ?? null) === (r.inPersonPlaces === null ? null : String(r.inPersonPlaces))) continue;
        await setQuota(ctx, actor, id, r.organizationId, { inPersonPlaces: places as unknown as number | null }).catch((error: unknown) => {
          // The field that failed, so the form shows the error where it belongs.
          if (error instanceof Error && 'fieldErrors' in error)
            (error as { fieldErrors: { field: string }[] }).fieldErrors.forEach((f) => {
              f.field = `quota_${r.organizationId}`;
            });
          throw error;
        });
      }
      return reply.redirect(paths.quotas({ id }, { saved: '1' }), 303);
    },
  });

  const app = scope.withTypeProvider<ZodTypeProvider>();
  const tags = ['registrations'];
  const security = [{ bearer: [] }];
  app.post(
    '/api/meetings/:id/delegates',
    {
      config: { access: focalAccess },
      schema: {
        operationId: 'registerDelegate',
        tags,
        security,
        summary:
          'A focal point registers a delegate of their organization, confirmed at once (an invitation for someone without an account)',
        params: z.object({ id: idParam() }),
        headers: z.object({ 'idempotency-key': z.string().max(200).optional() }).passthrough(),
        body: z.object({
          email: z.string(),
          givenName: z.string().optional().describe('For someone without an account: needed with familyName, country and category'),
          familyName: z.string().optional(),
          country: z.string().optional().describe('ISO 3166-1 alpha-2'),
          category: documentedEnum(membershipCategories).optional(),
          mode: documentedEnum(participationModes),
          sessions: z.array(z.string()),
        }),
        response: {
          201: z.object({
            registration: registrationResponse(),
            invited: z.boolean().describe('True: an account was made and its person invited'),
          }),
          ...problems(403, 404, 409),
        },
      },
    },
    async (req, reply) => {
      const { email, mode, sessions, ...person } = req.body;
      const { registration, invited } = await registerDelegate(ctx, req.actor, req.params.id, {
        email,
        person: personOf(person),
        registration: { mode, sessions, consent: true } as RegistrationInput,
        idempotencyKey: req.headers['idempotency-key'],
      });
      return reply.code(201).send({ registration: presentRegistration(ctx, registration), invited });
    },
  );
  const Quota = z.object({
    organizationId: z.number(),
    name: z.string(),
    country: z.string(),
    inPersonPlaces: z.number().nullable().describe('Null: no quota'),
    taken: z.number().nullable().describe('In-person places its people hold or wait for; null without a quota'),
  });
  app.get(
    '/api/meetings/:id/quotas',
    {
      config: { access: staffAccess },
      schema: {
        operationId: 'listQuotas',
        tags,
        security,
        summary: 'Quotas of in-person places per organization at a meeting (the secretariat)',
        params: z.object({ id: idParam() }),
        response: { 200: z.array(Quota), ...problems(403, 404) },
      },
    },
    async (req) => listQuotas(ctx, req.actor, req.params.id, req.locale),
  );
  app.put(
    '/api/meetings/:id/quotas/:organizationId',
    {
      config: { access: staffAccess },
      schema: {
        operationId: 'setQuota',
        tags,
        security,
        summary: 'Set (or with null remove) an organization’s quota of in-person places at a meeting',
        params: z.object({ id: idParam(), organizationId: idParam() }),
        body: z.object({ inPersonPlaces: z.number().nullable() }),
        response: { 200: z.array(Quota), ...problems(403, 404) },
      },
    },
    async (req) => {
      await setQuota(ctx, req.actor, req.params.id, req.params.organizationId, req.body);
      return listQuotas(ctx, req.actor, req.params.id, req.locale);
    },
  );
}
