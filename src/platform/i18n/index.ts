import { ar } from './ar.ts';
import { en, type MessageKey } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { ru } from './ru.ts';
import { zh } from './zh.ts';

/** The six languages of ITU, in the order ITU lists them. */
export const locales = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';

export type Catalog = Record<MessageKey, string>;
export const catalogs: Record<Locale, Catalog> = { ar, zh, en, fr, ru, es };

/** Native names, shown in the language switcher. */
export const localeNames: Record<Locale, string> = {
  ar: 'العربية',
  zh: '中文',
  en: 'English',
  fr: 'Français',
  ru: 'Русский',
  es: 'Español',
};
const rtlLocales = new Set<string>(['ar']);

export type { MessageKey };
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

export function directionOf(locale: Locale): 'ltr' | 'rtl' {
  return rtlLocales.has(locale) ? 'rtl' : 'ltr';
}

/**
 * Messages use {name} placeholders. A plural message is written "{count, plural, one {…} other {…}}"
 * and picks its form with the locale's plural rules.
 */
const translators = new Map<Locale, Translate>();
export function translator(locale: Locale): Translate {
  let t = translators.get(locale);
  if (!t) {
    const catalog = catalogs[locale];
    const plural = new Intl.PluralRules(locale);
    t = (key, params) => format(catalog[key] ?? en[key] ?? key, params, plural);
    translators.set(locale, t);
  }
  return t;
}

const PLURAL = /^\{(\w+), plural,((?:\s*[\w=]+\s*\{[^{}]*\})+)\s*\}$/;

function format(message: string, params: Params | undefined, plural: Intl.PluralRules): string {
  const pluralMatch = PLURAL.exec(message);
  if (pluralMatch) {
    const n = Number(params?.[pluralMatch[1]!] ?? 0);
    const forms = new Map<string, string>();
    for (const m of pluralMatch[2]!.matchAll(/([\w=]+)\s*\{([^{}]*)\}/g)) forms.set(m[1]!, m[2]!);
    message = (forms.get(`=${n}`) ?? forms.get(plural.select(n)) ?? forms.get('other') ?? '').replace(/#/g, String(n));
  }
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Picks from Accept-Language the best supported locale (q-values honoured, zh-CN → zh). */
export function negotiateLocale(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...paramsList] = part.trim().split(';');
      const q = paramsList.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((r) => r.tag && Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const primary = tag.split('-')[0];
    if (isLocale(primary)) return primary;
  }
  return undefined;
}

/** Picks a translatable data field in the reader's language, falling back to English, then any. */
export function pick(text: Record<string, string> | null | undefined, locale: Locale): string {
  if (!text) return '';
  return text[locale] || text.en || Object.values(text).find(Boolean) || '';
}
