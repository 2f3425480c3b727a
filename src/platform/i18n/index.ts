import { IntlMessageFormat } from 'intl-messageformat';
import { catalog as platformCatalog } from './catalog/index.ts';
import { intlTag } from './dates.ts';

/** The six languages of ITU, in the order ITU lists them. */
export const locales = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type Locale = (typeof locales)[number];
const defaultLocale: Locale = 'en';

/**
 * Every message key: the platform's catalog/en.ts and each module's src/modules/<m>/catalog/en.ts add theirs by
 * declaration merging (`declare module '…/platform/i18n/index.ts' { interface Messages extends … }`), so that
 * keys stay typed without the platform importing any module.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging, one catalog/en.ts at a time
export interface Messages {}
export type MessageKey = keyof Messages & string;

/** One language's messages (complete once every module's catalog is registered: src/modules.ts, from the manifests). */
type Catalog = Record<MessageKey, string>;
/** What a module's catalog/index.ts exports: its messages in each language, the English one the reference. */
export type ModuleCatalog = { readonly [L in Locale]: Readonly<Record<string, string>> };

/** The merged catalogs of the platform and of every registered module. */
export const catalogs: Record<Locale, Catalog> = { ar: {}, zh: {}, en: {}, fr: {}, ru: {}, es: {} } as Record<Locale, Catalog>;
const registered: ModuleCatalog[] = [];
const owners = new Map<string, ModuleCatalog>();

/**
 * Adds a module's messages to every language (at start-up: src/modules.ts, from the manifests). Registering the same catalog again
 * does nothing; a key that another catalog already has is a programming error and throws.
 */
export function registerCatalog(catalog: ModuleCatalog): void {
  if (registered.includes(catalog)) return;
  const taken = Object.keys(catalog.en).filter((key) => owners.has(key));
  if (taken.length) throw new Error(`Message keys registered twice: ${taken.join(', ')}`);
  for (const key of Object.keys(catalog.en)) owners.set(key, catalog);
  for (const locale of locales) Object.assign(catalogs[locale], catalog[locale]);
  registered.push(catalog);
  for (const compiled of compiledByLocale.values()) compiled.clear();
}

/** The catalogs registered so far, the platform's first (for the tests that check each one). */
export function registeredCatalogs(): readonly ModuleCatalog[] {
  return registered;
}

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

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

export function directionOf(locale: Locale): 'ltr' | 'rtl' {
  return rtlLocales.has(locale) ? 'rtl' : 'ltr';
}

/**
 * Messages are ICU MessageFormat (intl-messageformat): {name} placeholders, and plural or select choices anywhere
 * in the text, e.g. "{count, plural, one {# day} other {# days}}", with the locale's CLDR plural rules (ar has
 * zero/one/two/few/many/other, ru one/few/many/other, zh other only). `#` is the number in the locale's digits
 * and grouping (Arabic with Western digits, as ITU writes it).
 *
 * Each message is parsed once per locale and kept. A placeholder without a value stays as it is written ("{name}";
 * a plural without one counts 0), and a message that is not valid ICU falls back to the English one, then to the
 * key: rendering never throws for the reader. The tests parse every message of every catalog (i18n.test.ts).
 */
const translators = new Map<Locale, Translate>();
export function translator(locale: Locale): Translate {
  let t = translators.get(locale);
  if (!t) {
    t = (key, params) => render(locale, key, params) ?? (locale === defaultLocale ? undefined : render(defaultLocale, key, params)) ?? key;
    translators.set(locale, t);
  }
  return t;
}

/** A parsed message: plain text as it is, or an ICU formatter with the stand-ins for values not given. */
type Compiled = string | { format: IntlMessageFormat; defaults: Params } | null;
const compiledByLocale = new Map<Locale, Map<string, Compiled>>(locales.map((locale) => [locale, new Map()]));

function render(locale: Locale, key: string, params: Params | undefined): string | undefined {
  const message = (catalogs[locale] as Record<string, string | undefined>)[key];
  if (message === undefined) return undefined;
  const cache = compiledByLocale.get(locale)!;
  let compiled = cache.get(key);
  if (compiled === undefined) {
    compiled = compile(message, locale, key);
    cache.set(key, compiled);
  }
  if (compiled === null) return undefined;
  if (typeof compiled === 'string') return compiled;
  try {
    const out = compiled.format.format(params ? { ...compiled.defaults, ...params } : compiled.defaults);
    return typeof out === 'string' ? out : String(out);
  } catch (error) {
    warnOnce(locale, key, error);
    return undefined;
  }
}

