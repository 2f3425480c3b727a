import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { anyone, byPolicy } from '../../platform/http/access.ts';
import { problems } from '../../platform/http/problem.ts';
import { idParam } from '../../platform/validation.ts';
import { agendaStatuses } from '../agendas/vocabulary.ts';
import { documentPaths } from '../documents/paths.ts';
import { decisionPaths } from './paths.ts';
import { recordDecisions } from './policies.ts';
import { MAX_CONCLUSION, MAX_NOTE } from './rules.ts';
import { decisionsOfMeeting, type SessionDecisions, saveSessionDecisions, sessionDecisions } from './service.ts';
import { decisionKinds } from './vocabulary.ts';

/** The decisions per agenda item of a meeting's sessions, for API clients; documented from the schemas the routes validate with. */
export async function decisionApi(scope: FastifyInstance, ctx: AppContext) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const tags = ['decisions'];
  const base = ctx.config.baseUrl;
  const untitled = 'Empty when the group’s documents are for signed-in readers only and the caller is not';
  const Related = z.object({ number: z.string(), title: z.string().describe(untitled), url: z.string() });
  const Document = z.object({
    number: z.string(),
    title: z.string().describe(untitled),
    withdrawn: z.boolean(),
    url: z.string(),
    decision: z.enum(decisionKinds).nullable().describe('null: nothing decided yet'),
    related: Related.nullable().describe('The revision replacing it (revised), or the document it was merged into (merged)'),
    note: z.string(),
  });
  const Item = z.object({ number: z.number(), title: z.string(), conclusion: z.string(), documents: z.array(Document) });
  const Session = z.object({
    sessionId: z.number(),
    subgroup: z.string(),
    agenda: z
      .object({ version: z.number(), label: z.string(), status: z.enum(agendaStatuses) })
      .nullable()
      .describe('The latest published agenda (a draft only for those who record decisions); null when there is none'),
    items: z.array(Item),
  });
  const docUrl = (number: string) => `${base}${documentPaths.document({ number })}`;
  const present = (s: SessionDecisions): z.infer<typeof Session> => ({
    sessionId: s.session.id,
    subgroup: s.session.subgroup,
    agenda: s.agenda,
    items: s.items.map((i) => ({
      number: i.number,
      title: i.title,
      conclusion: i.conclusion,
      documents: i.documents.map((d) => ({
        number: d.number,
        title: d.title,
        withdrawn: d.withdrawn,
        url: docUrl(d.number),
        decision: d.decision,
        related: d.related ? { number: d.related.number, title: d.related.title, url: docUrl(d.related.number) } : null,
        note: d.note,
      })),
    })),
  });

  app.get(
    '/api/meetings/:id/decisions',
    {
      config: { access: anyone },
      schema: {
        operationId: 'getMeetingDecisions',
        tags,
        security: [{}, { bearer: [] }],
        summary:
          "The meeting's agenda per session with the documents allocated to each item, what was decided on each, and each item's conclusion",
        params: z.object({ id: idParam() }),
        response: {
          200: z.object({ meetingId: z.number(), url: z.string(), sessions: z.array(Session) }),
        },
      },
    },
    async (req) => {
      const all = await decisionsOfMeeting(ctx, req.actor, req.params.id);
      return {
        meetingId: all.detail.meeting.id,
        url: `${base}${decisionPaths.meeting({ id: all.detail.meeting.id })}`,
        sessions: all.sessions.map(present),
      };
    },
  );

  app.put(
    '/api/meetings/:id/sessions/:sessionId/decisions',
    {
      config: { access: byPolicy(recordDecisions, 'officers') },
      schema: {
        operationId: 'saveSessionDecisions',
        tags,
        security: [{ bearer: [] }],
        summary:
          "Record a session's decisions in one transaction: each row sets (decision null: clears) the decision on a document of the session's agenda, each conclusion (empty: clears) an item's; rows and items not sent stay as they are. Secretariat and group officers",
        params: z.object({ id: idParam(), sessionId: idParam() }),
        body: z.object({
          rows: z
            .array(
              z.object({
                document: z.string().describe('A document number allocated to the session’s agenda, e.g. FGMV-I-001'),
                decision: z.enum(decisionKinds).nullable(),
                related: z
                  .string()
                  .optional()
                  .describe(
                    'For revised: the number of the revision; for merged: the document it was merged into (same meeting, not itself)',
                  ),
                note: z.string().optional().describe(`At most ${MAX_NOTE} characters`),
              }),
            )
            .optional(),
          conclusions: z
            .array(
              z.object({ item: z.number().int().min(1), text: z.string().describe(`At most ${MAX_CONCLUSION} characters; empty clears`) }),
            )
            .optional()
            .describe('By item number in the session’s agenda'),
        }),
        response: { 200: Session, ...problems(403) },
      },
    },
    async (req) => {
      await saveSessionDecisions(ctx, req.actor, req.params.id, req.params.sessionId, req.body);
      return present((await sessionDecisions(ctx, req.actor, req.params.id, req.params.sessionId)).session);
    },
  );
}
