import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { DomainError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { anyone, byPolicy } from '../../platform/http/access.ts';
import { formBody, formFailure, noticeFrom, sentValues } from '../../platform/http/forms.ts';
import { signedIn } from '../../platform/http/page-guard.ts';
import { problems } from '../../platform/http/problem.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import { emptyForm, type FormState } from '../../platform/ui/forms.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { idParam, MAX_ID, toId, wholeNumber } from '../../platform/validation.ts';
import { editAgenda } from './policies.ts';
import { type AgendaFormRow, formFieldFor, orderFormRows } from './rules.ts';
import * as agendas from './service.ts';
import { AgendaEditPage, AgendaPage, editFormValues } from './views/agenda-pages.tsx';
import { agendaStatuses } from './vocabulary.ts';

const hide = { schema: { hide: true } };

const idOf = (req: FastifyRequest) => toId((req.params as { id: string }).id);

/** ?version=N: a positive whole number, else a version that cannot exist. */
function versionOf(req: FastifyRequest): number | undefined {
  const raw = (req.query as Record<string, unknown>).version;
  if (raw === undefined || raw === '') return undefined;
  return toId(raw) || -1;
}

/** The edit form's rows by their index ("items_3_title" → row 3), however sparse the indices. */
function formRows(fields: Record<string, unknown>): Map<number, AgendaFormRow> {
  const rows = new Map<number, AgendaFormRow>();
  for (const [key, value] of Object.entries(fields)) {
    const m = /^items_(\d{1,4})_(position|title|description|documents)$/.exec(key);
    if (!m) continue;
    const index = Number(m[1]);
    const row = rows.get(index) ?? {};
    row[m[2] as keyof AgendaFormRow] = Array.isArray(value) ? value.join(' ') : value;
    rows.set(index, row);
  }
  return rows;
}

/** A service error on the ordered items, with its fields put back on the form rows they came from. */
function onFormRows(error: unknown, rowOf: number[]): unknown {
  if (!(error instanceof DomainError) || error.fieldErrors.length === 0) return error;
  return new DomainError(
    error.type,
    error.status,
    error.messageKey,
    error.params,
    error.fieldErrors.map((e) => ({ ...e, field: formFieldFor(e.field, rowOf) })),
  );
}

export async function agendaRoutes(scope: FastifyInstance, ctx: AppContext) {
  const app = scope.withTypeProvider<ZodTypeProvider>();

  // ---- pages
  app.get('/sessions/:id/agenda', { ...hide, config: { access: anyone } }, async (req, reply) => {
    const view = await agendas.getAgenda(ctx, req.actor, idOf(req), { version: versionOf(req) });
    const published = (req.query as Record<string, unknown>).notice === 'published';
    return sendPage(
      reply,
      AgendaPage({ ctx: viewContext(req), view, notice: published ? req.t('agenda.notice.published') : noticeFrom(req) }),
    );
  });

  const showEdit = async (req: FastifyRequest, reply: FastifyReply, form?: FormState, status = 200) => {
    const view = await agendas.agendaForEditing(ctx, req.actor, idOf(req));
    return sendPage(reply, AgendaEditPage({ ctx: viewContext(req), view, form: form ?? emptyForm(editFormValues(view.base)) }), status);
  };
  app.get('/sessions/:id/agenda/edit', { ...hide, config: { access: byPolicy(editAgenda, 'officers') } }, async (req, reply) => {
    if (!signedIn(req, reply)) return reply;
    return showEdit(req, reply);
  });
  app.post('/sessions/:id/agenda/edit', { ...hide, config: { access: byPolicy(editAgenda, 'officers') } }, async (req, reply) => {
    if (!signedIn(req, reply)) return reply;
    const id = idOf(req);
    const fields = sentValues(req);
    const { items, rowOf, errors } = orderFormRows([...formRows(fields)].sort((a, b) => a[0] - b[0]));
    try {
      formBody(req); // refuses the fields the input rule refused
      if (errors.length) throw new ValidationError(errors);
      await agendas.saveDraft(ctx, req.actor, id, { items });
      return reply.redirect(`/sessions/${id}/agenda?notice=saved`, 303);
    } catch (error) {
      const { form, status } = formFailure(onFormRows(error, rowOf), fields);
      return showEdit(req, reply, form, status);
    }
  });
  app.post('/sessions/:id/agenda/publish', { ...hide, config: { access: byPolicy(editAgenda, 'officers') } }, async (req, reply) => {
    if (!signedIn(req, reply)) return reply;
    const id = idOf(req);
    await agendas.publishDraft(ctx, req.actor, id);
    return reply.redirect(`/sessions/${id}/agenda?notice=published`, 303);
  });

  // ---- API
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
    const page = `${base}/sessions/${view.session.id}/agenda`;
    return {
      sessionId: view.session.id,
      meetingId: view.session.meetingId,
      group: view.session.groupCode,
      subgroup: view.session.subgroup,
      version: shown.version,
      label: shown.label,
      status: shown.status,
      publishedAt: shown.publishedAt?.toISOString() ?? null,
      url: shown.status === 'published' ? `${page}?version=${shown.version}` : page,
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
        url: `${page}?version=${v.version}`,
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
