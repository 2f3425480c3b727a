import { z } from 'zod';
import { isCountryCode } from './countries.ts';
import { type FieldError, ValidationError } from './errors.ts';
import type { MessageKey } from './i18n/index.ts';
import { errorMessageKey } from './i18n/message-key.ts';
import { checkText, type TextProblem } from './input.ts';
import { isIsoDate, isTimeZone } from './time.ts';

/** Zod checks whose messages are catalog keys, so errors can be shown in any language. */
const m = (key: MessageKey) => ({ message: key });

/** What each refusal of the input rule (platform/input.ts) says to the person who typed it. */
export const textProblemMessages: Record<TextProblem | 'tooDeep', MessageKey> = {
  control: 'error.controlCharacters',
  invalid: 'error.invalidText',
  lines: 'error.singleLine',
  tooLong: 'error.tooLong',
  tooDeep: 'error.invalid',
};

/**
 * A string under the input rule, trimmed: control characters and invalid text refused, NFC; one line
 * unless `lines` (a textarea), which also turns CR LF into LF. HTTP input has been through the same
 * rule already; this also covers what arrives otherwise (mail, the command line).
 */
const ruledText = (lines: boolean, typeMessage?: { message: MessageKey }) =>
  z.string(typeMessage).transform((value, c) => {
    const checked = checkText(value, { lines, max: Number.MAX_SAFE_INTEGER });
    if (checked.ok) return checked.value.trim();
    c.addIssue({ code: 'custom', message: textProblemMessages[checked.problem] });
    return z.NEVER;
  });

interface TextOptions {
  /** A multi-line field (a textarea): tab and newline allowed. */
  lines?: boolean;
}
export const requiredText = (max = 200, options: TextOptions = {}) =>
  ruledText(Boolean(options.lines), m('error.required')).pipe(z.string().min(1, m('error.required')).max(max, m('error.tooLong')));
export const optionalText = (max = 2000, options: TextOptions = {}) =>
  ruledText(Boolean(options.lines))
    .pipe(z.string().max(max, m('error.tooLong')))
    .default('');
export const email = () =>
  z
    .string(m('error.required'))
    .trim()
    .toLowerCase()
    .min(1, m('error.required'))
    .max(254, m('error.tooLong'))
    .pipe(z.email(m('error.email')));
export const isoDate = () => z.string(m('error.required')).trim().refine(isIsoDate, m('error.date'));
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
/** A whole number within bounds, typed in a form or sent as JSON; 1e20, 1.5, NaN or "x" are refused. */
export const wholeNumber = (min: number, max: number) =>
  z.coerce.number(m('error.number')).int(m('error.number')).min(min, m('error.number')).max(max, m('error.number'));
export const dayCount = () => wholeNumber(0, 365);

/** Largest value of a PostgreSQL `integer`, the type of every id. */
export const MAX_ID = 2_147_483_647;
/** An id in a path or query schema: a whole number of the database's range, else 400/422, never a failed query. */
export const idParam = () => wholeNumber(1, MAX_ID);
/** For handlers that read an id themselves: the id, or 0 — which names no row — when it is not one. */
export function toId(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
  return Number.isSafeInteger(n) && n >= 1 && n <= MAX_ID ? n : 0;
}
export const oneOf = <T extends string>(values: readonly [T, ...T[]]) => z.enum(values, m('error.choice'));

function toFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.join('.'),
    message: errorMessageKey(issue.message),
  }));
}

/** Parses input or throws a ValidationError carrying every field's problem. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(toFieldErrors(result.error));
  return result.data;
}
