import { z } from 'zod';
import { locales } from './i18n/index.ts';
import { optionalText } from './validation.ts';

/** A translatable text: English required (unless optional), other languages optional, empty ones dropped. */
export const localizedText = (options: { max?: number; required?: boolean; lines?: boolean } = {}) => {
  const max = options.max ?? 200;
  const shape = Object.fromEntries(locales.map((l) => [l, optionalText(max, { lines: options.lines })])) as Record<
    string,
    ReturnType<typeof optionalText>
  >;
  return z
    .object(shape)
    .partial()
    .superRefine((v, c) => {
      if (options.required !== false && !v.en) c.addIssue({ code: 'custom', message: 'error.required', path: ['en'] });
    })
    .transform((v) => Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => Boolean(e[1]))));
};

/** Form fields "name_en", "name_zh" → { en, zh } for the service. */
export function localizedFromForm(body: Record<string, unknown>, field: string): Record<string, unknown> {
  return Object.fromEntries(locales.map((l) => [l, body[`${field}_${l}`] ?? '']));
}

/** { en, zh } → form fields "name_en", "name_zh" for a form to show. */
export function localizedToForm(value: Record<string, string> | undefined, field: string): Record<string, string> {
  return Object.fromEntries(locales.map((l) => [`${field}_${l}`, value?.[l] ?? '']));
}

/** Field errors on "name.en" are shown on the form field "name_en". */
export const formFieldName = (path: string) => path.replace(/\.(\w\w)$/, '_$1');
