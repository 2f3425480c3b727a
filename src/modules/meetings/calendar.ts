import type { AppContext } from '../../platform/context.ts';
import { type Locale, pick, translator } from '../../platform/i18n/index.ts';
import { type CalendarEvent, calendar } from '../../platform/ics.ts';
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
  const sessions = detail.sessions.map((s) => ({
    uid: `meeting-${m.id}-session-${s.id}@${host}`,
    startDate: s.startDate,
    endDate: s.endDate,
    summary: `${detail.group.code} ${s.subgroup} – ${pick(s.subgroupTitle, locale)}`,
    description: join?.get(s.id) ? `${title}\n\n${join.get(s.id)!.text}\n\n${url}` : title,
    location,
    url: join?.get(s.id)?.link || url,
  }));
  const deadlines = deadlineKinds.map((kind) => ({
    uid: `meeting-${m.id}-deadline-${kind}@${host}`,
    startDate: detail.deadlines[kind],
    endDate: detail.deadlines[kind],
    summary: `${t(deadlineLabel[kind])} – ${title}`,
    description: t('deadline.endOfDayHint', { zone: m.timeZone }),
    url,
  }));
  return [...sessions, ...deadlines];
}
