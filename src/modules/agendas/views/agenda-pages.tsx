import type { ViewContext } from '../../../platform/http/request-context.ts';
import { formatInstant } from '../../../platform/i18n/dates.ts';
import { pick } from '../../../platform/i18n/index.ts';
import { CsrfField } from '../../../platform/ui/forms.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Localized } from '../../../platform/ui/localized.tsx';
import { Paragraphs } from '../../../platform/ui/text.tsx';
import { DateRangeText } from '../../../platform/ui/units.tsx';
import { documentPaths } from '../../documents/paths.ts';
import { subgroupName } from '../../groups/views/group-page.tsx';
import { meetingPaths } from '../../meetings/paths.ts';
import { agendaPaths } from '../paths.ts';
import { agendaVersionLabel } from '../rules.ts';
import type { AgendaVersion, AgendaView, Allocation, SessionInfo } from '../service.ts';

export function sessionTitle(ctx: ViewContext, session: SessionInfo): string {
  return `${subgroupName(ctx, session)} – ${pick(session.subgroupTitle, ctx.locale)}`;
}

/** The session's name, its subgroup's title marked with its language when it fell back (Localized). */
export function SessionTitle(props: { ctx: ViewContext; session: SessionInfo }) {
  return (
    <>
      {subgroupName(props.ctx, props.session)} – <Localized ctx={props.ctx} text={props.session.subgroupTitle} />
    </>
  );
}

/** "Rev.1" or, for the first version, nothing. */
const withLabel = (text: string, label: string) => (label ? `${text} ${label}` : text);

function Items(props: { ctx: ViewContext; agenda: AgendaVersion; idPrefix?: string }) {
  const { ctx, agenda } = props;
  const { t } = ctx;
  if (agenda.items.length === 0) return <p>{t('agenda.noItems')}</p>;
  return (
    <ol class="agenda-items">
      {agenda.items.map((item) => (
        <li id={`${props.idPrefix ?? ''}item-${item.number}`} value={item.number}>
          {/* Typed by the chair in whatever language: isolated, its direction its own. */}
          <h3>
            <bdi>{item.title}</bdi>
          </h3>
          {item.description && (
            <div dir="auto">
              <Paragraphs text={item.description} />
            </div>
          )}
          {item.documents.length > 0 && (
            <>
              <p class="meta">{t('agenda.documents')}</p>
              <ul class="agenda-documents">
                {item.documents.map((d) => (
                  <li>
                    <a class="doc-number" href={documentPaths.document({ number: d.number })}>
                      {d.number}
                    </a>
                    {d.title && (
                      <>
                        : <bdi>{d.title}</bdi>
                      </>
                    )}
                    {d.withdrawn && <span class="tag">{t('document.withdrawn')}</span>}
                  </li>
                ))}
              </ul>
            </>
          )}
        </li>
      ))}
    </ol>
  );
}

