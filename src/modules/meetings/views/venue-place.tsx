import { countryName } from '../../../platform/i18n/dates.ts';
import { type Locale, pick } from '../../../platform/i18n/index.ts';
import { Localized } from '../../../platform/ui/localized.tsx';
import type { meetings } from '../schema.ts';
import { placeSeparator } from '../venue.ts';

type Venue = Pick<typeof meetings.$inferSelect, 'venueName' | 'venueCity' | 'venueCountry'>;

/** venueText (../venue.ts) on a page: the name and city marked with their language where they fell back to another. */
export function VenuePlace(props: { ctx: { locale: Locale }; venue: Venue; named?: boolean }) {
  const { ctx, venue } = props;
  const parts = [
    props.named !== false && pick(venue.venueName, ctx.locale) && <Localized ctx={ctx} text={venue.venueName} />,
    pick(venue.venueCity, ctx.locale) && <Localized ctx={ctx} text={venue.venueCity} />,
    countryName(venue.venueCountry, ctx.locale),
  ].filter(Boolean);
  return (
    <>
      {parts.map((part, i) => (
        <>
          {i > 0 && placeSeparator(ctx.locale)}
          {part}
        </>
      ))}
    </>
  );
}
