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
import { applyEditorAction, editorAction, editorRows, formFieldFor, itemsToSave, rowFields } from './editor-rows.ts';
import { agendaPaths as paths } from './paths.ts';
import { editAgenda } from './policies.ts';
import * as agendas from './service.ts';
import { AgendaEditPage, editFormValues } from './views/agenda-editor.tsx';
import { AgendaPage, sessionTitle } from './views/agenda-pages.tsx';

const hide = { schema: { hide: true } };

const idOf = (req: FastifyRequest) => toId((req.params as { id: string }).id);

/** ?version=N: a positive whole number, else a version that cannot exist. */
function versionOf(req: FastifyRequest): number | undefined {
  const raw = (req.query as Record<string, unknown>).version;
  if (raw === undefined || raw === '') return undefined;
  return toId(raw) || -1;
}

/** A service error on the saved items, with its fields put back on the form rows they came from. */
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
    // Move up, Move down, Remove and Add item show the form again, changed, without saving; Save draft saves.
    submit: async (req, reply, body) => {
      const rows = editorRows(body);
      const action = editorAction(body);
      if (action) {
        const view = await agendas.agendaForEditing(ctx, req.actor, idOf(req));
        const outcome = applyEditorAction(rows, action);
        if (!outcome) throw new ValidationError([{ field: '_form', message: 'agenda.error.noSuchRow' }]);
        return sendPage(reply, AgendaEditPage({ ctx: viewContext(req), view, form: emptyForm(rowFields(outcome.rows)), outcome }));
      }
      const { items, rowOf, errors } = itemsToSave(rows);
      try {
        if (errors.length) throw new ValidationError(errors);
        await agendas.saveDraft(ctx, req.actor, idOf(req), { items });
      } catch (error) {
        throw onFormRows(error, rowOf);
      }
      return redirectWithNotice(reply, paths.agenda({ id: idOf(req) }), 'saved');
    },
    // Shown again with the rows numbered from 0 in their order, the names the errors use.
    refill: (form) => ({ ...form, values: rowFields(editorRows(form.values)) }),
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
