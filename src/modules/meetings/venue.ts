import type { LocalizedText } from '../../platform/db/columns.ts';
import { countryName } from '../../platform/i18n/dates.ts';
import { type Locale, pick } from '../../platform/i18n/index.ts';
import type { meetings } from './schema.ts';

export type Venue = Pick<typeof meetings.$inferSelect, 'venueName' | 'venueCity' | 'venueCountry'>;

/** Between the parts of a place: the Arabic comma in Arabic, the full-width one in Chinese. */
const separators: Partial<Record<Locale, string>> = { ar: '، ', zh: '，' };
export const placeSeparator = (locale: Locale) => separators[locale] ?? ', ';

/**
 * The parts of a place that are known, in order: the venue's name (unless `named` is false) and city, each with its
 * translations (a page marks the language it fell back to), then the country's name in `locale`.
 */
export function placeParts(m: Venue, locale: Locale, options: { named?: boolean } = {}): { text: string; translations?: LocalizedText }[] {
  const parts = [
    ...(options.named === false ? [] : [{ text: pick(m.venueName, locale), translations: m.venueName }]),
    { text: pick(m.venueCity, locale), translations: m.venueCity },
    { text: countryName(m.venueCountry, locale) },
  ];
  return parts.filter((p) => p.text);
}

/** Where a meeting is held, in `locale` (English where it has no translation): "Genève, Suisse", "日内瓦，瑞士"; with its name first when `named`. */
export function venueText(m: Venue, locale: Locale, options: { named?: boolean } = {}): string {
  return placeParts(m, locale, options)
    .map((p) => p.text)
    .join(placeSeparator(locale));
}
