import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { byPolicy } from '../../platform/http/access.ts';
import { documentedEnum, problems } from '../../platform/http/problem.ts';
import { idParam } from '../../platform/validation.ts';
import { membershipCategories } from '../accounts/vocabulary.ts';
import { useRegistration } from '../registrations/policies.ts';
import { presentRegistration, registrationResponse } from '../registrations/presenter.ts';
import { addPart } from '../registrations/service.ts';
import { manageVisas } from './policies.ts';
import { documentedVisaRequest, visaPart } from './registration-part.ts';
import * as visas from './service.ts';
import { visaStatuses } from './vocabulary.ts';

/** Visa support for API clients: asking for it on one's registration, and the secretariat's queue and decisions. */
export async function visaApi(scope: FastifyInstance, ctx: AppContext) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
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
