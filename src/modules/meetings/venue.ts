import { countryName } from '../../platform/i18n/dates.ts';
import { type Locale, pick } from '../../platform/i18n/index.ts';
import type { meetings } from './schema.ts';

type Venue = Pick<typeof meetings.$inferSelect, 'venueName' | 'venueCity' | 'venueCountry'>;

/** Where a meeting is held, in `locale` (English where it has no translation): "Genève, Suisse"; with its name first when `named`. */
export function venueText(m: Venue, locale: Locale, options: { named?: boolean } = {}): string {
  return [options.named === false ? '' : pick(m.venueName, locale), pick(m.venueCity, locale), countryName(m.venueCountry, locale)]
    .filter(Boolean)
    .join(', ');
}
