import type { ViewContext } from '../../../platform/http/request-context.ts';
import { formatDateRange } from '../../../platform/i18n/dates.ts';
import { DataTable } from '../../../platform/ui/components.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Localized } from '../../../platform/ui/localized.tsx';
import type { MenuLink } from '../../../platform/ui/menus.ts';
import { type PageSlice, Pagination } from '../../../platform/ui/pagination.tsx';
import { meetingPaths } from '../../meetings/paths.ts';
import { registrationPaths } from '../../registrations/paths.ts';
import { visaPaths } from '../../visas/paths.ts';
import { consolePaths } from '../paths.ts';

function Links(props: { links: MenuLink[] }) {
  return (
    <>
      {props.links.map((link, i) => (
        <>
          {i > 0 && ' · '}
          <a href={link.href}>{link.label}</a>
        </>
      ))}
    </>
  );
}

/** A meeting as the console lists it: when, and what waits there (counted for the whole list at once). */
export interface ConsoleMeeting {
  id: number;
  title: Record<string, string>;
  groupCode: string;
  firstDay: string;
  lastDay: string;
  registrations: number;
  documents: number;
  visasWaiting: number;
  links: MenuLink[];
}

function MeetingsTable(props: { ctx: ViewContext; meetings: ConsoleMeeting[] }) {
  const { ctx } = props;
  const { t, locale } = ctx;
  const label = {
    meeting: t('console.meeting'),
    dates: t('console.meeting.dates'),
    registrations: t('console.meeting.registrations'),
    documents: t('console.meeting.documents'),
    visasWaiting: t('console.meeting.visasWaiting'),
  };
  return (
    <DataTable caption={t('console.meetings')} label={t('console.meetings')} stack>
      <thead>
        <tr>
          <th scope="col">{label.meeting}</th>
          <th scope="col">{label.dates}</th>
          <th scope="col" class="num">
            {label.registrations}
          </th>
          <th scope="col" class="num">
            {label.documents}
          </th>
          <th scope="col" class="num">
            {label.visasWaiting}
          </th>
        </tr>
      </thead>
      <tbody>
        {props.meetings.map((m) => (
          <tr>
            <td data-label={label.meeting}>
              <span class="cell-lines">
                <a href={meetingPaths.meeting({ id: m.id })}>
                  {m.groupCode} — <Localized ctx={ctx} text={m.title} />
                </a>
                <span class="meta">
                  <Links links={m.links} />
                </span>
              </span>
            </td>
            <td data-label={label.dates} class="nowrap">
              {m.firstDay ? formatDateRange(m.firstDay, m.lastDay, locale) : ''}
            </td>
            <td data-label={label.registrations} class="num">
              <a href={registrationPaths.console({ id: m.id })}>{m.registrations}</a>
            </td>
            <td data-label={label.documents} class="num">
              <a href={`${meetingPaths.meeting({ id: m.id })}#documents`}>{m.documents}</a>
            </td>
            <td data-label={label.visasWaiting} class="num">
              <a href={visaPaths.queue({}, { meeting: m.id, status: 'requested' })}>{m.visasWaiting}</a>
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

export function ConsolePage(props: {
  ctx: ViewContext;
  mailCount: number;
  meetings: ConsoleMeeting[];
  slice: PageSlice;
  menu: MenuLink[];
  smtpConfigured: boolean;
}) {
  const { ctx, slice } = props;
  const { t } = ctx;
  const href = (page: number) => consolePaths.console({}, { page: page > 1 ? page : undefined });
  return (
    <Layout ctx={ctx} title={t('console.title')}>
      <h1>{t('console.title')}</h1>
      <p>
        <Links links={props.menu} />
      </p>
      {/* No section of its own: the table's region is the landmark, named as the heading. */}
      <h2 id="meetings-h">{t('console.meetings')}</h2>
      {slice.pages > 1 && <Pagination ctx={ctx} slice={slice} href={href} />}
      <MeetingsTable ctx={ctx} meetings={props.meetings} />
      {slice.pages > 1 && <Pagination ctx={ctx} slice={slice} href={href} />}
      <section aria-labelledby="mail-h">
        <h2 id="mail-h">{t('console.mail')}</h2>
        <p>{props.smtpConfigured ? t('console.mail.smtp') : t('console.mail.kept')}</p>
        <p>
          <a href={consolePaths.outbox()}>{t('console.mail.open', { count: props.mailCount })}</a>
        </p>
      </section>
    </Layout>
  );
}
