import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { anyone, byPolicy } from '../../platform/http/access.ts';
import { requireActor } from '../../platform/http/page-guard.ts';
import { problems } from '../../platform/http/problem.ts';
import { locales } from '../../platform/i18n/index.ts';
import { idParam } from '../../platform/validation.ts';
import { getMeeting } from '../meetings/service.ts';
import { circularPaths as paths } from './paths.ts';
import { manageCirculars } from './policies.ts';
import * as circulars from './service.ts';
import { addresseeKeys, copyToKeys } from './vocabulary.ts';

/** A meeting's circulars for API clients: the issued versions, and issuing the next. */
export async function circularApi(scope: FastifyInstance, ctx: AppContext) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const tags = ['circulars'];
  const Version = z.object({
    id: z.number(),
    number: z.number(),
    version: z.number(),
    corrigendum: z.number().nullable().describe('null for the circular itself, 1 for its first corrigendum, …'),
    initials: z.string(),
    issuedOn: z.string(),
    html: z.record(z.string(), z.string()).describe('Page URL per language'),
    pdf: z.record(z.string(), z.string()).describe('PDF URL per language'),
  });
  const toVersion = (meetingId: number, row: circulars.CircularRow) => {
    const base = ctx.config.baseUrl.replace(/\/$/, '');
    return {
      id: row.id,
      number: row.number,
      version: row.version,
      corrigendum: row.version > 1 ? row.version - 1 : null,
      initials: row.initials,
      issuedOn: row.issuedOn,
      html: Object.fromEntries(locales.map((l) => [l, `${base}${paths.circular({ id: meetingId }, { lang: l, version: row.version })}`])),
      pdf: Object.fromEntries(locales.map((l) => [l, `${base}${paths.pdf({ id: meetingId }, { lang: l, version: row.version })}`])),
    };
  };
  app.get(
    '/api/meetings/:id/circulars',
    {
      config: { access: anyone },
      schema: {
        operationId: 'listCirculars',
        tags,
        summary: 'Issued versions of the meeting’s invitation circular (the circular, then its corrigenda)',
        params: z.object({ id: idParam() }),
        response: { 200: z.object({ versions: z.array(Version) }) },
      },
    },
    async (req) => {
      await getMeeting(ctx, req.params.id);
      const rows = await circulars.listCirculars(ctx, req.params.id);
      return { versions: rows.map((r) => toVersion(req.params.id, r)) };
    },
  );
  app.post(
    '/api/meetings/:id/circulars',
    {
      config: { access: byPolicy(manageCirculars, 'secretariat') },
      schema: {
        operationId: 'issueCircular',
        tags,
        security: [{ bearer: [] }],
        summary: 'Issue the circular, or a corrigendum when one was issued (secretariat)',
        description:
          'Captures the meeting’s data as it is now; the issued version never changes. A corrigendum that would change nothing is refused (409 circular-unchanged).',
        params: z.object({ id: idParam() }),
        body: z.object({
          initials: z.string().max(40).optional(),
          issuedOn: z.string().optional().describe('YYYY-MM-DD; today in the meeting’s time zone when omitted'),
          addressees: z.array(z.enum(addresseeKeys)).optional(),
          copyTo: z.array(z.enum(copyToKeys)).optional(),
        }),
        response: { 201: Version, ...problems(403, 409) },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const row = await circulars.issueCircular(ctx, actor, req.params.id, req.body);
      return reply.code(201).send(toVersion(req.params.id, row));
    },
  );
}
