import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateRange, intlTag } from './dates.ts';
import { catalogs, type Locale, locales, messageArguments, negotiateLocale, pick, translator } from './index.ts';

/** The arguments a message uses, at any depth of its plurals and selects ("{days}" and "{days, plural, …}" alike). */
const placeholders = (message: string) => [...messageArguments(message).keys()].sort();

describe('message catalogs', () => {
  const reference = Object.keys(catalogs.en).sort();

  it.each(locales)('%s has exactly the English keys, none empty', (locale) => {
    const keys = Object.keys(catalogs[locale]).sort();
    expect(keys.filter((k) => !reference.includes(k))).toEqual([]);
    expect(reference.filter((k) => !keys.includes(k))).toEqual([]);
    for (const [key, value] of Object.entries(catalogs[locale])) expect(value.trim(), key).not.toBe('');
  });

  it.each(locales)('%s uses the same placeholders as English', (locale) => {
    for (const key of reference) {
      const en = catalogs.en[key as keyof typeof catalogs.en];
      const other = catalogs[locale][key as keyof typeof catalogs.en];
      expect(placeholders(other), `${locale}:${key}`).toEqual(placeholders(en));
    }
  });
});

type Element = ReturnType<IntlMessageFormat['getAst']>[number];
/** The element kinds of intl-messageformat's AST that these checks look at. */
const LITERAL = 0;
const ARGUMENT = 1;
const PLURAL = 6;
const parse = (message: string, locale: Locale) => new IntlMessageFormat(message, intlTag(locale), undefined, { ignoreTag: true }).getAst();
const each = (locale: Locale) => Object.entries(catalogs[locale] as Record<string, string>);

/** Every element of a message, nested ones included, with the element that follows it at its level. */
function* walk(elements: Element[]): Generator<{ el: Element; next: Element | undefined }> {
  for (const [i, el] of elements.entries()) {
    yield { el, next: elements[i + 1] };
    if ('options' in el) for (const option of Object.values(el.options)) yield* walk(option.value);
  }
}

/** Arguments that carry a count: shown next to a noun, they need a plural ({position} and {number} are ranks and names). */
const NUMERIC = new Set([
  'count',
  'n',
  'days',
  'hours',
  'minutes',
  'total',
  'queued',
  'sent',
  'failed',
  'pending',
  'confirmed',
  'unsubscribed',
  'mb',
]);
/** Words a count may stand before without a plural: units, and words that do not agree with a number. */
const INVARIANT: Record<Locale, Set<string>> = {
  ar: new Set(['ميغابايت']),
  zh: new Set(),
  en: new Set(['MB', 'queued', 'sent', 'failed']),
  fr: new Set(['Mo']),
  ru: new Set(['МБ']),
  es: new Set(['MB', 'en']),
};

