import type { ComponentChildren } from 'preact';
import { displayFileName } from '../../../platform/files/sniff.ts';
import type { ViewContext } from '../../../platform/http/request-context.ts';
import { formatInstant } from '../../../platform/i18n/dates.ts';
import { pick } from '../../../platform/i18n/index.ts';
import {
  CsrfField,
  ErrorSummary,
  type FormState,
  RequiredNote,
  recordLabel,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
} from '../../../platform/ui/forms.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Localized } from '../../../platform/ui/localized.tsx';
import { Outcome } from '../../../platform/ui/outcome.tsx';
import { TableHead } from '../../../platform/ui/table.tsx';
import { groupPaths } from '../../groups/paths.ts';
import { meetingPaths } from '../../meetings/paths.ts';
import { contributionClassLabel } from '../../meetings/vocabulary.ts';
import { documentPaths } from '../paths.ts';
import type { DocumentView } from '../reading.ts';
import { revisionLabel } from '../rules.ts';
import type { SearchResult } from '../search/service.ts';
import { NUMBER_PLACEHOLDER } from '../template/own-template.ts';
import { type DocumentType, documentTypeLabel, documentTypes } from '../vocabulary.ts';
import { DocumentTypeField, TitleSourceFields } from './document-fields.tsx';
import { ReservedOutcome } from './reservation-pages.tsx';

const sizeText = (bytes: number) =>
  bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** After a submission: the number it got, the acknowledgement that was mailed, how to revise or edit it. */
function SubmittedOutcome(props: { ctx: ViewContext; doc: DocumentView }) {
  const { ctx, doc } = props;
  const { t } = ctx;
  return (
    <Outcome
      title={t('document.done.title', { number: doc.number })}
      done={[
        ...(doc.heldOverFromTitle && doc.meetingTitle
          ? [
              t('document.heldOverTo', {
                from: pick(doc.heldOverFromTitle, ctx.locale),
                meeting: pick(doc.meetingTitle, ctx.locale),
              }),
            ]
          : []),
        t('document.done.mail', { email: ctx.actor?.email ?? '' }),
        ...(doc.late ? [t('mail.document.receivedLate')] : []),
        ...(doc.deadlineClass === 'translation' ? [t('mail.document.forTranslation')] : []),
      ]}
      nextLabel={t('outcome.next')}
      next={[
        <>
          <a href={documentPaths.revise({ number: doc.number })}>{t('document.uploadRevision')}</a>
          {' — '}
          {t('document.done.revise', { number: doc.number })}
        </>,
        <a href={documentPaths.edit({ number: doc.number })}>{t('document.editDetails')}</a>,
        t('document.done.agenda'),
      ]}
    />
  );
}

