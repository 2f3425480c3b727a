import { describe, expect, it } from 'vitest';
import { formatDate, formatDateRange } from './dates.ts';
import { catalogs, locales, negotiateLocale, pick, translator } from './index.ts';

const placeholders = (message: string) =>
  [...message.replace(/\{\w+, plural,.*\}$/s, '{count}').matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

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