describe('ICU MessageFormat in every catalog', () => {
  it.each(locales)('%s: every message parses', (locale) => {
    const malformed = each(locale).flatMap(([key, message]) => {
      try {
        parse(message, locale);
        return [];
      } catch (error) {
        return [`${key}: ${(error as Error).message}`];
      }
    });
    expect(malformed).toEqual([]);
  });

  it.each(locales)('%s: every plural has the forms of the language for every count from 0 to 200, and no other', (locale) => {
    const rules = new Intl.PluralRules(intlTag(locale));
    const categories = rules.resolvedOptions().pluralCategories as string[];
    const problems: string[] = [];
    for (const [key, message] of each(locale)) {
      for (const { el } of walk(parse(message, locale))) {
        if (el.type !== PLURAL || !('options' in el)) continue;
        const forms = Object.keys(el.options);
        for (const form of forms)
          if (!/^=\d+$/.test(form) && !categories.includes(form)) problems.push(`${key}: "${form}" is no ${locale} plural form`);
        const missing = new Set<string>();
        for (let n = 0; n <= 200; n++) if (!forms.includes(`=${n}`) && !forms.includes(rules.select(n))) missing.add(rules.select(n));
        for (const form of missing) problems.push(`${key}: {${el.value}} lacks the "${form}" form`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(locales.filter((l) => l !== 'zh'))('%s: no number stands before a noun without a plural', (locale) => {
    const problems: string[] = [];
    for (const [key, message] of each(locale)) {
      for (const { el, next } of walk(parse(message, locale))) {
        if (el.type !== ARGUMENT || !('value' in el) || !NUMERIC.has(el.value) || next?.type !== LITERAL) continue;
        const word = /^\s(\p{L}+)/u.exec(next.value)?.[1];
        if (word && !INVARIANT[locale].has(word)) problems.push(`${key}: "{${el.value}} ${word}"`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('catches what it is meant to catch', () => {
    expect(() => parse('{count, plural, one {# day} other {# days}', 'en')).toThrow();
    expect(() => parse('{count, plural, one {# day}}', 'en')).toThrow();
    const plural = [...walk(parse('Wait {minutes, plural, one {# minute} other {# minutes}}.', 'ru'))].find(({ el }) => el.type === PLURAL);
    expect(plural && 'options' in plural.el && Object.keys(plural.el.options)).toEqual(['one', 'other']);
    const bare = [...walk(parse('Wait {minutes} minutes.', 'en'))].find(({ el }) => el.type === ARGUMENT);
    expect(bare?.next?.type === LITERAL && bare.next.value).toBe(' minutes.');
  });
});

describe('translator', () => {
  it('interpolates and pluralises per locale', () => {
    const en = translator('en');
    expect(en('deadline.closesIn', { count: 1 })).toBe('Closes in 1 day');
    expect(en('deadline.closesIn', { count: 15 })).toBe('Closes in 15 days');
    expect(translator('zh')('deadline.closesIn', { count: 15 })).toBe('15 天后截止');
    // Russian has three plural forms for whole numbers: 1, 2–4, 5–20.
    const ru = translator('ru');
    expect(new Set([1, 2, 5].map((count) => ru('deadline.closesIn', { count }).replace(/\d+/, '#'))).size).toBe(3);
    expect(en('error.title', { status: 404 })).toBe('Error 404');
  });
});

describe('Accept-Language negotiation', () => {
  it.each([
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['fr-CH, zh-Hans;q=0.8, en;q=0.5', 'fr'],
    ['ar-EG,ar;q=0.9', 'ar'],
    ['ru-RU', 'ru'],
    ['es-419, en;q=0.5', 'es'],
    ['en-US', 'en'],
    ['de, en;q=0.1, zh;q=0.5', 'zh'],
    ['de', undefined],
    ['pt-BR', undefined],
    ['zh;q=0, en', 'en'],
    [undefined, undefined],
  ])('%s → %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});

describe('dates and translatable data', () => {
  it('formats dates the way each locale writes them', () => {
    expect(formatDate('2023-04-21', 'zh')).toBe('2023年4月21日');
    expect(formatDate('2023-04-21', 'en')).toBe('21 April 2023');
    expect(formatDateRange('2023-05-09', '2023-05-10', 'zh')).toBe('2023年5月9日至10日');
    expect(formatDateRange('2023-04-30', '2023-05-02', 'zh')).toBe('2023年4月30日至5月2日');
    expect(formatDateRange('2023-05-09', '2023-05-09', 'en')).toBe('9 May 2023');
    expect(formatDate('2023-04-21', 'fr')).toBe('21 avril 2023');
    expect(formatDate('2023-04-21', 'es')).toBe('21 de abril de 2023');
    expect(formatDate('2023-04-21', 'ru')).toMatch(/^21 апреля 2023/);
    // ITU's Arabic documents write Western digits.
    expect(formatDate('2023-04-21', 'ar')).toMatch(/^21 أبريل 2023$/);
  });

  it('falls back to English, then to any language', () => {
    expect(pick({ en: 'Interoperability', zh: '互操作性' }, 'zh')).toBe('互操作性');
    expect(pick({ en: 'Interoperability' }, 'zh')).toBe('Interoperability');
    expect(pick({ fr: 'Interopérabilité' }, 'en')).toBe('Interopérabilité');
    expect(pick({}, 'en')).toBe('');
  });
});
