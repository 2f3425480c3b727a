import { z } from 'zod';
import { locales } from '../../platform/i18n/index.ts';
import { countryCode, email, oneOf, optionalText, requiredText } from '../../platform/validation.ts';
import { membershipCategories, personalTitles } from './vocabulary.ts';

export const password = () =>
  z.string({ message: 'error.required' }).min(10, { message: 'error.passwordShort' }).max(200, { message: 'error.tooLong' });

export const profileSchema = z.object({
  title: z.enum(personalTitles, { message: 'error.choice' }).default(''),
  givenName: requiredText(100),
  familyName: requiredText(100),
  organization: optionalText(200),
  country: countryCode(),
  // Chosen, never assumed: it decides, among others, whether visa support may be asked for.
  category: z.enum(membershipCategories, { message: 'error.chooseCategory' }),
});

/** The account settings: the profile, and the language of the mails (unchanged when not sent). */
export const settingsSchema = profileSchema.extend({ preferredLanguage: oneOf(locales).optional() });
export type SettingsInput = z.input<typeof settingsSchema>;

export const signUpSchema = profileSchema.extend({ email: email(), password: password() });
/** An account made by the command line (create-user): a non-member unless told. */
export const newAccountSchema = signUpSchema.extend({ category: oneOf(membershipCategories).default('non-member') });
export type SignUpInput = z.input<typeof newAccountSchema>;
