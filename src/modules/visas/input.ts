import { z } from 'zod';
import { countryCode, isoDate, oneOf, requiredText } from '../../platform/validation.ts';
import { type Sex, sexes } from './vocabulary.ts';

const requiredCountry = () => countryCode().refine((v) => v !== '', { message: 'error.required' });

/** What the registration form asks when the visa box is ticked. */
export const visaRequestSchema = z.object({
  nameInPassport: requiredText(200),
  sex: oneOf(sexes),
  dateOfBirth: isoDate(),
  placeOfBirth: requiredText(200),
  nationality: requiredCountry(),
  passportNumber: z
    .string({ message: 'error.required' })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{5,20}$/, { message: 'error.passportNumber' }),
  passportIssuedOn: isoDate(),
  passportExpiresOn: isoDate(),
  issuingAuthority: requiredText(200),
  representation: z.object({ city: requiredText(100), country: requiredCountry() }),
  arrivalDate: isoDate(),
  departureDate: isoDate(),
});
export type VisaRequestInput = z.input<typeof visaRequestSchema>;
type VisaRequestData = z.output<typeof visaRequestSchema>;

/** The part kept encrypted at rest. */
export interface PassportBlock {
  nameInPassport: string;
  sex: Sex;
  dateOfBirth: string;
  placeOfBirth: string;
  passportNumber: string;
  passportIssuedOn: string;
  passportExpiresOn: string;
  issuingAuthority: string;
}

export const passportOf = (d: VisaRequestData): PassportBlock => ({
  nameInPassport: d.nameInPassport,
  sex: d.sex,
  dateOfBirth: d.dateOfBirth,
  placeOfBirth: d.placeOfBirth,
  passportNumber: d.passportNumber,
  passportIssuedOn: d.passportIssuedOn,
  passportExpiresOn: d.passportExpiresOn,
  issuingAuthority: d.issuingAuthority,
});