export function DocumentPage(props: {
  ctx: ViewContext;
  doc: DocumentView;
  timeZone: string;
  notice?: string;
  /** The parts other modules fill in (see ../slots.ts). */
  uses?: ComponentChildren[];
  /** Arrived here from the submission form: what happened and how to revise. */
  submitted?: boolean;
  /** Arrived here from the reservation form: the number, the template and how to upload it (with the deadline). */
  reservedHint?: string;
}) {
  const { ctx, doc } = props;
  const { t, locale } = ctx;
  const latest = doc.revisions[0];
  const reserved = doc.status === 'reserved';
  const heading = `${doc.number}${doc.latestRevision > 0 ? ` ${revisionLabel(doc.latestRevision)}` : ''}`;
  return (
    <Layout ctx={ctx} title={`${heading} — ${doc.title}`} notice={props.notice}>
      <p class="eyebrow">
        <a href={groupPaths.group({ code: doc.groupCode.toLowerCase() })}>{doc.groupCode}</a>
        {doc.meetingId && doc.meetingTitle && (
          <>
            {' · '}
            <a href={meetingPaths.meeting({ id: doc.meetingId })}>
              <Localized ctx={ctx} text={doc.meetingTitle} />
            </a>
          </>
        )}
      </p>
      <h1>
        <span class="doc-number">{heading}</span>: <bdi>{doc.withdrawnAt ? <del>{doc.title}</del> : doc.title}</bdi>
      </h1>
      {props.submitted && <SubmittedOutcome ctx={ctx} doc={doc} />}
      {props.reservedHint && doc.meetingId && (
        <ReservedOutcome ctx={ctx} number={doc.number} meetingId={doc.meetingId} deadlineHint={props.reservedHint} />
      )}
      <p>
        {reserved && <span class="tag">{t(doc.lapsed ? 'document.notSubmitted' : 'document.reserved')}</span>}
        {doc.withdrawnAt && (
          <span class="tag">{t('document.withdrawnOn', { date: formatInstant(doc.withdrawnAt, locale, props.timeZone) })}</span>
        )}
        {doc.late && <span class="tag late">{t('document.late')}</span>}
        {doc.deadlineClass === 'translation' && <span class="tag">{t(contributionClassLabel.translation)}</span>}
        {doc.needsDetails && <span class="tag">{t('document.needsDetails')}</span>}
      </p>
      {doc.heldOverFrom !== null && doc.heldOverFromTitle && (
        <p class="held-over">
          {t('document.heldOverFrom')}{' '}
          <a href={meetingPaths.meeting({ id: doc.heldOverFrom })}>
            <Localized ctx={ctx} text={doc.heldOverFromTitle} />
          </a>
        </p>
      )}
      {latest && (
        <p class="cta">
          <a class="button" href={documentPaths.file({ number: doc.number })} download>
            {t('document.download')} (<bdi>{displayFileName(latest.filename)}</bdi>, {sizeText(latest.fileSize)})
          </a>
        </p>
      )}
      <dl class="facts">
        <dt>{t('document.type')}</dt>
        <dd>{t(documentTypeLabel[doc.type])}</dd>
        <dt>{t('document.source')}</dt>
        <dd>{doc.sources.length ? <bdi>{doc.sources.join('; ')}</bdi> : '—'}</dd>
        <dt>{t('document.workingGroups')}</dt>
        <dd>{doc.workingGroups.join(', ') || '—'}</dd>
        <dt>{t('document.contacts')}</dt>
        <dd>
          {doc.contacts.length === 0
            ? '—'
            : doc.contacts.map((c) => (
                <span class="contact">
                  <bdi>{c.name}</bdi>
                  {c.organization && (
                    <>
                      , <bdi>{c.organization}</bdi>
                    </>
                  )}{' '}
                  (<a href={`mailto:${c.email}`}>{c.email}</a>){' '}
                </span>
              ))}
        </dd>
        <dt>{t('document.keywords')}</dt>
        <dd>{doc.keywords.length ? <bdi>{doc.keywords.join(', ')}</bdi> : '—'}</dd>
        <dt>{t('document.date')}</dt>
        <dd>{formatInstant(doc.createdAt, locale, props.timeZone)}</dd>
        {props.uses}
      </dl>
      {doc.abstract && (
        <section aria-labelledby="abstract-h">
          <h2 id="abstract-h">{t('document.abstract')}</h2>
          <p dir="auto">{doc.abstract}</p>
        </section>
      )}
      {reserved && <p>{t(doc.lapsed ? 'document.notSubmittedNote' : 'document.reservedNoFile')}</p>}
      {!reserved && (
        <section aria-labelledby="revisions-h">
          <h2 id="revisions-h">{t('document.revisions')}</h2>
          <table>
            <TableHead
              ctx={ctx}
              caption={t('document.revisions')}
              columns={[t('document.revision'), t('document.file'), t('document.date')]}
            />
            <tbody>
              {doc.revisions.map((r) => (
                <tr>
                  <td>{r.revision === 0 ? t('document.original') : revisionLabel(r.revision)}</td>
                  <td>
                    <a href={documentPaths.revisionFile({ number: doc.number, revision: r.revision })} download>
                      <bdi>{displayFileName(r.filename)}</bdi>
                    </a>{' '}
                    ({sizeText(r.fileSize)})
                  </td>
                  <td>{formatInstant(r.createdAt, locale, props.timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {doc.mayEdit && !doc.withdrawnAt && (
        <section aria-labelledby="manage-h">
          <h2 id="manage-h">{t('document.manage')}</h2>
          <p class="admin-actions">
            <a class="button" href={documentPaths.edit({ number: doc.number })}>
              {t('document.editDetails')}
            </a>{' '}
            {reserved && doc.meetingId ? (
              <a class="button" href={documentPaths.submitForm({ id: doc.meetingId }, { reservation: doc.number })}>
                {t('document.reservedUpload', { number: doc.number })}
              </a>
            ) : (
              <a class="button" href={documentPaths.revise({ number: doc.number })}>
                {t('document.uploadRevision')}
              </a>
            )}
          </p>
          <form method="post" action={documentPaths.withdraw({ number: doc.number })}>
            <CsrfField ctx={ctx} />
            <p class="hint">{t('document.withdrawHint')}</p>
            <div class="actions">
              <button type="submit" class="danger">
                {t('document.withdraw')}
              </button>
            </div>
          </form>
        </section>
      )}
      <p class="meta">
        <a href={`/api/documents/${doc.number}`}>{t('group.json')}</a>
      </p>
    </Layout>
  );
}

/** The details every document has; shared by the submission and the edit forms. */
function DetailFields(props: { ctx: ViewContext; form: FormState; workingGroups: string[] }) {
  const { ctx, form } = props;
  const { t } = ctx;
  return (
    <>
      <TitleSourceFields ctx={ctx} form={form} workingGroups={props.workingGroups} />
      <fieldset>
        <legend>{t('document.contacts')}</legend>
        {[0, 1].map((i) => (
          <div class="row">
            <TextField
              ctx={ctx}
              form={form}
              name={`contacts_${i}_name`}
              label={t('document.contactName')}
              autocomplete={i === 0 ? 'name' : undefined}
              required={i === 0}
            />
            <TextField
              ctx={ctx}
              form={form}
              name={`contacts_${i}_organization`}
              label={t('document.contactOrganization')}
              autocomplete={i === 0 ? 'organization' : undefined}
            />
            <TextField
              ctx={ctx}
              form={form}
              name={`contacts_${i}_email`}
              label={t('account.email')}
              type="email"
              autocomplete={i === 0 ? 'email' : undefined}
              required={i === 0}
            />
          </div>
        ))}
      </fieldset>
      <TextArea ctx={ctx} form={form} name="abstract" label={t('document.abstract')} rows={5} />
      <TextField ctx={ctx} form={form} name="keywords" label={t('document.keywords')} hint={t('document.keywordsHint')} />
    </>
  );
}

export function SubmitDocumentPage(props: {
  ctx: ViewContext;
  meetingId: number;
  meetingTitle: Record<string, string>;
  form: FormState;
  types: readonly DocumentType[];
  workingGroups: string[];
  templateHref: string;
  deadlineHint: string;
  /** The submitter's reservations not filled yet: one can be chosen to upload under. */
  reservations: { number: string; title: string }[];
  /** Sent back with the form: a second click sends the same key and gets the first document. */
  requestKey: string;
}) {
  const { ctx, form } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('document.submitTitle')}>
      <p class="eyebrow">
        <a href={meetingPaths.meeting({ id: props.meetingId })}>
          <Localized ctx={ctx} text={props.meetingTitle} />
        </a>
      </p>
      <h1>{t('document.submitTitle')}</h1>
      <p>
        {t('document.submitIntro')} <a href={props.templateHref}>{t('document.template')}</a>
      </p>
      <p class="hint">{props.deadlineHint}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={documentPaths.submit({ id: props.meetingId })} enctype="multipart/form-data" novalidate>
        <CsrfField ctx={ctx} />
        <RequiredNote ctx={ctx} />
        <input type="hidden" name="_idem" value={props.requestKey} />
        {props.reservations.length > 0 && (
          <SelectField
            ctx={ctx}
            form={form}
            name="reservation"
            label={t('document.reservationField')}
            options={[
              { value: '', label: t('document.reservationNone') },
              ...props.reservations.map((r) => ({ value: r.number, label: `${r.number} — ${r.title}` })),
            ]}
          />
        )}
        <DocumentTypeField ctx={ctx} form={form} types={props.types} />
        <DetailFields ctx={ctx} form={form} workingGroups={props.workingGroups} />
        <FileField ctx={ctx} form={form} />
        <SubmitButton>{t('document.submit')}</SubmitButton>
      </form>
    </Layout>
  );
}

function FileField(props: { ctx: ViewContext; form: FormState }) {
  const { t } = props.ctx;
  const error = props.form.errors.find((e) => e.field === 'file');
  recordLabel(props.form, 'file', t('document.file'));
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for="f-file">
        {t('document.file')}
        <span aria-hidden="true"> *</span>
      </label>
      <p class="hint" id="f-file-hint">
        {t('document.fileHint')}
      </p>
      {error && (
        <p class="field-error" id="f-file-error">
          {t(error.message, error.params)}
        </p>
      )}
      <input
        id="f-file"
        type="file"
        name="file"
        required
        accept=".docx,.pdf,.pptx,.xlsx,.zip"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? 'f-file-hint f-file-error' : 'f-file-hint'}
      />
    </div>
  );
}

export function TemplateUploadPage(props: { ctx: ViewContext; code: string; form: FormState }) {
  const { ctx, form } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('template.upload')}>
      <p class="eyebrow">
        <a href={groupPaths.group({ code: props.code })}>{props.code.toUpperCase()}</a>
      </p>
      <h1>{t('template.upload')}</h1>
      <p>{t('template.uploadIntro')}</p>
      <p>{t('template.uploadPlaceholder', { placeholder: NUMBER_PLACEHOLDER })}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={documentPaths.templateUpload({ code: props.code })} enctype="multipart/form-data" novalidate>
        <CsrfField ctx={ctx} />
        <RequiredNote ctx={ctx} />
        <FileField ctx={ctx} form={form} />
        <SubmitButton>{t('template.upload')}</SubmitButton>
      </form>
      <form method="post" action={documentPaths.templateReset({ code: props.code })}>
        <CsrfField ctx={ctx} />
        <div class="actions">
          <button type="submit">{t('template.useGenerated')}</button>
        </div>
      </form>
    </Layout>
  );
}

export function EditDocumentPage(props: {
  ctx: ViewContext;
  doc: Pick<DocumentView, 'number' | 'title'>;
  form: FormState;
  workingGroups: string[];
}) {
  const { ctx, form, doc } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('document.editDetails')}>
      <p class="eyebrow">
        <a href={documentPaths.document({ number: doc.number })}>{doc.number}</a>
      </p>
      <h1>{t('document.editDetails')}</h1>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={documentPaths.edit({ number: doc.number })} novalidate>
        <CsrfField ctx={ctx} />
        <RequiredNote ctx={ctx} />
        <DetailFields ctx={ctx} form={form} workingGroups={props.workingGroups} />
        <SubmitButton>{t('form.save')}</SubmitButton>
      </form>
    </Layout>
  );
}

