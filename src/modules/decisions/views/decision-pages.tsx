import type { ViewContext } from '../../../platform/http/request-context.ts';
import { pick } from '../../../platform/i18n/index.ts';
import { Badge, DataTable } from '../../../platform/ui/components.tsx';
import { CsrfField, ErrorSummary, type FormState, fieldValue, recordLabel } from '../../../platform/ui/forms.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Localized, Message } from '../../../platform/ui/localized.tsx';
import { Paragraphs } from '../../../platform/ui/text.tsx';
import { documentPaths } from '../../documents/paths.ts';
import { subgroupName } from '../../groups/views/group-page.tsx';
import { MeetingNav } from '../../meetings/views/meeting-nav.tsx';
import { decisionPaths } from '../paths.ts';
import type { DecidedDocument, DecisionLink, MeetingDecisions, SessionDecisions } from '../service.ts';
import { decisionKindLabel, decisionKinds } from '../vocabulary.ts';

/** "WG5 – Metaverse applications". */
function SessionName(props: { ctx: ViewContext; s: SessionDecisions }) {
  return (
    <>
      {subgroupName(props.ctx, props.s.session)} – <Localized ctx={props.ctx} text={props.s.session.subgroupTitle} />
    </>
  );
}

function DocumentLink(props: { number: string; title: string }) {
  return (
    <>
      <a class="doc-number" href={documentPaths.document({ number: props.number })}>
        {props.number}
      </a>
      {props.title && (
        <>
          : <bdi>{props.title}</bdi>
        </>
      )}
    </>
  );
}

function DecisionText(props: { ctx: ViewContext; doc: DecidedDocument }) {
  const { t } = props.ctx;
  const { doc } = props;
  if (!doc.decision) return <span class="meta">{t('decision.none')}</span>;
  return (
    <>
      <Badge tone={doc.decision === 'agreed' || doc.decision === 'approved' ? 'success' : 'neutral'}>
        {t(decisionKindLabel[doc.decision])}
      </Badge>
      {doc.related && (
        <>
          {' '}
          <span class="decision-related">
            {t(doc.decision === 'revised' ? 'decision.link.replacedBy' : 'decision.link.mergedInto')}{' '}
            <a class="doc-number" href={documentPaths.document({ number: doc.related.number })}>
              {doc.related.number}
            </a>
          </span>
        </>
      )}
    </>
  );
}