export function AgendaPage(props: { ctx: ViewContext; view: AgendaView; notice?: string }) {
  const { ctx, view } = props;
  const { t, locale } = ctx;
  const { session, shown, draft } = view;
  const path = agendaPaths.agenda({ id: session.id });
  const title = withLabel(t('agenda.title', { session: subgroupName(ctx, session) }), shown?.label ?? '');
  return (
    <Layout ctx={ctx} title={title} notice={props.notice}>
      <p class="eyebrow">
        <a href={meetingPaths.meeting({ id: session.meetingId })}>
          {session.groupCode} — <Localized ctx={ctx} text={session.meetingTitle} />
        </a>
      </p>
      <h1>{title}</h1>
      <p class="lead">
        <SessionTitle ctx={ctx} session={session} /> · <DateRangeText ctx={ctx} start={session.startDate} end={session.endDate} />
      </p>
      {shown ? (
        <section aria-labelledby="agenda-h">
          <h2 id="agenda-h">{shown.status === 'draft' ? withLabel(t('agenda.draft'), shown.label) : t('agenda.items')}</h2>
          <p class="meta">
            {shown.status === 'published' && shown.publishedAt
              ? t('agenda.publishedOn', { date: formatInstant(shown.publishedAt, locale, session.timeZone) })
              : t('agenda.notPublic')}
          </p>
          {shown.status === 'published' && !view.latest && (
            <p class="banner" role="note">
              {t('agenda.earlierVersion')} <a href={path}>{t('agenda.seeLatest')}</a>
            </p>
          )}
          <Items ctx={ctx} agenda={shown} />
        </section>
      ) : (
        <p>{t('agenda.nothingPublished')}</p>
      )}
      {view.published.length > 1 && (
        <section aria-labelledby="versions-h">
          <h2 id="versions-h">{t('agenda.versions')}</h2>
          <ul>
            {view.published.map((v) => {
              const text = t('agenda.versionPublished', {
                label: v.label || t('agenda.original'),
                date: formatInstant(v.publishedAt, locale, session.timeZone),
              });
              return (
                <li>
                  {shown && shown.version === v.version ? (
                    <span aria-current="page">{text}</span>
                  ) : (
                    <a href={v === view.published[0] ? path : agendaPaths.agenda({ id: session.id }, { version: v.version })}>{text}</a>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {view.editor && <EditorSection ctx={ctx} view={view} draft={shown?.status === 'draft' ? null : draft} />}
      <p class="meta">
        <a href={`/api${path}${shown && !view.latest ? `?version=${shown.version}` : ''}`}>{t('group.json')}</a>
      </p>
    </Layout>
  );
}

/** What editors see under the agenda: the draft in progress and its buttons, or how to start one. */
function EditorSection(props: { ctx: ViewContext; view: AgendaView; draft: AgendaVersion | null }) {
  const { ctx, view, draft } = props;
  const { t, locale } = ctx;
  const label = agendaVersionLabel(view.draftVersion);
  const hasDraft = view.draft !== null;
  return (
    <section aria-labelledby="draft-h">
      <h2 id="draft-h">{withLabel(t('agenda.draft'), label)}</h2>
      {hasDraft ? (
        <p>{t('agenda.draftState', { date: formatInstant(view.draft!.updatedAt, locale, view.session.timeZone) })}</p>
      ) : (
        <p>{view.published.length === 0 ? t('agenda.emptyDraftPrompt') : t('agenda.noDraft', { label })}</p>
      )}
      {draft && <Items ctx={ctx} agenda={draft} idPrefix="draft-" />}
      <p class="admin-actions">
        <a class="button" href={agendaPaths.edit({ id: view.session.id })}>
          {hasDraft ? t('agenda.editDraft') : view.published.length === 0 ? t('agenda.startDraft') : t('agenda.newRevision', { label })}
        </a>
      </p>
      {hasDraft && (
        <form method="post" action={agendaPaths.publish({ id: view.session.id })}>
          <CsrfField ctx={ctx} />
          <p class="hint">{t('agenda.publishHint')}</p>
          <div class="actions">
            <button type="submit">{t('agenda.publish')}</button>
          </div>
        </form>
      )}
    </section>
  );
}

/** The agenda link of a session on the meeting page: "Agenda", or "Draft agenda" for editors. */
export function AgendaLink(props: { ctx: ViewContext; sessionId: number; state: 'published' | 'draft' | undefined }) {
  if (!props.state) return null;
  return (
    <>
      {' · '}
      <a href={agendaPaths.agenda({ id: props.sessionId })}>
        {props.state === 'published' ? props.ctx.t('agenda.link') : props.ctx.t('agenda.draftLink')}
      </a>
    </>
  );
}

/** On a document's page: the agenda items it is allocated to ("WG5 – item 3: …"). */
export function AgendaAllocations(props: { ctx: ViewContext; allocations: Allocation[] }) {
  const { t } = props.ctx;
  if (props.allocations.length === 0) return null;
  return (
    <>
      <dt>{t('agenda.allocatedTo')}</dt>
      <dd>
        <ul class="agenda-allocations">
          {props.allocations.map((a) => (
            <li>
              <a href={`${agendaPaths.agenda({ id: a.sessionId })}#item-${a.itemNumber}`}>
                {t('agenda.allocation', { session: a.subgroup, item: a.itemNumber, title: a.title })}
              </a>
            </li>
          ))}
        </ul>
      </dd>
    </>
  );
}
