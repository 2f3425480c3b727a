import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { byPolicy } from '../../platform/http/access.ts';
import { documentedEnum, problems } from '../../platform/http/problem.ts';
import { idParam } from '../../platform/validation.ts';
import { documentPaths } from '../documents/paths.ts';
import { readDocuments } from '../documents/policies.ts';
import { liaisonPaths } from './paths.ts';
import { manageLiaisons } from './policies.ts';
import * as service from './service.ts';
import { liaisonDirections, liaisonPurposes, liaisonStatuses } from './vocabulary.ts';

/** A group's liaison statements for API clients: its register, one statement, registering and changing them. */
export async function liaisonApi(scope: FastifyInstance, ctx: AppContext) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const tags = ['liaisons'];
  const base = ctx.config.baseUrl.replace(/\/$/, '');
  const Liaison = z.object({
    id: z.number(),
    group: z.string(),
    direction: documentedEnum(liaisonDirections),
    fromBody: z.string(),
    toBody: z.string(),
    title: z.string(),
    purpose: documentedEnum(liaisonPurposes),
    replyDeadline: z.string().nullable().describe('YYYY-MM-DD; set for a statement for action'),
    status: documentedEnum(liaisonStatuses).describe('replied once a statement names it in replyTo'),
    contact: z.object({ name: z.string(), email: z.string() }),
    meetingId: z.number().nullable(),
    document: z.string().nullable().describe('The number of its document (type LS, or the output document it was made from)'),
    documentUrl: z.string().nullable(),
    replyTo: z.number().nullable(),
    replies: z.array(z.number()),
    url: z.string(),
  });
  const present = (ls: service.LiaisonView): z.infer<typeof Liaison> => ({
    id: ls.id,
    group: ls.groupCode,
    direction: ls.direction,
    fromBody: ls.fromBody,
    toBody: ls.toBody,
    title: ls.title,
    purpose: ls.purpose,
    replyDeadline: ls.replyDeadline,
    status: ls.status,
    contact: { name: ls.contactName, email: ls.contactEmail },
    meetingId: ls.meetingId,
    document: ls.documentNumber,
    documentUrl: ls.documentNumber ? `${base}${documentPaths.document({ number: ls.documentNumber })}` : null,
    replyTo: ls.replyToId,
    replies: ls.replies.map((r) => r.id),
    url: `${base}${liaisonPaths.liaison({ id: ls.id })}`,
  });
  const fields = {
    direction: z.enum(liaisonDirections),
    fromBody: z.string().max(200),
    toBody: z.string().max(200),
    title: z.string().max(300),
    purpose: z.enum(liaisonPurposes),
    replyDeadline: z.string().nullable().optional().describe('YYYY-MM-DD; required when the purpose is action'),
    contactName: z.string().max(200).optional(),
    contactEmail: z.string().max(254).optional(),
    meetingId: z.number().int().nullable().optional().describe('The meeting of the group that handles it'),
    documentNumber: z
      .string()
      .max(40)
      .nullable()
      .optional()
      .describe('An existing document of the group: an LS, or the output document (O) an outgoing statement is made from'),
    replyTo: z.number().int().nullable().optional().describe('The id of the statement this one answers (of the other direction)'),
  };

  app.get(
    '/api/groups/:code/liaisons',
    {
      config: { access: byPolicy(readDocuments, 'readers') },
      schema: {
        operationId: 'listLiaisons',
        tags,
        security: [{}, { bearer: [] }],
        summary: "The group's register of liaison statements, the latest first",
        description: 'Readable by whoever may read the group’s documents (401 when those are for signed-in accounts only).',
        params: z.object({ code: z.string() }),
        response: { 200: z.object({ liaisons: z.array(Liaison) }), ...problems(401) },
      },
    },
    async (req) => {
      const { rows } = await service.listLiaisons(ctx, req.actor, req.params.code);
      return { liaisons: rows.map(present) };
    },
  );
  app.post(
    '/api/groups/:code/liaisons',
    {
      config: { access: byPolicy(manageLiaisons, 'officers') },
      schema: {
        operationId: 'createLiaison',
        tags,
        security: [{ bearer: [] }],
        summary: 'Register a liaison statement of the group (secretariat, group officers)',
        description:
          'The statement’s text is an existing document named by documentNumber (submit an LS document first with submitDocument), or none yet. A document already used by another statement is refused (409).',
        params: z.object({ code: z.string() }),
        body: z.object(fields),
        response: { 201: Liaison, ...problems(403, 409) },
      },
    },
    async (req, reply) => {
      const row = await service.createLiaison(ctx, req.actor, req.params.code, req.body as service.LiaisonInput);
      return reply.code(201).send(present((await service.getLiaison(ctx, req.actor, row.id)).ls));
    },
  );
  app.get(
    '/api/liaisons/:id',
    {
      config: { access: byPolicy(readDocuments, 'readers') },
      schema: {
        operationId: 'getLiaison',
        tags,
        security: [{}, { bearer: [] }],
        summary: 'One liaison statement, with the statements that reply to it',
        params: z.object({ id: idParam() }),
        response: { 200: Liaison, ...problems(401) },
      },
    },
    async (req) => present((await service.getLiaison(ctx, req.actor, req.params.id)).ls),
  );
  app.patch(
    '/api/liaisons/:id',
    {
      config: { access: byPolicy(manageLiaisons, 'officers') },
      schema: {
        operationId: 'updateLiaison',
        tags,
        security: [{ bearer: [] }],
        summary: 'Change a liaison statement (secretariat, group officers)',
        description: 'The fields sent replace the statement’s own; null clears an optional one.',
        params: z.object({ id: idParam() }),
        body: z.object(fields).partial(),
        response: { 200: Liaison, ...problems(403, 409) },
      },
    },
    async (req) => {
      await service.updateLiaison(ctx, req.actor, req.params.id, req.body as Partial<service.LiaisonInput>);
      return present((await service.getLiaison(ctx, req.actor, req.params.id)).ls);
    },
  );
}
