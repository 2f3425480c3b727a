import type { AppContext } from '../../platform/context.ts';
import { formatInstant, timeZoneName } from '../../platform/i18n/dates.ts';
import { type Locale, pick, translator } from '../../platform/i18n/index.ts';
import { type CalendarEvent, calendar } from '../../platform/ics.ts';
import { addDays, deadlineClosesAt, zonedInstant } from '../../platform/time.ts';
import { meetingPaths } from './paths.ts';
import type { MeetingDetail } from './service.ts';
import { venueText } from './venue.ts';
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

/** The calendar dates from `start` to `end`, both included. */
function daysOf(start: string, end: string): string[] {
  const days: string[] = [];
  for (let day = start; day <= end && days.length < 366; day = addDays(day, 1)) days.push(day);
  return days;
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
  const location = venueText(m, locale);
  const revision = { sequence: m.revision, lastModified: m.updatedAt };
  const sessions = detail.sessions.flatMap((s) => {
    const event = {
      uid: `meeting-${m.id}-session-${s.id}@${host}`,
      startDate: s.startDate,
      endDate: s.endDate,
      summary: `${detail.group.code} ${s.subgroup} – ${pick(s.subgroupTitle, locale)}`,
      description: join?.get(s.id) ? `${title}\n\n${join.get(s.id)!.text}\n\n${url}` : title,
      location: [pick(s.room, locale), location].filter(Boolean).join(', '),
      url: join?.get(s.id)?.link || url,
      ...revision,
    };
    const { startTime, endTime } = s;
    if (!startTime || !endTime) return [event];
    // Set hours make one event a day, each converted from the venue's zone with that day's offset.
    return daysOf(s.startDate, s.endDate).map((day) => ({
      ...event,
      uid: `meeting-${m.id}-session-${s.id}-${day.replaceAll('-', '')}@${host}`,
      startDate: day,
      endDate: day,
      at: { start: zonedInstant(day, startTime, m.timeZone), end: zonedInstant(day, endTime, m.timeZone) },
    }));
  });
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
