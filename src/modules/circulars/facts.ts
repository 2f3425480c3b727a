import type { LocalizedText } from '../../platform/db/columns.ts';
import type { ContributionDeadlines } from '../meetings/rules.ts';
import type { AddresseeKey, CopyToKey } from './vocabulary.ts';

/**
 * Everything a circular says, captured from the meeting when it is issued. The letter in any language
 * is rendered from this alone, so an issued version never changes.
 */
export interface CircularFacts {
  bureau: { code: string; name: LocalizedText; abbreviation: LocalizedText; organization: LocalizedText; city: LocalizedText };
  initials: string;
  addressees: AddresseeKey[];
  copyTo: CopyToKey[];
  contact: { tel: string; fax: string; email: string };
  group: {
    code: string;
    name: LocalizedText;
    mandate: LocalizedText;
    parentBody: string;
    establishedOn: string | null;
    establishedBy: LocalizedText;
    contributionEmail: string;
  };
  officers: { role: string; title: string; name: string; affiliation: string; country: string }[];
  subgroups: { kind: string; number: number | null; title: LocalizedText }[];
  meeting: {
    id: number;
    title: LocalizedText;
    /** Per language where the bureau's data names it (its city, its premises); otherwise as typed. */
    venueName: LocalizedText;
    venueCity: LocalizedText;
    venueCountry: string;
    mode: string;
    languages: string[];
    sessions: { kind: string; number: number | null; title: LocalizedText; startDate: string; endDate: string }[];
  };
  deadlines: { visaSupport: string; registration: string; contributions: string };
  /** The contribution deadline classes (meetings/rules.ts); absent from circulars issued before they existed. */
  contributionClasses?: ContributionDeadlines;
  links: { group: string; meeting: string; template: string; subscribe: string };
}
