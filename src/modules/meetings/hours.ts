import { intlTag } from '../../platform/i18n/dates.ts';
import type { Locale } from '../../platform/i18n/index.ts';

const formatters = new Map<Locale, Intl.DateTimeFormat>();
/** A wall-clock time as a Date to format: the time on a fixed day, in UTC, so no zone shifts it. */
const asDate = (clock: string) => new Date(`2000-01-01T${clock}:00Z`);

/** A session's daily hours written the locale's way: "09:30–12:30". */
export function formatHours(start: string, end: string, locale: Locale): string {
  let f = formatters.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(intlTag(locale), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });
    formatters.set(locale, f);
  }
  return f.formatRange(asDate(start), asDate(end));
}
