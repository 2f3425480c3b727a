import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { anyone, byPolicy } from '../../platform/http/access.ts';
import { documentedEnum, problems } from '../../platform/http/problem.ts';
import { pick } from '../../platform/i18n/index.ts';
import { idParam } from '../../platform/validation.ts';
import { groupPaths } from './paths.ts';
import { manageGroups } from './policies.ts';
import * as groups from './service.ts';
import { documentAccessLevels, groupStatuses, officerRoles, registrationApprovals, subgroupKinds } from './vocabulary.ts';

/** Groups, their subgroups and officers, and bureaus, for API clients; documented from the schemas the routes validate with. */
export async function groupApi(scope: FastifyInstance, ctx: AppContext) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const Subgroup = z.object({
    id: z.number(),
    kind: z.enum(subgroupKinds),
    number: z.number().nullable(),
    label: z.string(),
    title: z.string(),
    titles: z.record(z.string(), z.string()),
  });
  const Officer = z.object({
    id: z.number(),
    role: z.enum(officerRoles),
    title: z.string(),
    name: z.string(),
    affiliation: z.string(),
    country: z.string(),
    from: z.string().nullable(),
    until: z.string().nullable(),
  });
  const GroupSummary = z.object({
    code: z.string(),
    name: z.string(),
    names: z.record(z.string(), z.string()),
    status: z.enum(groupStatuses),
    url: z.string(),
  });
  const Group = GroupSummary.extend({
    parentBody: z.string(),
    establishedOn: z.string().nullable(),
    establishedBy: z.record(z.string(), z.string()),
    mandate: z.string(),
    documentPrefix: z.string(),
    documentAccess: z.enum(documentAccessLevels),
    registrationApproval: z.enum(registrationApprovals),
    contributionEmail: z.string(),
    contact: z.object({ email: z.string(), tel: z.string(), fax: z.string() }),
    deadlineRules: z.object({ visaSupportDays: z.number(), registrationDays: z.number(), contributionsDays: z.number() }),
    subgroups: z.array(Subgroup),
    officers: z.array(Officer),
  });
  const summary = (g: groups.GroupRow, locale: FastifyRequest['locale']) => ({
    code: g.code,
    name: pick(g.name, locale),
    names: g.name,
    status: g.status,
    url: `${ctx.config.baseUrl}${groupPaths.group({ code: g.code.toLowerCase() })}`,
  });
  const present = (g: groups.GroupDetail, locale: FastifyRequest['locale']): z.infer<typeof Group> => ({
    ...summary(g, locale),
    parentBody: g.parentBody,
    establishedOn: g.establishedOn,
    establishedBy: g.establishedBy,
    mandate: pick(g.mandate, locale),
    documentPrefix: g.documentPrefix,
    documentAccess: g.documentAccess,
    registrationApproval: g.registrationApproval,
    contributionEmail: g.contributionEmail,
    contact: { email: g.contactEmail, tel: g.contactTel, fax: g.contactFax },
    deadlineRules: g.deadlineRules,
    subgroups: g.subgroups.map((s) => ({
      id: s.id,
      kind: s.kind,
      number: s.number,
      label: groups.subgroupLabel(s),
      title: pick(s.title, locale),
      titles: s.title,
    })),
    officers: g.officers.map((o) => ({
      id: o.id,
      role: o.role,
      title: o.title,
      name: o.name,
      affiliation: o.affiliation,
      country: o.country,
      from: o.fromDate,
      until: o.untilDate,
    })),
  });
  const tags = ['groups'];
  const write = { tags, security: [{ bearer: [] }] };
  const Localized = z.record(z.string(), z.string());
  const GroupBody = z.object({
    code: z.string(),
    name: Localized,
    mandate: Localized.optional(),
    parentBody: z.string().optional(),
    establishedOn: z.string().optional(),
    establishedBy: Localized.optional().describe('Who created the group, as the circular says it, per language'),
    bureau: z.string().optional().describe('Code of the bureau issuing the group’s circulars, e.g. TSB'),
    status: documentedEnum(groupStatuses).optional(),
    documentPrefix: z.string().optional(),
    contactEmail: z.string().optional(),
    contributionEmail: z.string().optional().describe('Where contributions may be mailed (the inbound listener, --smtp-in)'),
    documentAccess: z.enum(documentAccessLevels).optional().describe('Who may read and download documents'),
    registrationApproval: z
      .enum(registrationApprovals)
      .optional()
      .describe('Whether registrations (but non-member experts’) wait for a focal point of the person’s organization'),
    contactTel: z.string().optional(),
    contactFax: z.string().optional(),
    deadlineRules: z.object({ visaSupportDays: z.number(), registrationDays: z.number(), contributionsDays: z.number() }).optional(),
  });

  const Bureau = z.object({
    code: z.string(),
    name: Localized,
    abbreviation: Localized,
    organization: Localized,
    city: Localized,
    premises: Localized,
    nextCircularNumber: z.number(),
  });
  const presentBureau = (b: Awaited<ReturnType<typeof groups.listBureaus>>[number]) => ({
    code: b.code,
    name: b.name,
    abbreviation: b.abbreviation,
    organization: b.organization,
    city: b.city,
    premises: b.premises,
    nextCircularNumber: b.nextCircularNumber,
  });
  app.get(
    '/api/bureaus',
    {
      config: { access: anyone },
      schema: { operationId: 'listBureaus', tags, summary: 'Bureaus that issue circulars', response: { 200: z.array(Bureau) } },
    },
    async () => (await groups.listBureaus(ctx)).map(presentBureau),
  );
  app.put(
    '/api/bureaus/:code',
    {
      config: { access: byPolicy(manageGroups, 'secretariat') },
      schema: {
        operationId: 'saveBureau',
        ...write,
        summary: 'Create or change a bureau: its names per language and the number of its next circular (secretariat)',
        params: z.object({ code: z.string() }),
        body: Bureau.partial()
          .omit({ code: true })
          .describe('Fields left out keep their value; a new bureau needs at least its name in English'),
        response: { 200: Bureau, ...problems(403, 409) },
      },
    },
    async (req) => presentBureau(await groups.saveBureau(ctx, req.actor, { ...req.body, code: req.params.code } as groups.BureauInput)),
  );

  app.get(
    '/api/groups',
    {
      config: { access: anyone },
      schema: { operationId: 'listGroups', tags, summary: 'All groups', response: { 200: z.array(GroupSummary) } },
    },
    async (req) => (await groups.listGroups(ctx)).map((g) => summary(g, req.locale)),
  );
  app.get(
    '/api/groups/:code',
    {
      config: { access: anyone },
      schema: {
        operationId: 'getGroup',
        tags,
        summary: 'A group with its structure and officers (code is case-insensitive)',
        params: z.object({ code: z.string() }),
        response: { 200: Group },
      },
    },
    async (req) => present(await groups.getGroup(ctx, req.params.code), req.locale),
  );
  app.post(
    '/api/groups',
    {
      config: { access: byPolicy(manageGroups, 'secretariat') },
      schema: {
        operationId: 'createGroup',
        ...write,
        summary: 'Create a group (secretariat)',
        body: GroupBody.passthrough(),
        response: { 201: Group, ...problems(403, 409) },
      },
    },
    async (req, reply) => {
      const created = await groups.createGroup(ctx, req.actor, req.body as groups.GroupInput);
      return reply.code(201).send(present(await groups.getGroup(ctx, created.code), req.locale));
    },
  );
  app.patch(
    '/api/groups/:code',
    {
      config: { access: byPolicy(manageGroups, 'secretariat') },
      schema: {
        operationId: 'updateGroup',
        ...write,
        summary: 'Change a group (secretariat)',
        params: z.object({ code: z.string() }),
        body: GroupBody.partial().passthrough(),
        response: { 200: Group, ...problems(403, 409) },
      },
    },
    async (req) => {
      const updated = await groups.updateGroup(ctx, req.actor, req.params.code, req.body as Partial<groups.GroupInput>);
      return present(await groups.getGroup(ctx, updated.code), req.locale);
    },
  );
  app.post(
    '/api/groups/:code/subgroups',
    {
      config: { access: byPolicy(manageGroups, 'secretariat') },
      schema: {
        operationId: 'addSubgroup',
        ...write,
        summary: 'Add a subgroup (secretariat)',
        params: z.object({ code: z.string() }),
        body: z.object({ kind: documentedEnum(subgroupKinds), number: z.number().nullable().optional(), title: Localized }),
        response: { 201: Subgroup, ...problems(403, 409) },
      },
    },
    async (req, reply) => {
      const s = await groups.saveSubgroup(ctx, req.actor, req.params.code, req.body as groups.SubgroupInput);
      return reply.code(201).send({
        id: s.id,
        kind: s.kind,
        number: s.number,
        label: groups.subgroupLabel(s),
        title: pick(s.title, req.locale),
        titles: s.title,
      });
    },
  );
  app.post(
    '/api/groups/:code/officers',
    {
      config: { access: byPolicy(manageGroups, 'secretariat') },
      schema: {
        operationId: 'addOfficer',
        ...write,
        summary: 'Add an officer (secretariat)',
        params: z.object({ code: z.string() }),
        body: z.object({
          role: documentedEnum(officerRoles),
          name: z.string(),
          title: z.string().optional(),
          affiliation: z.string().optional(),
          country: z.string().optional(),
          accountEmail: z.string().optional(),
          fromDate: z.string().optional(),
          untilDate: z.string().optional(),
          position: z.number().optional(),
        }),
        response: { 201: Officer, ...problems(403, 409) },
      },
    },
    async (req, reply) => {
      const o = await groups.saveOfficer(ctx, req.actor, req.params.code, req.body as groups.OfficerInput);
      return reply.code(201).send({
        id: o.id,
        role: o.role,
        title: o.title,
        name: o.name,
        affiliation: o.affiliation,
        country: o.country,
        from: o.fromDate,
        until: o.untilDate,
      });
    },
  );
  app.delete(
    '/api/groups/:code/subgroups/:id',
    {
      config: { access: byPolicy(manageGroups, 'secretariat') },
      schema: {
        operationId: 'deleteSubgroup',
        ...write,
        summary: 'Remove a subgroup without meetings (secretariat)',
        params: z.object({ code: z.string(), id: idParam() }),
        response: { 204: z.null().describe('No content'), ...problems(403, 409) },
      },
    },
    async (req, reply) => {
      await groups.deleteSubgroup(ctx, req.actor, req.params.code, req.params.id);
      return reply.code(204).send(null);
    },
  );
  app.delete(
    '/api/groups/:code/officers/:id',
    {
      config: { access: byPolicy(manageGroups, 'secretariat') },
      schema: {
        operationId: 'deleteOfficer',
        ...write,
        summary: 'Remove an officer (secretariat)',
        params: z.object({ code: z.string(), id: idParam() }),
        response: { 204: z.null().describe('No content'), ...problems(403) },
      },
    },
    async (req, reply) => {
      await groups.deleteOfficer(ctx, req.actor, req.params.code, req.params.id);
      return reply.code(204).send(null);
    },
  );
}
