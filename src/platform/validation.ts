import { z } from 'zod';
import { isCountryCode } from './countries.ts';
import { type FieldError, ValidationError } from './errors.ts';
import type { MessageKey } from './i18n/index.ts';
import { isIsoDate, isTimeZone } from './time.ts';

/** Zod checks whose messages are catalog keys, so errors can be shown in any language. */
const m = (key: MessageKey) => ({ message: key });

export const requiredText = (max = 200) =>
  z.string(m('error.required')).trim().min(1, m('error.required')).max(max, m('error.tooLong'));
export const optionalText = (max = 2000) => z.string().trim().max(max, m('error.tooLong')).default('');
export const email = () =>
  z
    .string(m('error.required'))
    .trim()
    .toLowerCase()
    .min(1, m('error.required'))
    .max(254, m('error.tooLong'))
    .pipe(z.email(m('error.email')));
export const isoDate = () =>
  z.string(m('error.required')).trim().refine(isIsoDate, m('error.date'));
export const optionalIsoDate = () =>
  z
    .string()
    .trim()
    .refine((v) => v === '' || isIsoDate(v), m('error.date'))
    .transform((v) => (v === '' ? undefined : v))
    .optional();
export const timeZone = () => z.string(m('error.required')).trim().refine(isTimeZone, m('error.timeZone'));
export const countryCode = () =>
  z
    .string()
    .trim()
    .toUpperCase()
    .refine((v) => v === '' || isCountryCode(v), m('error.country'))
    .default('');
export const dayCount = () => z.coerce.number(m('error.number')).int(m('error.number')).min(0, m('error.number')).max(365, m('error.number'));
export const oneOf = <T extends string>(values: readonly [T, ...T[]]) => z.enum(values, m('error.choice'));

export function toFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.join('.'),
    message: (issue.message.startsWith('error.') ? issue.message : 'error.invalid') as MessageKey,
  }));
}

/** Parses input or throws a ValidationError carrying every field's problem. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(toFieldErrors(result.error));
  return result.data;
}
