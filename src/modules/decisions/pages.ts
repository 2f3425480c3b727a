import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { DomainError, ForbiddenError, UnauthenticatedError } from '../../platform/errors.ts';
import { anyone, byPolicy } from '../../platform/http/access.ts';
import { sendPrivateFile } from '../../platform/http/downloads.ts';
import { formPage } from '../../platform/http/form-page.ts';
import { noticeFrom, redirectWithNotice } from '../../platform/http/forms.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import { emptyForm } from '../../platform/ui/forms.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { toId } from '../../platform/validation.ts';
import { type ExportFormat, exportDecisions } from './export.ts';
import { decisionPaths as paths } from './paths.ts';
import { recordDecisions } from './policies.ts';
import { changedRows, MAX_ROWS } from './rules.ts';
import { type DecisionsInput, decisionsOfMeeting, saveSessionDecisions, sessionDecisions } from './service.ts';
import { conclusionField, DecisionsEditPage, DecisionsPage, editFormValues, rowField, rowState } from './views/decision-pages.tsx';

const hide = { schema: { hide: true } };
const paramsOf = (req: FastifyRequest) => {
  const p = req.params as { id: string; sessionId?: string };
  return { id: toId(p.id), sessionId: toId(p.sessionId) };
};

const contentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

type Row = NonNullable<DecisionsInput['rows']>[number];
type Conclusion = NonNullable<DecisionsInput['conclusions']>[number];

/**
 * What the editing form changed: the rows whose decision, related number or note differ from the hidden copy
 * of what was shown, and the conclusions likewise — with, for each row sent, its place in the form.
 */
function changesOf(body: Record<string, unknown>): { rows: Row[]; rowOf: number[]; conclusions: Conclusion[] } {
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
  const rows: { value: Row & { index: number }; was: string }[] = [];
  for (let i = 0; i < MAX_ROWS && text(rowField(i, 'document')); i++) {
    const value = {
      index: i,
      document: text(rowField(i, 'document')),
      decision: text(rowField(i, 'decision')) as Row['decision'],
      related: text(rowField(i, 'related')),
      note: text(rowField(i, 'note')),
    };
    rows.push({ value, was: text(rowField(i, 'was')) });
  }
  const changed = changedRows(rows, (r, was) => rowState(r.decision ?? '', r.related ?? '', r.note ?? '') === was);
  const items = Object.keys(body).flatMap((name) => {
    const match = /^c_(\d{1,4})_text$/.exec(name);
    return match ? [Number(match[1])] : [];
  });
  const conclusions = changedRows(
    items.map((item) => ({ value: { item, text: text(conclusionField(item, 'text')) }, was: text(conclusionField(item, 'was')) })),
    (c, was) => c.text === was,
  );
  return { rows: changed.map(({ index: _, ...row }) => row), rowOf: changed.map((r) => r.index), conclusions };
}

/** A service error on the rows sent, its fields put back on the form's controls (rows.2.related → r_7_related). */
function onFormFields(error: unknown, rowOf: number[], conclusions: Conclusion[]): unknown {
  if (!(error instanceof DomainError) || error.fieldErrors.length === 0) return error;
  const field = (f: string) => {
    const row = /^rows\.(\d+)\.(\w+)$/.exec(f);
    if (row) return rowField(rowOf[Number(row[1])] ?? 0, row[2] === 'document' ? 'decision' : (row[2] as 'related'));
    const c = /^conclusions\.(\d+)\./.exec(f);
    if (c) return conclusionField(conclusions[Number(c[1])]?.item ?? 0, 'text');
    return f;
  };
  return new DomainError(
    error.type,
    error.status,
    error.messageKey,
    error.params,
    error.fieldErrors.map((e) => ({ ...e, field: field(e.field) })),
  );
}

export async function decisionPages(app: FastifyInstance, ctx: AppContext) {
  app.get(paths.meeting.pattern, { ...hide, config: { access: anyone } }, async (req, reply) => {
    const view = await decisionsOfMeeting(ctx, req.actor, paramsOf(req).id);
    return sendPage(reply, DecisionsPage({ ctx: viewContext(req), view, notice: noticeFrom(req) }));
  });

  const download = (format: ExportFormat) => async (req: FastifyRequest, reply: FastifyReply) => {
    const { id } = paramsOf(req);
    const body = await exportDecisions(ctx, req.actor, id, format, req.locale);
    return sendPrivateFile(reply, typeof body === 'string' ? body : Buffer.from(body), contentTypes[format], `decisions-${id}.${format}`);
  };
  app.get(paths.csv.pattern, { ...hide, config: { access: anyone } }, download('csv'));
  app.get(paths.xlsx.pattern, { ...hide, config: { access: anyone } }, download('xlsx'));

  const editing = async (req: FastifyRequest) => {
    const { id, sessionId } = paramsOf(req);
    const found = await sessionDecisions(ctx, req.actor, id, sessionId);
    // Only those who record decisions see the form (403 otherwise, as the API answers).
    if (!found.all.editor) throw req.actor ? new ForbiddenError() : new UnauthenticatedError();
    return found;
  };
  formPage(app, paths.edit.pattern, {
    access: byPolicy(recordDecisions, 'officers'),
    signIn: true,
    initial: async (req) => emptyForm(editFormValues((await editing(req)).session)),
    show: async (req, reply, form, status) => {
      const { all, session } = await editing(req);
      return sendPage(reply, DecisionsEditPage({ ctx: viewContext(req), view: all, session, form }), status);
    },
    submit: async (req, reply, body) => {
      const { id, sessionId } = paramsOf(req);
      const { rows, rowOf, conclusions } = changesOf(body);
      try {
        await saveSessionDecisions(ctx, req.actor, id, sessionId, { rows, conclusions });
      } catch (error) {
        throw onFormFields(error, rowOf, conclusions);
      }
      return redirectWithNotice(reply, paths.meeting({ id }), 'saved');
    },
  });
}
