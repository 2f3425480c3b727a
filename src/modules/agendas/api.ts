import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { anyone, byPolicy } from '../../platform/http/access.ts';
import { problems } from '../../platform/http/problem.ts';
import { idParam, MAX_ID, wholeNumber } from '../../platform/validation.ts';
import { agendaPaths } from './paths.ts';
import { editAgenda } from './policies.ts';
import * as agendas from './service.ts';
import { agendaStatuses } from './vocabulary.ts';

/** Sessions' agendas, for API clients; documented from the schemas the routes validate with. */
export async function agendaApi(scope: FastifyInstance, ctx: AppContext) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const tags = ['agendas'];
  const base = ctx.config.baseUrl;
  const Document = z.object({
    number: z.string(),
    title: z.string().describe('Empty when the group’s documents are for signed-in readers only and the caller is not'),
    withdrawn: z.boolean(),
    url: z.string(),
  });
  const Item = z.object({ number: z.number(), title: z.string(), description: z.string(), documents: z.array(Document) });
  const Agenda = z.object({
    sessionId: z.number(),
    meetingId: z.number(),
    group: z.string(),
    subgroup: z.string(),
    version: z.number(),
    label: z.string().describe('"" for the first version, "Rev.N" for version N+1'),
    status: z.enum(agendaStatuses),
    publishedAt: z.string().nullable(),
    url: z.string(),
    items: z.array(Item),
    versions: z
      .array(z.object({ version: z.number(), label: z.string(), publishedAt: z.string(), url: z.string() }))
      .describe('Every published version, newest first'),
  });
  const Params = z.object({ id: idParam() });
  const present = (view: agendas.AgendaView): z.infer<typeof Agenda> => {
    const shown = view.shown;
    if (!shown) throw new NotFoundError();
    const id = view.session.id;
    const page = `${base}${agendaPaths.agenda({ id })}`;
    return {
      sessionId: view.session.id,
      meetingId: view.session.meetingId,
      group: view.session.groupCode,
      subgroup: view.session.subgroup,
      version: shown.version,
      label: shown.label,
      status: shown.status,
      publishedAt: shown.publishedAt?.toISOString() ?? null,
      url: shown.status === 'published' ? `${base}${agendaPaths.agenda({ id }, { version: shown.version })}` : page,
      items: shown.items.map((i) => ({
        ...i,
        documents: i.documents.map((d) => ({
          number: d.number,
          title: d.title,
          withdrawn: d.withdrawn,
          url: `${base}/documents/${d.number}`,
        })),
      })),
      versions: view.published.map((v) => ({
        version: v.version,
        label: v.label,
        publishedAt: v.publishedAt.toISOString(),
        url: `${base}${agendaPaths.agenda({ id }, { version: v.version })}`,
      })),
    };
  };

  app.get(
    '/api/sessions/:id/agenda',
    {
      config: { access: anyone },
      schema: {
        operationId: 'getAgenda',
        tags,
        security: [{}, { bearer: [] }],
        summary:
          "A session's agenda: the latest published version, a given one (?version=N), or the draft (?draft=1, secretariat and group officers)",
        params: Params,
        querystring: z.object({ version: wholeNumber(1, MAX_ID).optional(), draft: z.enum(['0', '1', 'true', 'false']).optional() }),
        response: { 200: Agenda, ...problems(401, 403) },
      },
    },
    async (req) => {
      const draft = req.query.draft === '1' || req.query.draft === 'true';
      return present(await agendas.getAgenda(ctx, req.actor, req.params.id, draft ? { draft } : { version: req.query.version }));
    },
  );
  app.put(
    '/api/sessions/:id/agenda/draft',
    {
      config: { access: byPolicy(editAgenda, 'officers') },
      schema: {
        operationId: 'saveAgendaDraft',
        tags,
        security: [{ bearer: [] }],
        summary: 'Replace the draft agenda’s items (created from nothing on the first edit); secretariat and group officers',
        params: Params,
        body: z.object({
          items: z.array(
            z.object({
              title: z.string(),
              description: z.string().optional(),
              documents: z.array(z.string()).optional().describe('Document numbers of the same meeting, e.g. FGMV-I-001'),
            }),
          ),
        }),
        response: { 200: Agenda, ...problems(403, 409) },
      },
    },
    async (req) => {
      const row = await agendas.saveDraft(ctx, req.actor, req.params.id, req.body);
      return present(await agendas.getAgenda(ctx, req.actor, req.params.id, { version: row.version }));
    },
  );
  app.post(
    '/api/sessions/:id/agenda/publish',
    {
      config: { access: byPolicy(editAgenda, 'officers') },
      schema: {
        operationId: 'publishAgenda',
        tags,
        security: [{ bearer: [] }],
        summary: 'Publish the draft agenda (it becomes public; later edits start the next version); 409 agenda-no-draft without a draft',
        params: Params,
        response: { 200: Agenda, ...problems(403, 409) },
      },
    },
    async (req) => {
      const row = await agendas.publishDraft(ctx, req.actor, req.params.id);
      return present(await agendas.getAgenda(ctx, req.actor, req.params.id, { version: row.version }));
    },
  );
}