export function ReviseDocumentPage(props: {
  ctx: ViewContext;
  doc: Pick<DocumentView, 'number' | 'title' | 'latestRevision'>;
  form: FormState;
  requestKey: string;
}) {
  const { ctx, form, doc } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('document.uploadRevision')}>
      <p class="eyebrow">
        <a href={documentPaths.document({ number: doc.number })}>
          <span class="doc-number">{doc.number}</span>: <bdi>{doc.title}</bdi>
        </a>
      </p>
      <h1>{t('document.uploadRevision')}</h1>
      <p>{t('document.revisionIntro', { revision: revisionLabel(doc.latestRevision + 1) })}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={documentPaths.revise({ number: doc.number })} enctype="multipart/form-data" novalidate>
        <CsrfField ctx={ctx} />
        <RequiredNote ctx={ctx} />
        <input type="hidden" name="_idem" value={props.requestKey} />
        <FileField ctx={ctx} form={form} />
        <SubmitButton>{t('document.uploadRevision')}</SubmitButton>
      </form>
    </Layout>
  );
}

export function SearchPage(props: {
  ctx: ViewContext;
  q: string;
  type: string;
  group: string;
  groups: { code: string; name: string }[];
  meeting: string;
  meetings: { id: number; label: string }[];
  result: SearchResult | null;
  offset: number;
  limit: number;
}) {
  const { ctx, result } = props;
  const { t } = ctx;
  const pageLink = (offset: number) =>
    `${documentPaths.search()}?${new URLSearchParams({ q: props.q, type: props.type, group: props.group, meeting: props.meeting, offset: String(offset) }).toString()}`;
  return (
    <Layout ctx={ctx} title={props.q ? `${t('search.title')}: ${props.q}` : t('search.title')}>
      <h1>{t('search.title')}</h1>
      <form method="get" action={documentPaths.search()} role="search" class="filters">
        <div class="field">
          <label for="search-q">{t('search.query')}</label>
          <input id="search-q" type="search" name="q" value={props.q} />
        </div>
        <div class="field">
          <label for="search-type">{t('document.type')}</label>
          <select id="search-type" name="type">
            <option value="">{t('document.allTypes')}</option>
            {documentTypes.map((type) => (
              <option value={type} selected={props.type === type}>
                {t(documentTypeLabel[type])}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="search-group">{t('search.group')}</label>
          <select id="search-group" name="group">
            <option value="">{t('search.allGroups')}</option>
            {props.groups.map((g) => (
              <option value={g.code.toLowerCase()} selected={props.group === g.code.toLowerCase()}>
                {g.code} — {g.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="search-meeting">{t('search.meeting')}</label>
          <select id="search-meeting" name="meeting">
            <option value="">{t('search.allMeetings')}</option>
            {props.meetings.map((m) => (
              <option value={String(m.id)} selected={props.meeting === String(m.id)}>
                {m.label}
              </option>
            ))}
          </select>
        </div>
        <div class="actions">
          <button type="submit">{t('search.submit')}</button>
        </div>
      </form>
      {result && (
        <section aria-labelledby="results-h">
          <h2 id="results-h">
            {result.more ? t('search.resultsMore', { count: result.total }) : t('search.results', { count: result.total })}
          </h2>
          {result.hits.length === 0 ? (
            <p>{t('search.none')}</p>
          ) : (
            <ol class="results" start={props.offset + 1}>
              {result.hits.map((hit) => (
                <li>
                  <a href={documentPaths.document({ number: hit.number })}>
                    <strong class="doc-number">{hit.number}</strong>
                    {hit.latestRevision > 0 && ` ${revisionLabel(hit.latestRevision)}`}: <bdi>{hit.title}</bdi>
                  </a>
                  {hit.withdrawn && <span class="tag">{t('document.withdrawn')}</span>}
                  <p class="snippet" dir="auto">
                    {hit.snippet.map((part) => (part.hit ? <mark>{part.text}</mark> : part.text))}
                  </p>
                </li>
              ))}
            </ol>
          )}
          <nav aria-label={t('search.pages')} class="pager">
            {props.offset > 0 && <a href={pageLink(Math.max(0, props.offset - props.limit))}>{t('search.previous')}</a>}{' '}
            {props.offset + props.limit < result.total && <a href={pageLink(props.offset + props.limit)}>{t('search.next')}</a>}
          </nav>
        </section>
      )}
    </Layout>
  );
}
