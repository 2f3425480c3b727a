import type { Locale } from '../../../platform/i18n/index.ts';
import { ar } from './ar.ts';
import { en, type LetterKey } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { ru } from './ru.ts';
import { zh } from './zh.ts';

export type { LetterKey };

type LetterCatalog = Record<LetterKey, string>;

/** The circular's words in each language it is issued in. */
export const letterCatalogs: Record<Locale, LetterCatalog> = { ar, zh, en, fr, ru, es };

export type LetterText = (key: LetterKey, params?: Record<string, string | number>) => string;

/** Placeholders are {name}. */
export function letterText(locale: Locale): LetterText {
  const catalog = letterCatalogs[locale];
  return (key, params) =>
    (catalog[key] ?? en[key]).replace(/\{(\w+)\}/g, (whole, name: string) => (params && name in params ? String(params[name]) : whole));
}
