import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { isCountryCode } from '../../../platform/countries.ts';
import { UnauthenticatedError } from '../../../platform/errors.ts';
import { byPolicy } from '../../../platform/http/access.ts';
import { sendPrivateFile } from '../../../platform/http/downloads.ts';
import { allowPage } from '../../../platform/http/page-guard.ts';
import { documentedEnum, problems } from '../../../platform/http/problem.ts';
import { viewContext } from '../../../platform/http/request-context.ts';
import { sendPage } from '../../../platform/ui/render.ts';
import { countryCode, idParam, oneOf, toId } from '../../../platform/validation.ts';
import { isOneOf } from '../../../platform/vocabulary.ts';
import { membershipCategories } from '../../accounts/vocabulary.ts';
import { getMeeting } from '../../meetings/service.ts';
import { manageRegistrations, seeParticipants } from '../policies.ts';
import { participationModes, registrationStatuses } from '../vocabulary.ts';
import {
  type ConsoleFilters,
  type ExportFormat,
  exportRegistrations,
  listRegistrationsForConsole,
  partColumns,
  participantList,
  registrationCounts,
} from './service.ts';
import { ParticipantListPage, RegistrationConsolePage } from './views.tsx';

const hide = { schema: { hide: true } };
const idOf = (req: FastifyRequest) => toId((req.params as { id: string }).id);

const contentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Filters of the page and its downloads: a choice the form does not offer is ignored, not an error. */
function filtersFromQuery(query: unknown): ConsoleFilters {
  const params = (query ?? {}) as Record<string, unknown>;
  const text = (name: string) => (typeof params[name] === 'string' ? params[name].trim() : '');
  const choice = <T extends string>(name: string, allowed: readonly T[]) => {
    const value = text(name);
    return isOneOf(allowed, value) ? value : undefined;
  };
  const country = text('country').toUpperCase();
  return {
    q: text('q').slice(0, 200) || undefined,
    mode: choice('mode', participationModes),
    status: choice('status', registrationStatuses),
    country: isCountryCode(country) ? country : undefined,
    category: choice('category', membershipCategories),
  };
}

export async function registrationConsoleRoutes(scope: FastifyInstance, ctx: AppContext) {
  const app = scope.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/console/meetings/:id/registrations',
    { ...hide, config: { access: byPolicy(manageRegistrations, 'secretariat') } },
    async (req, reply) => {
      if (!allowPage(req, reply, manageRegistrations, undefined)) return reply;
      const detail = await getMeeting(ctx, idOf(req));
      const filters = filtersFromQuery(req.query);
      const rows = await listRegistrationsForConsole(ctx, req.actor, detail.meeting.id, filters);
      const counts = await registrationCounts(ctx, req.actor, detail.meeting.id);
      return sendPage(reply, RegistrationConsolePage({ ctx: viewContext(req), detail, filters, rows, counts }));
    },
  );

  const download = (format: ExportFormat) => async (req: FastifyRequest, reply: FastifyReply) => {
    if (!allowPage(req, reply, manageRegistrations, undefined)) return reply;
    const id = idOf(req);
    const body = await exportRegistrations(ctx, req.actor, id, filtersFromQuery(req.query), format, req.locale);
    return sendPrivateFile(
      reply,
      typeof body === 'string' ? body : Buffer.from(body),
      contentTypes[format],
      `registrations-${id}.${format}`,
    );
  };
  app.get(
    '/console/meetings/:id/registrations.csv',
    { ...hide, config: { access: byPolicy(manageRegistrations, 'secretariat') } },
    download('csv'),
  );
  app.get(
    '/console/meetings/:id/registrations.xlsx',
    { ...hide, config: { access: byPolicy(manageRegistrations, 'secretariat') } },
    download('xlsx'),
  );

  app.get('/meetings/:id/participants', { ...hide, config: { access: byPolicy(seeParticipants, 'readers') } }, async (req, reply) => {
    const detail = await getMeeting(ctx, idOf(req));
    try {
      const participants = await participantList(ctx, req.actor, detail.meeting.id);
      return sendPage(reply, ParticipantListPage({ ctx: viewContext(req), detail, participants }));
    } catch (error) {
      if (error instanceof UnauthenticatedError) return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
      throw error;
    }
  });

  // ---- API
  const tags = ['registrations'];
  const security = [{ bearer: [] }];
  const params = z.object({ id: idParam() });
  const Filters = z.object({
    q: z.string().trim().max(200).optional().describe('Matches name, e-mail, organization or registration number'),
    mode: oneOf(participationModes).optional(),
    status: oneOf(registrationStatuses).optional(),
    country: countryCode().optional().describe('ISO 3166 alpha-2'),
    category: oneOf(membershipCategories).optional(),
  });
  const Row = z.object({
    id: z.number(),
    number: z.string(),
    status: documentedEnum(registrationStatuses),
    mode: documentedEnum(participationModes),
    sessions: z.array(z.string()),
    title: z.string(),
    givenName: z.string(),
    familyName: z.string(),
    organization: z.string(),
    country: z.string(),
    category: documentedEnum(membershipCategories),
    email: z.string(),
    createdAt: z.string(),
    ...Object.fromEntries(partColumns().map(({ column }) => [column.field, column.documented])),
    url: z.string(),
  });
  const Tallies = z.array(z.object({ key: z.string(), count: z.number() }));
  const Stats = z.object({ active: z.number(), byStatus: Tallies, byMode: Tallies, byCountry: Tallies, byCategory: Tallies });

  app.get(
    '/api/meetings/:id/registrations',
    {
      config: { access: byPolicy(manageRegistrations, 'secretariat') },
      schema: {
        operationId: 'listMeetingRegistrations',
        tags,
        security,
        summary: "A meeting's registrations, by family name (secretariat)",
        params,
        querystring: Filters,
        response: { 200: z.array(Row), ...problems(403) },
      },
    },
    async (req) =>
      (await listRegistrationsForConsole(ctx, req.actor, req.params.id, req.query)).map(({ partColumns: columns, ...r }) => ({
        ...r,
        ...columns,
        createdAt: r.createdAt.toISOString(),
        url: `${ctx.config.baseUrl}/registrations/${r.id}`,
      })),
  );
  app.get(
    '/api/meetings/:id/registrations/stats',
    {
      config: { access: byPolicy(manageRegistrations, 'secretariat') },
      schema: {
        operationId: 'getRegistrationStats',
        tags,
        security,
        summary: 'Registration counts by status, and by mode, country and category without cancellations (secretariat)',
        params,
        response: { 200: Stats, ...problems(403) },
      },
    },
    async (req) => registrationCounts(ctx, req.actor, req.params.id),
  );
}
