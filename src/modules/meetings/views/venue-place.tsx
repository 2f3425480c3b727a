import type { Locale } from '../../../platform/i18n/index.ts';
import { Localized } from '../../../platform/ui/localized.tsx';
import { placeParts, placeSeparator, type Venue } from '../venue.ts';

/** venueText (../venue.ts) on a page: the name and city marked with their language where they fell back to another. */
export function VenuePlace(props: { ctx: { locale: Locale }; venue: Venue; named?: boolean }) {
  const { ctx } = props;
  return (
    <>
      {placeParts(props.venue, ctx.locale, { named: props.named }).map((part, i) => (
        <>
          {i > 0 && placeSeparator(ctx.locale)}
          {part.translations ? <Localized ctx={ctx} text={part.translations} /> : part.text}
        </>
      ))}
    </>
  );
}
