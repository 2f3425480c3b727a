import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { anyoneSignedIn, byPolicy } from '../../platform/http/access.ts';
import { documentedEnum, problems } from '../../platform/http/problem.ts';
import { idParam } from '../../platform/validation.ts';
import { completeAuthentication } from '../accounts/authenticate.ts';
import type { RegistrationInput } from './input.ts';
import { registerWithApiToken } from './one-statement.ts';
import { partsOfRegistrations } from './parts.ts';
import { useRegistration } from './policies.ts';
import { presentRegistration, registrationResponse } from './presenter.ts';
import * as registrations from './service.ts';
import type { RegistrationView } from './view.ts';
import { participationModes } from './vocabulary.ts';

/** Registering and one's registrations, for API clients; documented from the schemas the routes validate with. */
export async function registrationApi(scope: FastifyInstance, ctx: AppContext) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
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
