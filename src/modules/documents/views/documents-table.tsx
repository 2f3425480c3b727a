import type { ViewContext } from '../../../platform/http/request-context.ts';
import { formatDate } from '../../../platform/i18n/dates.ts';
import { SortableHeader } from '../../../platform/ui/table.tsx';
import { contributionClassLabel } from '../../meetings/vocabulary.ts';
import type { DocumentFilter, ListedDocument } from '../listing.ts';
import { documentPaths } from '../paths.ts';
import { revisionLabel } from '../rules.ts';
import { documentTypeLabel, documentTypes } from '../vocabulary.ts';

interface DocumentsSectionProps {
  ctx: ViewContext;
  /** The rendered list (DocumentsList), or null when the reader may not see the documents. */
  listHtml: string | null;
  hasDocuments: boolean;
  links: { submit?: string; reserve?: string; template?: string; zip?: string; signIn?: string };
  /** Submission state for the meeting: a hint like "closes in 3 days" or "late submissions are flagged". */
  deadlineHint?: string;
}

/** The documents of a meeting or group: actions for this reader, then the list (rendered separately, so it can be reused). */
export function DocumentsSection(props: DocumentsSectionProps) {
  const { t } = props.ctx;
  return (
    <section aria-labelledby="documents-h" id="documents">
      <h2 id="documents-h">{t('document.list')}</h2>
      <p class="cta">
        {props.links.submit && (
          <a class="button" href={props.links.submit}>
            {t('document.submit')}
          </a>
        )}{' '}
        {props.links.reserve && (
          <>
            <a class="button secondary" href={props.links.reserve}>
              {t('document.reserve')}
            </a>{' '}
          </>
        )}
        {props.links.template && <a href={props.links.template}>{t('document.template')}</a>}
        {props.links.zip && props.hasDocuments && (
          <>
            {' · '}
            <a href={props.links.zip}>{t('document.downloadAll')}</a>
          </>
        )}
      </p>
      {props.deadlineHint && <p class="hint">{props.deadlineHint}</p>}
      {props.listHtml === null ? (
        <p>
          {t('document.signInToRead')} {props.links.signIn && <a href={props.links.signIn}>{t('nav.login')}</a>}
        </p>
      ) : (
        // Rendered by DocumentsList from escaped JSX, like the rest of the page.
        <div dangerouslySetInnerHTML={{ __html: props.listHtml }} />
      )}
    </section>
  );
}

const sortColumns = [
  ['number', 'document.number'],
  ['title', 'document.title'],
  ['source', 'document.source'],
  ['group', 'document.workingGroups'],
  ['date', 'document.date'],
] as const;

