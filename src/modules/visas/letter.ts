import type { Config } from '../../config.ts';
import { countryName, formatDate, formatDateRange } from '../../platform/i18n/dates.ts';
import { pick } from '../../platform/i18n/index.ts';
import type { LetterInput } from '../../platform/pdf/letter.ts';
import type { MeetingDetail } from '../meetings/service.ts';
import { venueText } from '../meetings/venue.ts';
import type { PassportBlock } from './input.ts';

/** The visa support letter's content, in English (the language of the bureau's official correspondence). */
export function letterContent(options: {
  config: Pick<Config, 'letterhead' | 'letterPlace' | 'letterSignature'>;
  detail: MeetingDetail;
  passport: PassportBlock;
  nationality: string;
  representation: { city: string; country: string };
  arrival: string;
  departure: string;
  registrationNumber: string;
  reference: string;
  issuedOn: string;
}): LetterInput {
  const { detail, passport } = options;
  const m = detail.meeting;
  const title = pick(m.title, 'en');
  const dates = formatDateRange(detail.firstDay, detail.lastDay, 'en');
  const venue = venueText(m, 'en');
  return {
    letterhead: options.config.letterhead,
    place: options.config.letterPlace,
    date: formatDate(options.issuedOn, 'en'),
    reference: options.reference,
    addressee: ['Embassy or Consulate of Switzerland', options.representation.city, countryName(options.representation.country, 'en')],
    subject: `Visa support: ${title}, ${dates}`,
    paragraphs: [
      'Dear Sir or Madam,',
      `The person named below is registered to attend the ${title} (${detail.group.code}), to be held at ${venue}, ${dates}.`,
      `The Telecommunication Standardization Bureau would be grateful if you could grant this participant an entry visa for Switzerland covering the stay from ${formatDate(options.arrival, 'en')} to ${formatDate(options.departure, 'en')}.`,
      'This letter does not commit the International Telecommunication Union to any financial obligation in respect of the participant.',
    ],
    participant: [
      { label: 'Name (as in passport)', value: passport.nameInPassport },
      { label: 'Nationality', value: countryName(options.nationality, 'en') },
      { label: 'Date of birth', value: formatDate(passport.dateOfBirth, 'en') },
      { label: 'Place of birth', value: passport.placeOfBirth },
      { label: 'Passport number', value: passport.passportNumber },
      {
        label: 'Passport valid',
        value: `${formatDate(passport.passportIssuedOn, 'en')} – ${formatDate(passport.passportExpiresOn, 'en')}`,
      },
      { label: 'Issuing authority', value: passport.issuingAuthority },
      { label: 'Registration number', value: options.registrationNumber },
    ],
    closing: ['Yours faithfully,', '', options.config.letterSignature],
  };
}