/** The meeting's agenda with the documents allocated to each item and the decisions on them: public, as the agendas are. */
export function DecisionsPage(props: { ctx: ViewContext; view: MeetingDecisions; notice?: string }) {
  const { ctx, view } = props;
  const { t, locale } = ctx;
  const { detail } = view;
  const id = detail.meeting.id;
  const title = t('decision.pageTitle', { meeting: pick(detail.meeting.title, locale) });
  return (
    <Layout ctx={ctx} title={title} notice={props.notice}>
      <MeetingNav ctx={ctx} detail={detail} current="decisions" />
      <h1>{t('decision.heading')}</h1>
      <p class="lead">{t('decision.lead')}</p>
      {view.sessions.map((s) => (
        <section aria-labelledby={`session-${s.session.id}-h`}>
          <h2 id={`session-${s.session.id}-h`}>
            <SessionName ctx={ctx} s={s} />
          </h2>
          {s.agenda ? (
            <p class="meta">
              {s.agenda.status === 'draft'
                ? t('decision.onDraft')
                : t('decision.onAgenda', { label: s.agenda.label || t('decision.original') })}
            </p>
          ) : (
            <p>{t('decision.noAgenda')}</p>
          )}
          {view.editor && s.agenda && (
            <p class="admin-actions">
              <a class="button" href={decisionPaths.edit({ id, sessionId: s.session.id })}>
                {t('decision.record', { session: subgroupName(ctx, s.session) })}
              </a>
            </p>
          )}
          {s.items.map((item) => (
            <div class="decision-item" id={`s${s.session.id}-item-${item.number}`}>
              <h3>
                {item.number}. <bdi>{item.title}</bdi>
              </h3>
              {item.documents.length > 0 && (
                <DataTable
                  caption={t('decision.itemCaption', { n: item.number })}
                  label={t('decision.itemCaption', { n: item.number })}
                  stack
                >
                  <thead>
                    <tr>
                      <th scope="col">{t('decision.col.document')}</th>
                      <th scope="col">{t('decision.col.decision')}</th>
                      <th scope="col">{t('decision.col.note')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {item.documents.map((d) => (
                      <tr>
                        {/* One element per cell: a phone's stacked row puts each child of a cell in a grid cell of its own. */}
                        <td data-label={t('decision.col.document')}>
                          <span>
                            <DocumentLink number={d.number} title={d.title} />
                            {d.withdrawn && <span class="tag">{t('document.withdrawn')}</span>}
                          </span>
                        </td>
                        <td data-label={t('decision.col.decision')}>
                          <span>
                            <DecisionText ctx={ctx} doc={d} />
                          </span>
                        </td>
                        <td data-label={t('decision.col.note')}>{d.note && <bdi>{d.note}</bdi>}</td>
                      </tr>
                    ))}
                  </tbody>
                </DataTable>
              )}
              {item.conclusion && (
                <div class="decision-conclusion">
                  <p class="meta">{t('decision.conclusion')}</p>
                  <div dir="auto">
                    <Paragraphs text={item.conclusion} />
                  </div>
                </div>
              )}
            </div>
          ))}
        </section>
      ))}
      <p class="meta">
        <a href={decisionPaths.csv({ id })}>{t('decision.csv')}</a> · <a href={decisionPaths.xlsx({ id })}>{t('decision.xlsx')}</a> ·{' '}
        <a href={`/api${decisionPaths.meeting({ id })}`}>{t('group.json')}</a>
      </p>
    </Layout>
  );
}

/** The names of a row's fields in the editing form, by its place in the table. */
export const rowField = (i: number, part: 'document' | 'decision' | 'related' | 'note' | 'was') => `r_${i}_${part}`;
export const conclusionField = (n: number, part: 'text' | 'was') => `c_${n}_${part}`;
/** What a row held when the form was shown, kept in a hidden field so that only changed rows are saved. */
export const rowState = (decision: string, related: string, note: string) => JSON.stringify([decision, related, note]);

/** The editing form's values for a session's table as it stands. */
export function editFormValues(s: SessionDecisions): Record<string, string> {
  const values: Record<string, string> = {};
  let i = 0;
  for (const item of s.items) {
    values[conclusionField(item.number, 'text')] = item.conclusion;
    values[conclusionField(item.number, 'was')] = item.conclusion;
    for (const d of item.documents) {
      const related = d.related?.number ?? '';
      values[rowField(i, 'document')] = d.number;
      values[rowField(i, 'decision')] = d.decision ?? '';
      values[rowField(i, 'related')] = related;
      values[rowField(i, 'note')] = d.note;
      values[rowField(i, 'was')] = rowState(d.decision ?? '', related, d.note);
      i++;
    }
  }
  return values;
}

/** A control of the table: its label ("Decision on FGMV-I-001") read out, and shown on phones, where the column header is not. */
function Cell(props: {
  ctx: ViewContext;
  form: FormState;
  name: string;
  label: string;
  /** The label as shown, when it holds a document number kept whole and isolated (the plain `label` is read out in errors). */
  shown?: unknown;
  children: (attrs: Record<string, unknown>) => unknown;
}) {
  const { ctx, form, name } = props;
  const id = `f-${name}`;
  const error = form.errors.find((e) => e.field === name);
  recordLabel(form, name, props.label);
  return (
    <>
      <label class="cell-label" for={id}>
        {(props.shown as never) ?? props.label}
      </label>
      {
        props.children({
          id,
          name,
          class: error ? 'cell-input has-error' : 'cell-input',
          'aria-invalid': error ? 'true' : undefined,
          'aria-describedby': error ? `${id}-error` : undefined,
        }) as never
      }
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {ctx.t(error.message, error.params)}
        </p>
      )}
    </>
  );
}

/**
 * A session's decisions as one table: a group of rows per agenda item — its documents, each with a choice of
 * decision, the related document's number and a note — and the item's conclusion. One save stores it all.
 */
