import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { byPolicy } from '../../../platform/http/access.ts';
import { documentedEnum, problems } from '../../../platform/http/problem.ts';
import { countryCode, idParam, oneOf } from '../../../platform/validation.ts';
import { membershipCategories } from '../../accounts/vocabulary.ts';
import { registrationPaths } from '../paths.ts';
import { manageRegistrations } from '../policies.ts';
import { participationModes, registrationStatuses } from '../vocabulary.ts';
import { listRegistrationsForConsole, partColumns, registrationCounts } from './service.ts';

/** A meeting's registrations and their counts, for the secretariat's API clients. */
export async function registrationConsoleApi(scope: FastifyInstance, ctx: AppContext) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
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
        url: `${ctx.config.baseUrl}${registrationPaths.registration({ id: r.id })}`,
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
