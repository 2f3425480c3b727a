import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../../platform/http/request-context.ts';
import { formatDate, formatDateRange, formatInstant, languageName, timeZoneName } from '../../../platform/i18n/dates.ts';
import { pick } from '../../../platform/i18n/index.ts';
import { Card } from '../../../platform/ui/components.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Localized } from '../../../platform/ui/localized.tsx';
import type { MenuLink } from '../../../platform/ui/menus.ts';
import { DateRangeText } from '../../../platform/ui/units.tsx';
import { subgroupName } from '../../groups/views/group-page.tsx';
import { formatHours } from '../hours.ts';
import { meetingPaths } from '../paths.ts';
import { afterDeadlineText, classesInUse, deadlineState, type MeetingWarning, warningText } from '../rules.ts';
import type { MeetingDetail } from '../service.ts';
import type { OfficerTool } from '../slots.ts';
import { venueText } from '../venue.ts';
import { type DeadlineKind, deadlineKinds, meetingModeLabel } from '../vocabulary.ts';
import { MeetingNav } from './meeting-nav.tsx';
import { VenuePlace } from './venue-place.tsx';

export function WarningList(props: { ctx: ViewContext; warnings: MeetingWarning[] }) {
  const { t } = props.ctx;
  if (props.warnings.length === 0) return null;
  return (
    <div class="warnings" role="status">
      <h2>{t('meeting.warnings')}</h2>
      <ul>
        {props.warnings.map((w) => (
          <li>{warningText(w, t)}</li>
        ))}
      </ul>
    </div>
  );
}

