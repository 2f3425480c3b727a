import type { ViewContext } from '../../../platform/http/request-context.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { CsrfField, ErrorSummary, type FormState, fieldValue, recordLabel } from '../../../platform/ui/forms.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import { TableHead } from '../../../platform/ui/table.tsx';
import { subgroupName } from '../../groups/views/group-page.tsx';
import { type ActionOutcome, blankRow, type EditorControl, editorRows, MAX_ROWS, rowFields } from '../editor-rows.ts';
import { agendaPaths } from '../paths.ts';
import { agendaVersionLabel } from '../rules.ts';
import type { AgendaVersion, AgendaView } from '../service.ts';
import { SessionTitle } from './agenda-pages.tsx';

const DOCUMENTS_HINT = 'agenda-documents-hint';

/** The editor's fields for a version's items, and one empty row to add an item. */
export function editFormValues(base: AgendaVersion | null): Record<string, string> {
  const rows = (base?.items ?? []).map((item) => ({
    title: item.title,
    description: item.description,
    documents: item.documents.map((d) => d.number).join(', '),
  }));
  return rowFields([...rows, blankRow()]);
}

/**
 * One field of a row, compact: its label ("Title of item 3") is read out, not shown, on a wide screen, where the
 * column header says it; the error summary names the field by it and links here (the id ErrorSummary links to).
 */
function Cell(props: {
  ctx: ViewContext;
  form: FormState;
  name: string;
  label: string;
  kind: 'title' | 'description' | 'documents';
  autofocus?: boolean;
}) {
  const { ctx, form, name } = props;
  const id = `f-${name}`;
  const error = form.errors.find((e) => e.field === name);
  recordLabel(form, name, props.label);
  const describedBy = [props.kind === 'documents' ? DOCUMENTS_HINT : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const attrs = {
    id,
    name,
    class: error ? 'cell-input has-error' : 'cell-input',
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': describedBy,
    autofocus: props.autofocus,
    // Items are written in one language, whatever the page's; document numbers are Latin.
    dir: props.kind === 'documents' ? ('ltr' as const) : ('auto' as const),
  };
  return (
    <>
      <label class="cell-label" for={id}>
        {props.label}
      </label>
      {props.kind === 'description' ? (
        <textarea {...attrs} rows={2}>
          {fieldValue(form, name)}
        </textarea>
      ) : (
        <input {...attrs} type="text" value={fieldValue(form, name)} />
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {ctx.t(error.message, error.params)}
        </p>
      )}
    </>
  );
}

/** A button of a row: its text shown, its name with the item number ("Move up item 3"), so each is told apart. */
function RowButton(props: { label: string; name: string; value: string; itemLabel: string; autofocus: boolean; danger?: boolean }) {
  return (
    <button
      type="submit"
      class={props.danger ? 'secondary small danger-text' : 'secondary small'}
      name={props.name}
      value={props.value}
      aria-label={props.itemLabel}
      autofocus={props.autofocus}
    >
      {props.label}
    </button>
  );
}

function Row(props: { ctx: ViewContext; form: FormState; index: number; count: number; focus: EditorControl | undefined }) {
  const { ctx, form, index, count, focus } = props;
  const { t } = ctx;
  const n = index + 1;
  const field = (kind: 'title' | 'description' | 'documents', label: MessageKey) => (
    <Cell ctx={ctx} form={form} name={`items_${index}_${kind}`} kind={kind} label={t(label, { n })} autofocus={focus === kind} />
  );
  return (
    <tr id={`item-row-${n}`}>
      <th scope="row" class="item-number">
        <span aria-hidden="true" class="item-number-short">
          {n}
        </span>
        <span class="item-number-long">{t('agenda.itemNumber', { n })}</span>
      </th>
      <td class="item-title">{field('title', 'agenda.label.title')}</td>
      <td class="item-description">{field('description', 'agenda.label.description')}</td>
      <td class="item-documents">{field('documents', 'agenda.label.documents')}</td>
      <td class="item-actions">
        <div class="row-buttons">
          {n > 1 && (
            <RowButton
              label={t('agenda.moveUp')}
              itemLabel={t('agenda.moveUpItem', { n })}
              name="_move"
              value={`up:${n}`}
              autofocus={focus === 'up'}
            />
          )}
          {n < count && (
            <RowButton
              label={t('agenda.moveDown')}
              itemLabel={t('agenda.moveDownItem', { n })}
              name="_move"
              value={`down:${n}`}
              autofocus={focus === 'down'}
            />
          )}
          <RowButton
            label={t('agenda.remove')}
            itemLabel={t('agenda.removeItem', { n })}
            name="_remove"
            value={String(n)}
            autofocus={focus === 'remove'}
            danger
          />
        </div>
      </td>
    </tr>
  );
}

/**
 * The agenda editor: a table of the items, one row each, with buttons that move and remove rows and add one.
 * Those buttons send the form, which comes back in the new order with everything typed so far, saying what
 * changed (role=status) and with the focus on the row that moved; only "Save draft" stores anything.
 */
export function AgendaEditPage(props: { ctx: ViewContext; view: AgendaView; form: FormState; outcome?: ActionOutcome }) {
  const { ctx, view, form, outcome } = props;
  const { t } = ctx;
  const { session } = view;
  const path = agendaPaths.agenda({ id: session.id });
  const label = agendaVersionLabel(view.draftVersion);
  const title = t('agenda.editTitle', { session: subgroupName(ctx, session) });
  const count = editorRows(form.values).length;
  const focusOf = (n: number) => (outcome?.focus.number === n ? outcome.focus.control : undefined);
  return (
    <Layout ctx={ctx} title={title}>
      <p class="eyebrow">
        <a href={path}>
          <SessionTitle ctx={ctx} session={session} />
        </a>
      </p>
      <h1>{title}</h1>
      <p class="lead">{label ? t('agenda.editVersion', { label }) : t('agenda.editFirst')}</p>
      <p class="hint">{t('agenda.editHint')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={agendaPaths.edit({ id: session.id })} class="agenda-editor" novalidate>
        <CsrfField ctx={ctx} />
        {/* The first button of the form is the one Enter in a field presses: saving, never moving a row. */}
        <div class="actions">
          <button type="submit">{t('agenda.saveDraft')}</button>
        </div>
        <p class="editor-status" role="status">
          {outcome && `${t(outcome.status.key, outcome.status.params)} ${t('agenda.status.unsaved')}`}
        </p>
        <p class="hint" id={DOCUMENTS_HINT}>
          {t('agenda.documentsHint')}
        </p>
        <table class="agenda-editor-table">
          <TableHead
            ctx={ctx}
            caption={t('agenda.editorCaption')}
            columns={[t('agenda.number'), t('agenda.itemTitle'), t('agenda.description'), t('agenda.documents')]}
            actions
          />
          <tbody>
            {Array.from({ length: count }, (_, index) => (
              <Row ctx={ctx} form={form} index={index} count={count} focus={focusOf(index + 1)} />
            ))}
          </tbody>
        </table>
        <div class="actions">
          {count < MAX_ROWS && (
            <button type="submit" class="secondary" name="_add" value="1" autofocus={outcome?.focus.control === 'add'}>
              {t('agenda.addItem')}
            </button>
          )}
          <button type="submit">{t('agenda.saveDraft')}</button>
        </div>
      </form>
      <p>
        <a href={path}>{t('agenda.backToAgenda')}</a>
      </p>
    </Layout>
  );
}