export function DecisionsEditPage(props: { ctx: ViewContext; view: MeetingDecisions; session: SessionDecisions; form: FormState }) {
  const { ctx, view, session: s, form } = props;
  const { t } = ctx;
  const id = view.detail.meeting.id;
  const name = subgroupName(ctx, s.session);
  const title = t('decision.editTitle', { session: name });
  const withAgenda = view.sessions.filter((o) => o.agenda);
  /** A number of this meeting for the hint on related numbers (the last document of the session's agenda). */
  const example = s.items.flatMap((item) => item.documents).at(-1)?.number;
  let i = 0;
  return (
    <Layout ctx={ctx} title={title}>
      <MeetingNav ctx={ctx} detail={view.detail} current="decisions-record" page={title} />
      <h1>{title}</h1>
      <p class="lead">
        <SessionName ctx={ctx} s={s} />
      </p>
      <p class="hint">{t('decision.editHint')}</p>
      {withAgenda.length > 1 && (
        <nav aria-label={t('decision.otherSessions')}>
          <ul class="inline-list">
            {withAgenda.map((o) => (
              <li>
                {o.session.id === s.session.id ? (
                  <span aria-current="page">{subgroupName(ctx, o.session)}</span>
                ) : (
                  <a href={decisionPaths.edit({ id, sessionId: o.session.id })}>{subgroupName(ctx, o.session)}</a>
                )}
              </li>
            ))}
          </ul>
        </nav>
      )}
      <ErrorSummary ctx={ctx} form={form} />
      {s.items.length === 0 ? (
        <p>{t('decision.noItems')}</p>
      ) : (
        <form method="post" action={decisionPaths.edit({ id, sessionId: s.session.id })} class="decisions-editor" novalidate>
          <CsrfField ctx={ctx} />
          <table class="decisions-editor-table">
            <caption>{t('decision.editCaption', { session: name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('decision.col.document')}</th>
                <th scope="col">{t('decision.col.decision')}</th>
                <th scope="col">{t('decision.col.related')}</th>
                <th scope="col">{t('decision.col.note')}</th>
              </tr>
            </thead>
            {s.items.map((item) => (
              <tbody>
                <tr class="item-row">
                  <th scope="rowgroup" colSpan={4}>
                    {t('decision.item', { n: item.number })}: <bdi>{item.title}</bdi>
                  </th>
                </tr>
                {item.documents.map((d) => {
                  const row = i++;
                  const decision = fieldValue(form, rowField(row, 'decision'));
                  const numberShown = () => <bdi class="doc-number">{d.number}</bdi>;
                  return (
                    <tr>
                      <th scope="row">
                        <input type="hidden" name={rowField(row, 'document')} value={d.number} />
                        <input type="hidden" name={rowField(row, 'was')} value={fieldValue(form, rowField(row, 'was'))} />
                        <DocumentLink number={d.number} title={d.title} />
                      </th>
                      <td>
                        <Cell
                          ctx={ctx}
                          form={form}
                          name={rowField(row, 'decision')}
                          label={t('decision.label.decision', { number: d.number })}
                          shown={<Message t={t} id="decision.label.decision" params={{ number: numberShown() }} />}
                        >
                          {(attrs) => (
                            <select {...attrs}>
                              <option value="" selected={decision === ''}>
                                {t('decision.none')}
                              </option>
                              {decisionKinds.map((k) => (
                                <option value={k} selected={decision === k}>
                                  {t(decisionKindLabel[k])}
                                </option>
                              ))}
                            </select>
                          )}
                        </Cell>
                      </td>
                      <td>
                        <Cell
                          ctx={ctx}
                          form={form}
                          name={rowField(row, 'related')}
                          label={t('decision.label.related', { number: d.number })}
                          shown={<Message t={t} id="decision.label.related" params={{ number: numberShown() }} />}
                        >
                          {(attrs) => (
                            <input {...attrs} type="text" dir="ltr" size={14} value={fieldValue(form, rowField(row, 'related'))} />
                          )}
                        </Cell>
                      </td>
                      <td>
                        <Cell
                          ctx={ctx}
                          form={form}
                          name={rowField(row, 'note')}
                          label={t('decision.label.note', { number: d.number })}
                          shown={<Message t={t} id="decision.label.note" params={{ number: numberShown() }} />}
                        >
                          {(attrs) => <input {...attrs} type="text" dir="auto" value={fieldValue(form, rowField(row, 'note'))} />}
                        </Cell>
                      </td>
                    </tr>
                  );
                })}
                <tr class="conclusion-row">
                  <td colSpan={4}>
                    <input
                      type="hidden"
                      name={conclusionField(item.number, 'was')}
                      value={fieldValue(form, conclusionField(item.number, 'was'))}
                    />
                    <Cell
                      ctx={ctx}
                      form={form}
                      name={conclusionField(item.number, 'text')}
                      label={t('decision.label.conclusion', { n: item.number })}
                    >
                      {(attrs) => (
                        <textarea {...attrs} rows={2} dir="auto">
                          {fieldValue(form, conclusionField(item.number, 'text'))}
                        </textarea>
                      )}
                    </Cell>
                  </td>
                </tr>
              </tbody>
            ))}
          </table>
          {example && (
            <p class="hint">
              <Message t={t} id="decision.relatedHint" params={{ example: <bdi class="doc-number">{example}</bdi> }} />
            </p>
          )}
          <div class="actions">
            <button type="submit">{t('decision.save')}</button>
          </div>
        </form>
      )}
      <p>
        <a href={decisionPaths.meeting({ id })}>{t('decision.back')}</a>
      </p>
    </Layout>
  );
}

/** On a document's page: the documents a decision links it to ("Replaced by FGMV-I-007", "Revision of FGMV-I-003"). */
export function DecisionLinks(props: { ctx: ViewContext; links: DecisionLink[] }) {
  const { t } = props.ctx;
  if (props.links.length === 0) return null;
  return (
    <>
      <dt>{t('decision.links')}</dt>
      <dd>
        <ul class="decision-links">
          {props.links.map((l) => (
            <li>
              {t(`decision.link.${l.kind}`)}{' '}
              <a class="doc-number" href={documentPaths.document({ number: l.number })}>
                {l.number}
              </a>
            </li>
          ))}
        </ul>
      </dd>
    </>
  );
}