function DeadlineTable(props: { ctx: ViewContext; detail: MeetingDetail; now: Date }) {
  const { ctx, detail } = props;
  const { t, locale } = ctx;
  const zone = detail.meeting.timeZone;
  const classes = detail.contributionDeadlines;
  const inUse = classesInUse(classes);
  // The contribution classes the meeting uses add their own dates: translation, and the late window's last day.
  const rows: { kind: DeadlineKind | 'translation' | 'lateUntil'; date: string }[] = [
    ...deadlineKinds.map((kind) => ({ kind, date: detail.deadlines[kind] })),
    ...(inUse.includes('translation') && classes.translation ? [{ kind: 'translation' as const, date: classes.translation }] : []),
    ...(inUse.includes('late') && classes.lateUntil ? [{ kind: 'lateUntil' as const, date: classes.lateUntil }] : []),
  ].sort((a, b) => a.date.localeCompare(b.date));
  const describe: Record<DeadlineKind | 'translation' | 'lateUntil', string> = {
    visaSupport: t('deadline.visaSupport.what'),
    registration: t('deadline.registration.what'),
    contributions: t('deadline.contributions.what'),
    translation: t('deadline.translation.what'),
    lateUntil: t('deadline.lateUntil.what'),
  };
  const label = { date: t('deadline.date'), what: t('deadline.what'), status: t('deadline.status') };
  // On a phone each deadline is a block of "label: value" lines.
  return (
    <table class="deadlines stack">
      <caption class="visually-hidden">{t('meeting.deadlines')}</caption>
      <thead>
        <tr>
          <th scope="col">{label.date}</th>
          <th scope="col">{label.what}</th>
          <th scope="col">{label.status}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ kind, date }) => {
          const state = deadlineState(date, zone, props.now);
          return (
            <tr data-deadline={kind}>
              <th scope="row" data-label={label.date}>
                <time dateTime={date}>{formatDate(date, locale)}</time>
              </th>
              <td data-label={label.what}>{describe[kind]}</td>
              <td
                data-label={label.status}
                title={t('deadline.closesAt', { at: formatInstant(new Date(state.closesAt.getTime() - 60_000), locale, zone) })}
              >
                {state.state === 'closed' ? (
                  <span class="closed">{t('deadline.closed')}</span>
                ) : state.daysLeft === 0 ? (
                  <span class="soon">{t('deadline.closesToday')}</span>
                ) : (
                  <span class="open">{t('deadline.closesIn', { count: state.daysLeft })}</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** What the group's officers can do for this meeting, each tool with its state. */
function OfficerTools(props: { ctx: ViewContext; detail: MeetingDetail; tools: OfficerTool[] }) {
  const { t } = props.ctx;
  return (
    <Card id="officer-tools" title={t('meeting.officerTools', { group: props.detail.group.code })}>
      <ul class="tool-list">
        {props.tools.map((tool) => (
          <li>
            <a href={tool.href}>{tool.label}</a>
            {tool.note && <span class="meta"> · {tool.note}</span>}
          </li>
        ))}
      </ul>
    </Card>
  );
}

export function MeetingPage(props: {
  ctx: ViewContext;
  detail: MeetingDetail;
  now: Date;
  warnings: MeetingWarning[];
  notice?: string;
  /** The parts other modules fill in (see ../slots.ts). */
  /** What the reader can do now (meetingCallToAction). */
  callToAction: ComponentChildren[];
  lead?: ComponentChildren[];
  sessionNotes?: Map<number, ComponentChildren>[];
  sections?: ComponentChildren[];
  adminLinks?: MenuLink[];
  links?: MenuLink[];
  officerTools?: OfficerTool[];
  /** The secretariat's actions are shown (the meetings.manage policy). */
  mayManage?: boolean;
}) {
  const { ctx, detail } = props;
  const { t, locale } = ctx;
  const m = detail.meeting;
  const title = pick(m.title, locale);
  const venue = venueText(m, locale);
  const practical = pick(m.practicalInfo, locale);
  return (
    <Layout ctx={ctx} title={title} notice={props.notice}>
      <MeetingNav ctx={ctx} detail={detail} current="overview" />
      <h1>
        <Localized ctx={ctx} text={m.title} />
      </h1>
      <p class="lead">
        {detail.firstDay && <DateRangeText ctx={ctx} start={detail.firstDay} end={detail.lastDay} />}
        {venue && (
          <>
            {' · '}
            <VenuePlace ctx={ctx} venue={m} />
          </>
        )}
      </p>
      {props.callToAction.length > 0 && <p class="cta">{props.callToAction}</p>}
      {props.lead}
      {props.officerTools && props.officerTools.length > 0 && <OfficerTools ctx={ctx} detail={detail} tools={props.officerTools} />}
      {props.mayManage && (
        <>
          <p class="admin-actions">
            <a class="button" href={meetingPaths.edit({ id: m.id })}>
              {t('meeting.edit')}
            </a>
            {props.adminLinks?.map((link) => (
              <>
                {' '}
                <a class="button" href={link.href}>
                  {link.label}
                </a>
              </>
            ))}
          </p>
          <WarningList ctx={ctx} warnings={props.warnings} />
        </>
      )}
      <dl class="facts">
        <dt>{t('meeting.mode')}</dt>
        <dd>{t(meetingModeLabel[m.mode])}</dd>
        <dt>{t('meeting.languages')}</dt>
        <dd>{m.languages.map((l) => languageName(l, locale)).join(', ')}</dd>
        {venue && (
          <>
            <dt>{t('meeting.venue')}</dt>
            <dd>
              <VenuePlace ctx={ctx} venue={m} />
            </dd>
          </>
        )}
        <dt>{t('meeting.timeZone')}</dt>
        <dd>
          {timeZoneName(m.timeZone, locale)}{' '}
          <bdi lang="en" class="meta">
            ({m.timeZone})
          </bdi>
        </dd>
      </dl>
      <section aria-labelledby="sessions-h">
        <h2 id="sessions-h">{t('meeting.sessions')}</h2>
        <table class="stack">
          <caption class="visually-hidden">{t('meeting.sessions')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('session.subgroup')}</th>
              <th scope="col">{t('session.dates')}</th>
              <th scope="col">{t('session.hours')}</th>
              <th scope="col">{t('session.room')}</th>
            </tr>
          </thead>
          <tbody>
            {detail.sessions.map((s) => (
              <tr>
                <td data-label={t('session.subgroup')}>
                  {/* One box, so a phone's label: value layout keeps the notes (the agenda's link) beside the name. */}
                  <span>
                    {subgroupName(ctx, s)} – <Localized ctx={ctx} text={s.subgroupTitle} />
                    {props.sessionNotes?.map((notes) => notes.get(s.id))}
                  </span>
                </td>
                <td data-label={t('session.dates')} class="nowrap">
                  {formatDateRange(s.startDate, s.endDate, locale)}
                </td>
                <td data-label={t('session.hours')}>
                  {s.startTime && s.endTime
                    ? t('session.hoursInZone', {
                        hours: formatHours(s.startTime, s.endTime, locale),
                        zone: timeZoneName(m.timeZone, locale),
                      })
                    : t('session.noHours')}
                </td>
                <td data-label={t('session.room')}>
                  <Localized ctx={ctx} text={s.room} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="deadlines-h">
        <h2 id="deadlines-h">{t('meeting.deadlines')}</h2>
        <p class="hint">{t('deadline.endOfDayHint', { zone: timeZoneName(m.timeZone, locale) })}</p>
        <DeadlineTable ctx={ctx} detail={detail} now={props.now} />
        <p class="hint" id="contribution-classes">
          {afterDeadlineText(detail.contributionDeadlines, ctx.t, (date) => formatDate(date, locale))}
        </p>
      </section>
      {props.sections}
      <section aria-labelledby="practical-h">
        <h2 id="practical-h">{t('meeting.practicalInfo')}</h2>
        {practical ? <Localized ctx={ctx} text={m.practicalInfo} paragraphs /> : <p>{t('meeting.noPracticalInfo')}</p>}
      </section>
      <p class="meta">
        {props.links?.map((link) => (
          <>
            <a href={link.href}>{link.label}</a> ·{' '}
          </>
        ))}
        <a href={meetingPaths.meeting({ id: `${m.id}.ics` })}>{t('meeting.ics')}</a> ·{' '}
        <a href={`/api/meetings/${m.id}`}>{t('group.json')}</a>
      </p>
    </Layout>
  );
}
