import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { DomainError, ValidationError } from '../../platform/errors.ts';
import { anyone, byPolicy } from '../../platform/http/access.ts';
import { confirmedOrAsk } from '../../platform/http/confirm-step.ts';
import { formPage } from '../../platform/http/form-page.ts';
import { noticeFrom, redirectWithNotice } from '../../platform/http/forms.ts';
import { signedIn } from '../../platform/http/page-guard.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import { emptyForm } from '../../platform/ui/forms.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { toId } from '../../platform/validation.ts';
import { agendaPaths as paths } from './paths.ts';
import { editAgenda } from './policies.ts';
import { type AgendaFormRow, formFieldFor, orderFormRows } from './rules.ts';
import * as agendas from './service.ts';
import { AgendaEditPage, AgendaPage, editFormValues, sessionTitle } from './views/agenda-pages.tsx';

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

export async function agendaPages(app: FastifyInstance, ctx: AppContext) {
  app.get(paths.agenda.pattern, { ...hide, config: { access: anyone } }, async (req, reply) => {
    const view = await agendas.getAgenda(ctx, req.actor, idOf(req), { version: versionOf(req) });
    const published = (req.query as Record<string, unknown>).notice === 'published';
    return sendPage(
      reply,
      AgendaPage({ ctx: viewContext(req), view, notice: published ? req.t('agenda.notice.published') : noticeFrom(req) }),
    );
  });

  formPage(app, paths.edit.pattern, {
    access: byPolicy(editAgenda, 'officers'),
    signIn: true,
    initial: async (req) => emptyForm(editFormValues((await agendas.agendaForEditing(ctx, req.actor, idOf(req))).base)),
    show: async (req, reply, form, status) => {
      const view = await agendas.agendaForEditing(ctx, req.actor, idOf(req));
      return sendPage(reply, AgendaEditPage({ ctx: viewContext(req), view, form }), status);
    },
    submit: async (req, reply, body) => {
      const { items, rowOf, errors } = orderFormRows([...formRows(body)].sort((a, b) => a[0] - b[0]));
      try {
        if (errors.length) throw new ValidationError(errors);
        await agendas.saveDraft(ctx, req.actor, idOf(req), { items });
      } catch (error) {
        throw onFormRows(error, rowOf);
      }
      return redirectWithNotice(reply, paths.agenda({ id: idOf(req) }), 'saved');
    },
  });
  app.post(paths.publish.pattern, { ...hide, config: { access: byPolicy(editAgenda, 'officers') } }, async (req, reply) => {
    if (!signedIn(req, reply)) return reply;
    const id = idOf(req);
    const editing = await agendas.agendaForEditing(ctx, req.actor, id);
    // Without a draft there is nothing to confirm: publishing says so.
    if (editing.draft) {
      const draft = editing.draft;
      const asked = await confirmedOrAsk(req, reply, () => ({
        title: req.t('agenda.confirm.title'),
        subject: sessionTitle(viewContext(req), editing.session),
        consequences: [
          draft.label ? req.t('agenda.editVersion', { label: draft.label }) : req.t('agenda.editFirst'),
          req.t('agenda.confirm.items', { count: draft.items.length }),
          req.t('agenda.publishHint'),
        ],
        confirmLabel: req.t('agenda.publish'),
        cancelHref: paths.edit({ id }),
      }));
      if (!asked) return reply;
    }
    await agendas.publishDraft(ctx, req.actor, id);
    return reply.redirect(paths.agenda({ id }, { notice: 'published' }), 303);
  });
}
