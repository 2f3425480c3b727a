import type { Locale } from './index.ts';

/** Arabic as ITU writes it: Western digits. */
const intlLocale: Record<Locale, string> = { ar: 'ar-u-nu-latn', zh: 'zh-CN', en: 'en-GB', fr: 'fr-FR', ru: 'ru-RU', es: 'es-ES' };

/** Intl objects are costly to build (tens of µs each) and immutable: keep one per locale and options. */
const cache = new Map<string, unknown>();
function cached<T>(key: string, make: () => T): T {
  let value = cache.get(key) as T | undefined;
  if (value === undefined) {
    value = make();
    if (cache.size > 10_000) cache.clear();
    cache.set(key, value);
  }
  return value;
}
const longDate = (locale: Locale) =>
  cached(`date:${locale}`, () => new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: 'long', timeZone: 'UTC' }));

/** "21 April 2023" / "2023年4月21日" for a YYYY-MM-DD calendar date (no time zone shift). */
export function formatDate(isoDate: string, locale: Locale): string {
  return longDate(locale).format(new Date(`${isoDate}T00:00:00Z`));
}

/**
 * A date as a date picker shows it in this language ("21/04/2026", "21.04.2026", "2026/04/21"): the example a
 * form's message gives, rather than the ISO form the picker sends and the API takes. The day is past the 12th,
 * so that day and month cannot be taken one for the other.
 */
export function dateExample(locale: Locale): string {
  return cached(`example:${locale}`, () =>
    new Intl.DateTimeFormat(intlLocale[locale], { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).format(
      new Date('2026-04-21T00:00:00Z'),
    ),
  );
}

/** "9–10 May 2023" / "2023年5月9日至10日" for an inclusive range of calendar dates. */
export function formatDateRange(start: string, end: string, locale: Locale): string {
  return cached(`range:${locale}:${start}:${end}`, () => formatDateRangeUncached(start, end, locale));
}

function formatDateRangeUncached(start: string, end: string, locale: Locale): string {
  if (start === end) return formatDate(start, locale);
  if (locale === 'zh') {
    // ICU's zh range pattern is numeric ("2023/5/9 – 2023/5/10"); letters write "2023年5月9日至10日".
    const [y1, m1, d1] = start.split('-').map(Number);
    const [y2, m2, d2] = end.split('-').map(Number);
    if (y1 !== y2) return `${formatDate(start, locale)}至${formatDate(end, locale)}`;
    if (m1 !== m2) return `${y1}年${m1}月${d1}日至${m2}月${d2}日`;
    return `${y1}年${m1}月${d1}日至${d2}日`;
  }
  return longDate(locale).formatRange(new Date(`${start}T00:00:00Z`), new Date(`${end}T00:00:00Z`));
}

/** The BCP 47 tag Intl should use for a locale (Arabic with Western digits). */
export const intlTag = (locale: Locale): string => intlLocale[locale];

/** A timestamp for lists and logs: "27 Nov 2026, 19:49" (UTC), in the locale's way. */
export function formatTimestamp(at: Date, locale: Locale, withSeconds = false): string {
  const f = cached(
    `stamp:${locale}:${withSeconds}`,
    () =>
      new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: 'medium', timeStyle: withSeconds ? 'medium' : 'short', timeZone: 'UTC' }),
  );
  return f.format(at);
}

/** An instant shown in a given time zone, with the zone's name. */
export function formatInstant(at: Date, locale: Locale, timeZone: string): string {
  const f = cached(
    `instant:${locale}:${timeZone}`,
    () =>
      new Intl.DateTimeFormat(intlLocale[locale], {
        year: 'numeric',
        month: 'long',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZone,
        timeZoneName: 'short',
      }),
  );
  return f.format(at);
}

/** Names follow the zone's rules at an instant: a recent one, not 1970 (when Zurich had no summer time). */
const RECENT = Date.UTC(2025, 0, 1);

/** A time zone as people say it: "Central European Time", "توقيت وسط أوروبا"; the IANA name when Intl has none. */
export function timeZoneName(zone: string, locale: Locale): string {
  return cached(`zone:${locale}:${zone}`, () => {
    try {
      const parts = new Intl.DateTimeFormat(intlLocale[locale], { timeZone: zone, timeZoneName: 'longGeneric' }).formatToParts(RECENT);
      return parts.find((p) => p.type === 'timeZoneName')?.value ?? zone;
    } catch {
      return zone;
    }
  });
}

/** Every time zone for a list to choose from, "Europe/Zurich — Central European Time", by IANA name. */
export function timeZoneOptions(locale: Locale): readonly { value: string; label: string }[] {
  return cached(`zones:${locale}`, () => {
    const zones = new Set(Intl.supportedValuesOf('timeZone'));
    zones.add('UTC');
    return [...zones].sort().map((zone) => ({ value: zone, label: `${zone.replaceAll('_', ' ')} — ${timeZoneName(zone, locale)}` }));
  });
}

export function countryName(code: string, locale: Locale): string {
  if (!code) return '';
  try {
    return cached(`region:${locale}`, () => new Intl.DisplayNames([intlLocale[locale]], { type: 'region' })).of(code) ?? code;
  } catch {
    return code;
  }
}

export function languageName(code: string, locale: Locale): string {
  try {
    return cached(`language:${locale}`, () => new Intl.DisplayNames([intlLocale[locale]], { type: 'language' })).of(code) ?? code;
  } catch {
    return code;
  }
}
