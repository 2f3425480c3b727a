import type { ComponentChildren } from 'preact';
import type { FieldError } from '../../../../platform/errors.ts';
import { displayFileName } from '../../../../platform/files/sniff.ts';
import type { ViewContext } from '../../../../platform/http/request-context.ts';
import { formatTimestamp } from '../../../../platform/i18n/dates.ts';
import { pick } from '../../../../platform/i18n/index.ts';
import { CsrfField, ErrorSummary, type FormState } from '../../../../platform/ui/forms.tsx';
import { Layout } from '../../../../platform/ui/layout.tsx';
import { documentPaths } from '../../paths.ts';
import type { listInbound } from '../queue.ts';

type QueueRow = Awaited<ReturnType<typeof listInbound>>[number];
type MeetingChoice = { id: number; groupId: number; title: Record<string, string> };

/** A decision the service refused, shown again on its row. */
export interface FailedDecision {
  id: number;
  action: 'accept' | 'reject';
  form: FormState;
}

// Every row has its own forms, so field ids carry the row's id to stay unique on the page.
const fieldId = (name: string, rowId: number) => `f-${name}-${rowId}`;

function Field(props: {
  ctx: ViewContext;
  name: string;
  rowId: number;
  label: string;
  hint?: string;
  error?: FieldError;
  children: (attrs: Record<string, unknown>) => ComponentChildren;
}) {
  const id = fieldId(props.name, props.rowId);
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field-error" id={`${id}-error`}>
          {props.ctx.t(props.error.message, props.error.params)}
        </p>
      )}
      {props.children({ id, name: props.name, 'aria-invalid': props.error ? 'true' : undefined, 'aria-describedby': describedBy })}
    </div>
  );
}

function InboundItem(props: {
  ctx: ViewContext;
  row: QueueRow;
  meetings: MeetingChoice[];
  failed?: FailedDecision;
  fmt: { format: (at: Date) => string };
}) {
  const { ctx, row, failed } = props;
  const { t } = ctx;
  const s = row.submission;
  const values = failed?.form.values ?? {};
  const errorOf = (action: FailedDecision['action'], field: string) =>
    failed?.action === action ? failed.form.errors.find((e) => e.field === field) : undefined;
  const chosenMeeting = failed?.action === 'accept' ? String(values.meetingId ?? '') : String(s.meetingId ?? '');
  return (
    <li>
      <article aria-labelledby={`inbound-${s.id}`}>
        <h2 id={`inbound-${s.id}`}>
          {row.groupCode}: <bdi>{s.subject || displayFileName(s.filename)}</bdi>
        </h2>
        <dl class="facts">
          <dt>{t('inbound.from')}</dt>
          <dd>
            {s.fromName || s.fromAddress ? <bdi>{s.fromName ? `${s.fromName} <${s.fromAddress}>` : s.fromAddress}</bdi> : '—'}
            {!s.senderVerified && (
              <>
                {' '}
                <strong class="tag">{t('inbound.unverified')}</strong> {t('inbound.unverifiedHint')}
              </>
            )}
          </dd>
          <dt>{t('inbound.file')}</dt>
          <dd>
            <a href={documentPaths.inboundFile({ id: s.id })}>
              <bdi>{displayFileName(s.filename)}</bdi>
            </a>
          </dd>
          <dt>{t('inbound.received')}</dt>
          <dd>{props.fmt.format(s.createdAt)} UTC</dd>
        </dl>
        <form method="post" action={documentPaths.inboundAccept({ id: s.id })} novalidate>
          <CsrfField ctx={ctx} />
          <Field ctx={ctx} name="meetingId" rowId={s.id} label={t('inbound.meeting')} error={errorOf('accept', 'meetingId')}>
            {(attrs) => (
              <select {...attrs}>
                {props.meetings
                  .filter((m) => m.groupId === s.groupId)
                  .map((m) => (
                    <option value={String(m.id)} selected={String(m.id) === chosenMeeting}>
                      {pick(m.title, ctx.locale)}
                    </option>
                  ))}
              </select>
            )}
          </Field>
          <Field
            ctx={ctx}
            name="title"
            rowId={s.id}
            label={t('inbound.documentTitle')}
            hint={t('inbound.documentTitleHint')}
            error={errorOf('accept', 'title')}
          >
            {(attrs) => (
              <input {...attrs} type="text" maxLength={300} value={failed?.action === 'accept' ? String(values.title ?? '') : ''} />
            )}
          </Field>
          <div class="actions">
            <button type="submit">{t('inbound.accept')}</button>
          </div>
        </form>
        <form method="post" action={documentPaths.inboundReject({ id: s.id })} novalidate>
          <CsrfField ctx={ctx} />
          <Field ctx={ctx} name="reason" rowId={s.id} label={t('inbound.rejectReason')} error={errorOf('reject', 'reason')}>
            {(attrs) => (
              <textarea {...attrs} rows={3} required>
                {failed?.action === 'reject' ? String(values.reason ?? '') : ''}
              </textarea>
            )}
          </Field>
          <div class="actions">
            <button type="submit" class="secondary">
              {t('inbound.reject')}
            </button>
          </div>
        </form>
      </article>
    </li>
  );
}

export function InboundPage(props: {
  ctx: ViewContext;
  rows: QueueRow[];
  meetings: MeetingChoice[];
  failed?: FailedDecision;
  notice?: string;
}) {
  const { ctx, rows, failed } = props;
  const { t } = ctx;
  const fmt = { format: (at: Date) => formatTimestamp(at, ctx.locale) };
  // The summary links to the fields of the row that failed.
  const summary: FormState | undefined = failed && {
    values: failed.form.values,
    errors: failed.form.errors.map((e) => (e.field.startsWith('_') ? e : { ...e, field: `${e.field}-${failed.id}` })),
  };
  return (
    <Layout ctx={ctx} title={t('inbound.title')} notice={props.notice}>
      <p>
        <a href="/console">{t('console.title')}</a>
      </p>
      <h1>{t('inbound.title')}</h1>
      <p>{t('inbound.intro')}</p>
      {summary && <ErrorSummary ctx={ctx} form={summary} />}
      <p>{t('inbound.count', { count: rows.length })}</p>
      {rows.length > 0 && (
        <ul class="inbound">
          {rows.map((row) => (
            <InboundItem
              ctx={ctx}
              row={row}
              meetings={props.meetings}
              failed={failed?.id === row.submission.id ? failed : undefined}
              fmt={fmt}
            />
          ))}
        </ul>
      )}
    </Layout>
  );
}