function compile(message: string, locale: Locale, key: string): Compiled {
  // Most messages are plain text: nothing for ICU to do (a lone apostrophe is literal in ICU too, '' is one).
  if (!/[{}]|''/.test(message)) return message;
  try {
    const format = new IntlMessageFormat(message, intlTag(locale), undefined, { ignoreTag: true, formatters });
    return { format, defaults: standIns(format.getAst()) };
  } catch (error) {
    warnOnce(locale, key, error);
    return null;
  }
}

/** The arguments of a message (at any depth) and what each shows when no value is given. */
export function messageArguments(message: string): Map<string, 'text' | 'plural' | 'select'> {
  return argumentKinds(new IntlMessageFormat(message, 'en', undefined, { ignoreTag: true }).getAst());
}

type Element = ReturnType<IntlMessageFormat['getAst']>[number];
function argumentKinds(elements: Element[], into = new Map<string, 'text' | 'plural' | 'select'>()) {
  for (const el of elements) {
    if (!('value' in el) || typeof el.value !== 'string' || el.type === 0) continue; // literal text
    if ('options' in el) {
      into.set(el.value, 'pluralType' in el ? 'plural' : 'select');
      for (const option of Object.values(el.options)) argumentKinds(option.value, into);
    } else if (!into.has(el.value)) into.set(el.value, 'text');
  }
  return into;
}

function standIns(ast: Element[]): Params {
  const defaults: Params = {};
  for (const [name, kind] of argumentKinds(ast)) defaults[name] = kind === 'plural' ? 0 : kind === 'select' ? 'other' : `{${name}}`;
  return defaults;
}

const warned = new Set<string>();
function warnOnce(locale: Locale, key: string, error: unknown) {
  if (warned.has(`${locale}:${key}`)) return;
  warned.add(`${locale}:${key}`);
  process.emitWarning(
    `Message ${locale}:${key} cannot be formatted: ${error instanceof Error ? error.message : String(error)}`,
    'I18nWarning',
  );
}

/**
 * Intl objects are costly to make (tens of µs): one per locale and options, shared by every message. The common
 * calls (`#` with no options, a plural's `{type}`) are keyed without JSON.stringify, which costs as much as the
 * formatting itself.
 */
const intlCache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>();
function cachedIntl<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>(
  kind: string,
  locales: unknown,
  options: { type?: unknown } | undefined,
  make: () => T,
): T {
  const simple = typeof locales === 'string' && (options === undefined || (Object.keys(options).length === 1 && 'type' in options));
  const id = simple ? `${kind}:${locales}:${options?.type ?? ''}` : `${kind}:${JSON.stringify([locales, options])}`;
  let value = intlCache.get(id) as T | undefined;
  if (!value) {
    value = make();
    intlCache.set(id, value);
  }
  return value;
}
const formatters = {
  getNumberFormat: (...args: ConstructorParameters<typeof Intl.NumberFormat>) =>
    cachedIntl('n', args[0], args[1] as { type?: unknown } | undefined, () => new Intl.NumberFormat(...args)),
  getDateTimeFormat: (...args: ConstructorParameters<typeof Intl.DateTimeFormat>) =>
    cachedIntl('d', args[0], args[1] as { type?: unknown } | undefined, () => new Intl.DateTimeFormat(...args)),
  getPluralRules: (...args: ConstructorParameters<typeof Intl.PluralRules>) =>
    cachedIntl('p', args[0], args[1], () => new Intl.PluralRules(...args)),
};

registerCatalog(platformCatalog);

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
  return pickWithLang(text, locale).text;
}

/**
 * `pick`, and the language of what it picked (the reader's, English, or the first language that has a text): a
 * page shows a fallback marked with its language (WCAG 3.1.2, see platform/ui/localized.tsx). An empty field is
 * in the reader's language.
 */
export function pickWithLang(text: Record<string, string> | null | undefined, locale: Locale): { text: string; lang: string } {
  if (text?.[locale]) return { text: text[locale], lang: locale };
  if (text?.en) return { text: text.en, lang: 'en' };
  const found = Object.entries(text ?? {}).find(([, value]) => Boolean(value));
  return found ? { text: found[1], lang: found[0] } : { text: '', lang: locale };
}
