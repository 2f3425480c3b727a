import { formatDate, formatDateRange } from '../i18n/dates.ts';
import type { Locale } from '../i18n/index.ts';

/*
 * Units a line must not break inside ("7 января 2027 г.", "2027年1月7日", "FGMV-I-001"): the stylesheet keeps
 * `time`, `.nowrap` and `.doc-number` on one line (public/app.css).
 */

/** A calendar date in the reader's way, as a `<time>` that does not break across lines. */
export function DateText(props: { ctx: { locale: Locale }; date: string }) {
  return <time dateTime={props.date}>{formatDate(props.date, props.ctx.locale)}</time>;
}

/** An inclusive range of calendar dates ("9–10 May 2023"), on one line. */
export function DateRangeText(props: { ctx: { locale: Locale }; start: string; end: string }) {
  return <span class="nowrap">{formatDateRange(props.start, props.end, props.ctx.locale)}</span>;
}
