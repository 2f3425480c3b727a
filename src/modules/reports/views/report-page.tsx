import type { ViewContext } from '../../../platform/http/request-context.ts';
import { formatDate, languageName } from '../../../platform/i18n/dates.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import { Alert, DataTable } from '../../../platform/ui/components.tsx';
import { CsrfField, ErrorSummary, type FormState, TextArea } from '../../../platform/ui/forms.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { MeetingDetail } from '../../meetings/service.ts';
import { MeetingNav } from '../../meetings/views/meeting-nav.tsx';
import type { Report, ReportBlock } from '../compose.ts';
import { reportPaths } from '../paths.ts';
import type { ReportVersion } from '../service.ts';
import { reportTextFields, reportTextLabel } from '../vocabulary.ts';

/** The name of a form field of one section's text: `opening`, `summary`, `aob`. */
export const textField = (field: string) => `text_${field}`;

/** A heading of the report `shift` levels down (the preview inside the draft page nests it under its own heading). */
function Heading(props: { level: number; text: string }) {
  const Tag = `h${Math.min(props.level, 6)}` as 'h2';
  return <Tag>{props.text}</Tag>;
}

function Block(props: { block: ReportBlock; shift: number }) {
  const b = props.block;
  switch (b.kind) {
    case 'heading':
      return <Heading level={b.level + props.shift} text={b.text} />;
    case 'paragraph':
      return <p class={b.placeholder ? 'meta' : undefined}>{b.text}</p>;
    case 'list':
      return (
        <ul>
          {b.items.map((item) => (
            <li>{item}</li>
          ))}
        </ul>
      );
    case 'facts':
      return (
        <dl class="facts">
          {b.rows.map((r) => (
            <>
              <dt>{r.label}</dt>
              <dd>{r.value}</dd>
            </>
          ))}
        </dl>
      );
    case 'table':
      return (
        <DataTable caption={b.caption} label={b.caption} stack>
          <thead>
            <tr>
              {b.headers.map((h) => (
                <th scope="col">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {b.rows.map((row) => (
              <tr>
                {row.map((v, i) => (
                  <td data-label={b.headers[i]}>{v}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </DataTable>
      );
  }
}

/**
 * The report itself, in its language (`lang`, `dir` on its element: the page around it may be in another); its
 * title the page's h1, or — `shift` 1, in the draft's preview under the page's own h1 and h2 — an h3 and below.
 */
function ReportBody(props: { report: Report; shift?: number }) {
  const { report } = props;
  const shift = props.shift ?? 0;
  return (
    <article class="meeting-report" lang={report.locale} dir={report.dir}>
      <Heading level={1 + shift * 2} text={report.title} />
      <p class="lead">{report.status}</p>
      {report.blocks.map((block) => (
        <Block block={block} shift={shift * 2} />
      ))}
    </article>
  );
}

/** Links to the report in each of the meeting's working languages. */
function LanguageLinks(props: { ctx: ViewContext; languages: Locale[]; current: Locale; href: (lang: Locale) => string }) {
  if (props.languages.length < 2) return null;
  return (
    <nav aria-label={props.ctx.t('report.languages')}>
      <ul class="inline-list">
        {props.languages.map((l) => (
          <li>
            <a href={props.href(l)} lang={l} hrefLang={l} aria-current={l === props.current ? 'true' : undefined}>
              {languageName(l, l)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Downloads(props: { ctx: ViewContext; lang: Locale; pdf: string; docx: string }) {
  const { t } = props.ctx;
  const language = languageName(props.lang, props.ctx.locale);
  return (
    <p class="downloads">
      <span>{t('report.downloads')}:</span>{' '}
      <a href={props.pdf} type="application/pdf">
        {t('report.downloadPdf', { language })}
      </a>{' '}
      ·{' '}
      <a href={props.docx} type="application/vnd.openxmlformats-officedocument.wordprocessingml.document">
        {t('report.downloadDocx', { language })}
      </a>
    </p>
  );
}

function VersionsTable(props: { ctx: ViewContext; meetingId: number; versions: ReportVersion[]; lang: Locale }) {
  const { ctx, versions } = props;
  const { t } = ctx;
  if (versions.length === 0) return <p>{t('report.noneIssued')}</p>;
  return (
    <DataTable caption={t('report.issued')} label={t('report.issued')} stack>
      <thead>
        <tr>
          <th scope="col">{t('report.col.version')}</th>
          <th scope="col">{t('report.col.issuedOn')}</th>
          <th scope="col">{t('report.downloads')}</th>
        </tr>
      </thead>
      <tbody>
        {versions.map((v) => {
          const at = { id: props.meetingId, version: v.version };
          return (
            <tr>
              <td data-label={t('report.col.version')}>
                <a href={reportPaths.version(at, { lang: props.lang })}>{t('report.versionLabel', { version: v.version })}</a>
              </td>
              <td data-label={t('report.col.issuedOn')}>{formatDate(v.issuedOn, ctx.locale)}</td>
              <td data-label={t('report.downloads')}>
                {/* One element: a stacked table's cell is a grid of its label and one value. */}
                <span>
                  <a href={reportPaths.versionPdf(at, { lang: props.lang })} type="application/pdf">
                    PDF
                  </a>{' '}
                  · <a href={reportPaths.versionDocx(at, { lang: props.lang })}>.docx</a>
                </span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}

/** The secretariat's page: the draft composed now, its texts to write in the chosen language, issuing, the versions issued. */
export function DraftReportPage(props: {
  ctx: ViewContext;
  detail: MeetingDetail;
  report: Report;
  languages: Locale[];
  issued: ReportVersion[];
  form: FormState;
  notice?: string;
}) {
  const { ctx, detail, report, form } = props;
  const { t } = ctx;
  const id = detail.meeting.id;
  const lang = report.locale;
  const language = languageName(lang, ctx.locale);
  return (
    <Layout ctx={ctx} title={t('report.draftHeading')} notice={props.notice}>
      <MeetingNav ctx={ctx} detail={detail} current="report-draft" />
      <h1>{t('report.draftHeading')}</h1>
      <p class="lead">{t('report.draftLead')}</p>
      <LanguageLinks ctx={ctx} languages={props.languages} current={lang} href={(l) => reportPaths.draft({ id }, { lang: l })} />
      <Downloads ctx={ctx} lang={lang} pdf={reportPaths.draftPdf({ id }, { lang })} docx={reportPaths.draftDocx({ id }, { lang })} />

      <section aria-labelledby="report-texts-h">
        <h2 id="report-texts-h">{t('report.textsIn', { language })}</h2>
        <ErrorSummary ctx={ctx} form={form} />
        <form method="post" action={reportPaths.draft({ id }, { lang })} class="report-texts" novalidate>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="lang" value={lang} />
          {reportTextFields.map((field) => (
            <div lang={lang} dir={report.dir}>
              <TextArea
                ctx={ctx}
                form={form}
                name={textField(field)}
                label={t(reportTextLabel[field])}
                hint={t('report.textsHint')}
                rows={6}
              />
            </div>
          ))}
          <button type="submit">{t('report.save')}</button>
        </form>
      </section>

      <section aria-labelledby="report-issue-h">
        <h2 id="report-issue-h">{t('report.issueHeading')}</h2>
        <p>{t('report.issueHint')}</p>
        <form method="post" action={reportPaths.issue({ id })}>
          <CsrfField ctx={ctx} />
          <button type="submit">{t('report.issueButton', { version: (props.issued.at(-1)?.version ?? 0) + 1 })}</button>
        </form>
        <VersionsTable ctx={ctx} meetingId={id} versions={props.issued} lang={lang} />
      </section>

      <section aria-labelledby="report-preview-h" class="report-preview">
        <h2 id="report-preview-h">{t('report.preview')}</h2>
        <ReportBody report={report} shift={1} />
      </section>
    </Layout>
  );
}

/** An issued version, as issued: public as the group's documents are. */
export function IssuedReportPage(props: {
  ctx: ViewContext;
  detail: MeetingDetail;
  report: Report;
  version: number;
  languages: Locale[];
  versions: ReportVersion[];
}) {
  const { ctx, detail, report } = props;
  const { t } = ctx;
  const id = detail.meeting.id;
  const lang = report.locale;
  const at = { id, version: props.version };
  const latest = props.versions.at(-1)?.version;
  return (
    <Layout ctx={ctx} title={report.title}>
      <MeetingNav ctx={ctx} detail={detail} current="report" page={t('report.tab')} />
      {latest !== undefined && latest > props.version && (
        <Alert tone="warning">
          {t('report.superseded')}{' '}
          <a href={reportPaths.version({ id, version: latest }, { lang })}>{t('report.versionLabel', { version: latest })}</a>
        </Alert>
      )}
      <LanguageLinks ctx={ctx} languages={props.languages} current={lang} href={(l) => reportPaths.version(at, { lang: l })} />
      <Downloads ctx={ctx} lang={lang} pdf={reportPaths.versionPdf(at, { lang })} docx={reportPaths.versionDocx(at, { lang })} />
      <ReportBody report={report} />
      {/* Not a landmark of its own: the table's scrolling region already is one, under the same name. */}
      <h2 id="report-versions-h">{t('report.issued')}</h2>
      <VersionsTable ctx={ctx} meetingId={id} versions={props.versions} lang={lang} />
    </Layout>
  );
}

/** On the meeting page: the latest issued report, to whoever may read it. */
export function MeetingReportNote(props: { ctx: ViewContext; meetingId: number; latest: ReportVersion | null }) {
  const { ctx, latest } = props;
  if (!latest) return null;
  return (
    <p class="report-note">
      <a href={reportPaths.version({ id: props.meetingId, version: latest.version })}>
        {ctx.t('report.note', { version: latest.version, date: formatDate(latest.issuedOn, ctx.locale) })}
      </a>
    </p>
  );
}
