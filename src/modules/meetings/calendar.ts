import type { AppContext } from '../../platform/context.ts';
import { formatInstant, timeZoneName } from '../../platform/i18n/dates.ts';
import { type Locale, pick, translator } from '../../platform/i18n/index.ts';
import { type CalendarEvent, calendar } from '../../platform/ics.ts';
import { deadlineClosesAt } from '../../platform/time.ts';
import { meetingPaths } from './paths.ts';
import type { MeetingDetail } from './service.ts';
import { deadlineKinds, deadlineLabel } from './vocabulary.ts';

/** The meeting's sessions and key deadlines as an iCalendar feed. */
export function meetingIcs(ctx: AppContext, detail: MeetingDetail, locale: Locale): string {
  const title = pick(detail.meeting.title, locale);
  return calendar({ name: `${detail.group.code} – ${title}`, events: meetingEvents(ctx, detail, locale), now: ctx.clock.now() });
}

/**
 * How one reader joins sessions remotely, by meeting id then session id: only for a personal feed, and
 * only what the remote module found the reader entitled to. Public feeds never pass it.
 */
export type SessionJoinDetails = Map<number, Map<number, { link: string; text: string }>>;

/** Several meetings in one feed (a group's, a person's registrations); events keep their per-meeting ids. */
export function meetingsIcs(ctx: AppContext, name: string, details: MeetingDetail[], locale: Locale, join?: SessionJoinDetails): string {
  return calendar({ name, events: details.flatMap((d) => meetingEvents(ctx, d, locale, join?.get(d.meeting.id))), now: ctx.clock.now() });
}

/** Deadline reminders go off a day before the closing instant. */
const REMINDER_BEFORE_MS = 24 * 3_600_000;

function meetingEvents(
  ctx: AppContext,
  detail: MeetingDetail,
  locale: Locale,
  join?: Map<number, { link: string; text: string }>,
): CalendarEvent[] {
  const t = translator(locale);
  const host = new URL(ctx.config.baseUrl).host;
  const m = detail.meeting;
  const title = pick(m.title, locale);
  const url = `${ctx.config.baseUrl}${meetingPaths.meeting({ id: m.id })}`;
  const location = [m.venueName, m.venueCity, m.venueCountry].filter(Boolean).join(', ');
  const revision = { sequence: m.revision, lastModified: m.updatedAt };
  const sessions = detail.sessions.map((s) => ({
    uid: `meeting-${m.id}-session-${s.id}@${host}`,
    startDate: s.startDate,
    endDate: s.endDate,
    summary: `${detail.group.code} ${s.subgroup} – ${pick(s.subgroupTitle, locale)}`,
    description: join?.get(s.id) ? `${title}\n\n${join.get(s.id)!.text}\n\n${url}` : title,
    location,
    url: join?.get(s.id)?.link || url,
    ...revision,
  }));
  const deadlines = deadlineKinds.map((kind) => {
    const summary = `${t(deadlineLabel[kind])} – ${title}`;
    const closes = deadlineClosesAt(detail.deadlines[kind], m.timeZone);
    // The last minute of the day reads as the closing time people expect ("23:59"), not midnight of the next day.
    const lastMinute = new Date(closes.getTime() - 60_000);
    const closing = `${t('deadline.closesAt', { at: formatInstant(lastMinute, locale, m.timeZone) })} (${formatInstant(lastMinute, locale, 'UTC')})`;
    return {
      uid: `meeting-${m.id}-deadline-${kind}@${host}`,
      startDate: detail.deadlines[kind],
      endDate: detail.deadlines[kind],
      summary,
      description: `${closing}\n${t('deadline.endOfDayHint', { zone: timeZoneName(m.timeZone, locale) })}`,
      url,
      ...revision,
      alarm: { at: new Date(closes.getTime() - REMINDER_BEFORE_MS), description: `${summary}: ${closing}` },
    };
  });
  return [...sessions, ...deadlines];
}
