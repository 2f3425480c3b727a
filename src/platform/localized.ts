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