function query(filter: DocumentFilter, changes: Partial<Record<'sort' | 'desc' | 'type' | 'wg' | 'q', string>>): string {
  const params = new URLSearchParams();
  const merged = {
    type: filter.type ?? '',
    wg: filter.workingGroup ?? '',
    q: filter.q ?? '',
    sort: filter.sort ?? '',
    desc: filter.desc ? '1' : '',
    ...changes,
  };
  for (const [key, value] of Object.entries(merged)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

interface DocumentsListProps {
  /** Only the language matters here: the list is the same for every reader who may see it. */
  t: ViewContext['t'];
  locale: ViewContext['locale'];
  basePath: string;
  documents: ListedDocument[];
  filter: DocumentFilter;
  workingGroups: string[];
  /** Meetings whose contribution deadline has ended: a reservation for one still without its file is "not submitted". */
  lapsedMeetings?: ReadonlySet<number>;
  /** A meeting's list: late contributions in a section of their own, after the others. */
  lateApart?: boolean;
}

/** The filter form and the sortable table. */
export function DocumentsList(props: DocumentsListProps) {
  const { t, locale, filter } = props;
  const onTime = props.lateApart ? props.documents.filter((d) => !d.late) : props.documents;
  const late = props.lateApart ? props.documents.filter((d) => d.late) : [];
  // Thousands of rows share few days: each is formatted once.
  const days = new Map<string, string>();
  const day = (date: string) => {
    let text = days.get(date);
    if (text === undefined) {
      text = formatDate(date, locale);
      days.set(date, text);
    }
    return text;
  };
  const filtered = Boolean(filter.type || filter.workingGroup || filter.q);
  // Nothing received yet: nothing to filter.
  if (props.documents.length === 0 && !filtered) return <p>{t('document.none')}</p>;
  return (
    <>
      <form method="get" action={`${props.basePath}#documents`} class="filter-bar" role="search" aria-label={t('document.filter')}>
        <div class="field">
          <label for="doc-type">{t('document.type')}</label>
          <select id="doc-type" name="type">
            <option value="">{t('document.allTypes')}</option>
            {documentTypes.map((type) => (
              <option value={type} selected={filter.type === type}>
                {t(documentTypeLabel[type])}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="doc-wg">{t('document.workingGroups')}</label>
          <select id="doc-wg" name="wg">
            <option value="">{t('document.allGroups')}</option>
            {props.workingGroups.map((wg) => (
              <option value={wg} selected={filter.workingGroup === wg}>
                {wg}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="doc-q">{t('document.filterText')}</label>
          <input id="doc-q" name="q" type="search" value={filter.q ?? ''} />
        </div>
        {filter.sort && <input type="hidden" name="sort" value={filter.sort} />}
        {filter.desc && <input type="hidden" name="desc" value="1" />}
        <div class="filter-actions">
          <button type="submit">{t('document.applyFilter')}</button>
        </div>
      </form>
      {props.documents.length === 0 ? (
        <p>{t('document.none')}</p>
      ) : props.lateApart ? (
        <>
          {onTime.length === 0 ? (
            <p>{t('document.none')}</p>
          ) : (
            <DocumentTable {...props} documents={onTime} day={day} caption={t('document.list')} />
          )}
          {late.length > 0 && (
            <section aria-labelledby="late-documents-h" class="late-documents">
              <h3 id="late-documents-h">{t('document.lateSection')}</h3>
              <p class="hint">{t('document.lateSection.hint')}</p>
              <DocumentTable {...props} documents={late} day={day} caption={t('document.lateSection')} />
            </section>
          )}
        </>
      ) : (
        <DocumentTable {...props} documents={props.documents} day={day} caption={t('document.list')} />
      )}
    </>
  );
}

/** One table of documents, with sortable columns. */
function DocumentTable(props: DocumentsListProps & { day: (date: string) => string; caption: string }) {
  const { t, filter, day } = props;
  const sort = filter.sort ?? 'number';
  return (
    <table class="documents">
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          {sortColumns.map(([key, label]) => {
            const active = sort === key;
            const nextDesc = active && !filter.desc;
            return (
              <SortableHeader
                label={t(label)}
                href={`${props.basePath}${query(filter, { sort: key, desc: nextDesc ? '1' : '' })}#documents`}
                active={active}
                descending={active && Boolean(filter.desc)}
              />
            );
          })}
        </tr>
      </thead>
      <tbody>
        {props.documents.map((d) => (
          <tr class={d.withdrawn ? 'withdrawn' : undefined} data-class={d.deadlineClass}>
            <td>
              <a class="doc-number" href={documentPaths.document({ number: d.number })}>
                {d.number}
              </a>
              {d.latestRevision > 0 && ` ${revisionLabel(d.latestRevision)}`}
            </td>
            <td>
              <bdi>{d.withdrawn ? <del>{d.title}</del> : d.title}</bdi>
              {d.withdrawn && <span class="tag">{t('document.withdrawn')}</span>}
              {d.late && <span class="tag late">{t('document.late')}</span>}
              {d.deadlineClass === 'translation' && <span class="tag">{t(contributionClassLabel.translation)}</span>}
              {d.heldOverFrom !== null && <span class="tag">{t('document.heldOver')}</span>}
              {d.needsDetails && <span class="tag">{t('document.needsDetails')}</span>}
              {d.status === 'reserved' && (
                <span class="tag">
                  {t(d.meetingId !== null && props.lapsedMeetings?.has(d.meetingId) ? 'document.notSubmitted' : 'document.reserved')}
                </span>
              )}
            </td>
            <td>
              <bdi>{d.sources.join('; ')}</bdi>
            </td>
            <td>{d.workingGroups.join(', ')}</td>
            <td>
              <time dateTime={d.submittedOn}>{day(d.submittedOn)}</time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Sort and filter from the page's query string. */
export function documentFilterFrom(query: unknown): DocumentFilter {
  const q = (query ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 200) : undefined);
  return { type: text(q.type), workingGroup: text(q.wg), q: text(q.q), sort: text(q.sort), desc: q.desc === '1' };
}
