import { replaceRefused } from './input.ts';

/** A minimal RFC 5545 writer: all-day and timed events, proper escaping, lines folded at 75 octets (not characters). */

/** A display reminder at a fixed instant (RFC 5545 VALARM with an absolute trigger). */
interface CalendarAlarm {
  at: Date;
  description: string;
}

export interface CalendarEvent {
  uid: string;
  /** Inclusive calendar dates, YYYY-MM-DD, of an all-day event; ignored when `at` is given. */
  startDate: string;
  endDate: string;
  /** A timed event's start and end, written in UTC. */
  at?: { start: Date; end: Date };
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  /** Revision of the event, which must grow whenever it changes so calendar apps take the new version. */
  sequence?: number;
  lastModified?: Date;
  alarm?: CalendarAlarm;
}

/** Controls other than tab and LF removed (C0, DEL, C1); lone surrogates, which cannot be written as UTF-8, too. */
const withoutControls = (s: string) => replaceRefused(s, '');
/**
 * RFC 5545 TEXT: backslash, semicolon and comma escaped, line breaks (CR LF, LF or a lone CR) as \n,
 * and every other control character dropped — stored text may predate the input rule, and a bare CR
 * or a BEL would break or corrupt the content line in calendar apps.
 */
const escapeText = (s: string) =>
  withoutControls(s.replace(/\r\n?/g, '\n')).replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\n/g, '\\n');
/** A URI or UID value: no line breaks or controls at all. */
const uriValue = (s: string) => withoutControls(s).replace(/[\t\n]/g, '');
const compactDate = (d: string) => d.replace(/-/g, '');
const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const stamp = (at: Date) => `${at.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;

/** Folds a content line so no physical line exceeds 75 octets, never splitting a UTF-8 sequence. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with one space
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

export function calendar(options: { name: string; events: CalendarEvent[]; now: Date }): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//convene//meetings//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.name)}`,
  ];
  for (const e of options.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${uriValue(e.uid)}`,
      `DTSTAMP:${stamp(options.now)}`,
      ...(e.at
        ? [`DTSTART:${stamp(e.at.start)}`, `DTEND:${stamp(e.at.end)}`]
        : [`DTSTART;VALUE=DATE:${compactDate(e.startDate)}`, `DTEND;VALUE=DATE:${compactDate(nextDay(e.endDate))}`]),
      `SUMMARY:${escapeText(e.summary)}`,
    );
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    if (e.url) lines.push(`URL:${uriValue(e.url)}`);
    if (e.sequence !== undefined) lines.push(`SEQUENCE:${Math.max(0, Math.floor(e.sequence))}`);
    if (e.lastModified) lines.push(`LAST-MODIFIED:${stamp(e.lastModified)}`);
    lines.push('TRANSP:TRANSPARENT');
    if (e.alarm) {
      lines.push(
        'BEGIN:VALARM',
        'ACTION:DISPLAY',
        `TRIGGER;VALUE=DATE-TIME:${stamp(e.alarm.at)}`,
        `DESCRIPTION:${escapeText(e.alarm.description)}`,
        'END:VALARM',
      );
    }
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
