import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { byPolicy } from '../../platform/http/access.ts';
import { requireActor } from '../../platform/http/page-guard.ts';
import { problems } from '../../platform/http/problem.ts';
import { getProfile } from './own-profile.ts';
import { useOwnAccount } from './policies.ts';
import * as privacy from './privacy.ts';

/** The signed-in account and its data, for API clients. */
export async function accountApi(scope: FastifyInstance, ctx: AppContext) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const Me = z.object({
    id: z.number(),
    email: z.string(),
    title: z.string(),
    givenName: z.string(),
    familyName: z.string(),
    organization: z.string(),
    country: z.string(),
    category: z.string(),
    role: z.string(),
    emailVerified: z.boolean(),
  });
  app.get(
    '/api/me',
    {
      config: { access: byPolicy(useOwnAccount, 'signed-in') },
      schema: {
        operationId: 'getMe',
        tags: ['accounts'],
        summary: 'The signed-in account',
        security: [{ bearer: [] }],
        response: { 200: Me },
      },
    },
    async (req) => {
      const profile = await getProfile(ctx, requireActor(req));
      return { ...profile, emailVerified: profile.emailVerifiedAt !== null };
    },
  );
  const Rows = z.array(z.record(z.string(), z.unknown()));
  const MyData = z
    .object({
      exportedAt: z.string(),
      account: z.record(z.string(), z.unknown()).describe('The profile (without the password hash)'),
      apiTokens: Rows.describe('Name and dates of each token, never the token'),
      twoFactor: z.unknown().describe('Whether two-factor authentication is on, and since when'),
      registrations: Rows.optional().describe('Each registration with its meeting title and visa request (passport details included)'),
      mailingLists: Rows.optional().describe('Subscriptions of the account’s address'),
    })
    .catchall(z.unknown())
    .describe('What convene holds about the account: the account’s own parts, then each module’s');
  app.get(
    '/api/me/export',
    {
      config: { access: byPolicy(useOwnAccount, 'signed-in') },
      schema: {
        operationId: 'exportMyData',
        tags: ['accounts'],
        summary: 'Everything convene holds about me (JSON)',
        security: [{ bearer: [] }],
        response: { 200: MyData },
      },
    },
    async (req) => privacy.exportMyData(ctx, req.actor),
  );
  app.delete(
    '/api/me',
    {
      config: { access: byPolicy(useOwnAccount, 'signed-in') },
      schema: {
        operationId: 'deleteMyAccount',
        tags: ['accounts'],
        summary: 'Delete my account and my data (password required)',
        security: [{ bearer: [] }],
        body: z.object({ password: z.string() }),
        response: { 204: z.null().describe('No content'), ...problems(429) },
      },
    },
    async (req, reply) => {
      await privacy.deleteMyAccount(ctx, req.actor, req.body, req.ip);
      return reply.code(204).send(null);
    },
  );
}
