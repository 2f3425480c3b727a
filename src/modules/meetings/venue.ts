import { countryName } from '../../platform/i18n/dates.ts';
import { type Locale, pick } from '../../platform/i18n/index.ts';
import type { meetings } from './schema.ts';

type Venue = Pick<typeof meetings.$inferSelect, 'venueName' | 'venueCity' | 'venueCountry'>;

/** Between the parts of a place: the Arabic comma in Arabic, the full-width one in Chinese. */
const separators: Partial<Record<Locale, string>> = { ar: '، ', zh: '，' };
export const placeSeparator = (locale: Locale) => separators[locale] ?? ', ';

/** Where a meeting is held, in `locale` (English where it has no translation): "Genève, Suisse", "日内瓦，瑞士"; with its name first when `named`. */
export function venueText(m: Venue, locale: Locale, options: { named?: boolean } = {}): string {
  return [options.named === false ? '' : pick(m.venueName, locale), pick(m.venueCity, locale), countryName(m.venueCountry, locale)]
    .filter(Boolean)
    .join(placeSeparator(locale));
}
