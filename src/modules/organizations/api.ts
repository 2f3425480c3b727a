import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { byPolicy } from '../../platform/http/access.ts';
import { documentedEnum, problems } from '../../platform/http/problem.ts';
import { pick } from '../../platform/i18n/index.ts';
import { idParam } from '../../platform/validation.ts';
import { importOrganizations } from './import.ts';
import { manageOrganizations } from './policies.ts';
import * as service from './service.ts';
import { organizationCategories } from './vocabulary.ts';

/** Organizations and their focal points, for the secretariat's API clients. */
export async function organizationApi(scope: FastifyInstance, ctx: AppContext) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const tags = ['organizations'];
  const write = { tags, security: [{ bearer: [] }] };
  const access = { access: byPolicy(manageOrganizations, 'secretariat') };
  const Localized = z.record(z.string(), z.string());
  const Summary = z.object({
    id: z.number(),
    name: z.string(),
    names: Localized,
    country: z.string().describe('ISO 3166-1 alpha-2; empty for an international organization'),
    category: z.enum(organizationCategories),
    members: z.number(),
    focalPoints: z.number(),
  });
  const Member = z.object({
    accountId: z.number(),
    email: z.string(),
    givenName: z.string(),
    familyName: z.string(),
    focalPoint: z.boolean(),
  });
  const Detail = Summary.extend({ members: z.array(Member) });
  const Body = z.object({ name: Localized, country: z.string().optional(), category: documentedEnum(organizationCategories) });
  const byId = z.object({ id: idParam() });

  const detail = (o: service.OrganizationDetail, locale: Parameters<typeof pick>[1]): z.infer<typeof Detail> => ({
    id: o.id,
    name: pick(o.name, locale),
    names: o.name,
    country: o.country,
    category: o.category,
    members: o.members,
    focalPoints: o.members.filter((m) => m.focalPoint).length,
  });

  app.get(
    '/api/organizations',
    {
      config: access,
      schema: {
        operationId: 'listOrganizations',
        ...write,
        summary: 'Organizations with their member and focal-point counts (secretariat)',
        response: { 200: z.array(Summary), ...problems(403) },
      },
    },
    async (req) => {
      const rows = await service.listOrganizations(ctx, req.actor);
      return rows.map((o) => ({
        id: o.id,
        name: pick(o.name, req.locale),
        names: o.name,
        country: o.country,
        category: o.category,
        members: o.members,
        focalPoints: o.focalPoints,
      }));
    },
  );
  app.post(
    '/api/organizations',
    {
      config: access,
      schema: {
        operationId: 'createOrganization',
        ...write,
        summary: 'Create an organization (secretariat)',
        body: Body.passthrough().describe('Its name per language (English required), country and category'),
        response: { 201: Detail, ...problems(403, 409) },
      },
    },
    async (req, reply) => {
      const created = await service.createOrganization(ctx, req.actor, req.body as service.OrganizationInput);
      return reply.code(201).send(detail(await service.getOrganization(ctx, req.actor, created.id), req.locale));
    },
  );
  app.get(
    '/api/organizations/:id',
    {
      config: access,
      schema: {
        operationId: 'getOrganization',
        ...write,
        summary: 'An organization with its members and focal points (secretariat)',
        params: byId,
        response: { 200: Detail, ...problems(403) },
      },
    },
    async (req) => detail(await service.getOrganization(ctx, req.actor, req.params.id), req.locale),
  );
  app.patch(
    '/api/organizations/:id',
    {
      config: access,
      schema: {
        operationId: 'updateOrganization',
        ...write,
        summary: 'Change an organization; fields left out keep their value (secretariat)',
        params: byId,
        body: Body.partial().passthrough(),
        response: { 200: Detail, ...problems(403, 409) },
      },
    },
    async (req) => {
      await service.updateOrganization(ctx, req.actor, req.params.id, req.body as Partial<service.OrganizationInput>);
      return detail(await service.getOrganization(ctx, req.actor, req.params.id), req.locale);
    },
  );
  app.put(
    '/api/organizations/:id/members',
    {
      config: access,
      schema: {
        operationId: 'setOrganizationMember',
        ...write,
        summary: 'Make the account of an address a member of the organization, focal point or not (secretariat)',
        description: 'An account belongs to one organization: adding it here moves it from another one. The address must have an account.',
        params: byId,
        body: z.object({ email: z.string(), focalPoint: z.boolean().optional() }),
        response: { 200: Detail, ...problems(403) },
      },
    },
    async (req) => detail(await service.setMember(ctx, req.actor, req.params.id, req.body), req.locale),
  );
  app.delete(
    '/api/organizations/:id/members/:accountId',
    {
      config: access,
      schema: {
        operationId: 'removeOrganizationMember',
        ...write,
        summary: 'Take an account out of the organization (secretariat)',
        params: byId.extend({ accountId: idParam() }),
        response: { 200: Detail, ...problems(403) },
      },
    },
    async (req) => detail(await service.removeMember(ctx, req.actor, req.params.id, req.params.accountId), req.locale),
  );
  app.post(
    '/api/organizations/import',
    {
      config: access,
      schema: {
        operationId: 'importOrganizations',
        ...write,
        summary: 'Create or update organizations and place their people from a sheet (secretariat)',
        description:
          'A header row, then one organization per row: name_en (required), name_fr, name_es, name_ru, name_zh, name_ar, country, category, ' +
          'focal_points and members (addresses of existing accounts, separated by spaces, commas or semicolons). Cells are separated by ' +
          'commas, semicolons or tabs. An organization with the same English name and country is updated. All or nothing: a 422 lists ' +
          'every wrong line and changes nothing.',
        body: z.object({ csv: z.string().describe('The sheet: at most 100,000 characters (about a thousand organizations)') }),
        response: { 200: z.object({ created: z.number(), updated: z.number(), members: z.number() }), ...problems(403) },
      },
    },
    async (req) => importOrganizations(ctx, req.actor, req.body.csv),
  );
}
