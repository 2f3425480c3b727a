/** How translator() formats ICU messages, on a catalog of its own (this file's module state is its own). */
import { describe, expect, it, vi } from 'vitest';
import { catalogs, type Locale, locales, type MessageKey, type ModuleCatalog, registerCatalog, translator } from './index.ts';

const messages: Record<string, Partial<Record<Locale, string>>> = {
  'test.greeting': { en: 'Hello {name}, welcome to {place}.', fr: 'Bonjour {name}, bienvenue à {place}.' },
  'test.nested': {
    en: '{name} has {count, plural, =0 {no day} one {# day} other {# days}} left in {place}.',
    ru: 'У {name} осталось {count, plural, =0 {ноль дней} one {# день} few {# дня} many {# дней} other {# дня}} ({place}).',
    ar: 'تبقّى {count, plural, zero {لا شيء} one {يوم واحد} two {يومان} few {# أيام} many {# يوماً} other {# يوم}}.',
  },
  'test.select': {
    en: '{role, select, chair {The chair} vice {A vice-chair} other {A member}} of {group}: {count, plural, one {# vote} other {# votes}}',
  },
  'test.brokenHere': {
    en: 'Closes in {count, plural, one {# day} other {# days}}',
    fr: 'Expire dans {count, plural, one {# jour} other {# jours}',
  },
  'test.brokenEverywhere': { en: 'Closes in {count, plural, one {# day}', fr: 'Expire {count, plural, one {# jour}' },
  'test.apostrophe': { en: "The group's page, {name}'s account", fr: 'La page du groupe, l’{name}' },
  'test.tag': { en: 'Send "Authorization: Bearer <token>" to {url}' },
};
const catalog = Object.fromEntries(
  locales.map((l) => [l, Object.fromEntries(Object.entries(messages).flatMap(([k, v]) => (v[l] ? [[k, v[l]]] : [])))]),
) as unknown as ModuleCatalog;
registerCatalog(catalog);
const t = (locale: Locale) => translator(locale) as (key: string, params?: Record<string, string | number>) => string;

describe('translator', () => {
  it('fills {name} placeholders as before: a missing one stays as written, an extra one is ignored', () => {
    expect(t('fr')('test.greeting', { name: 'Ann', place: 'Genève' })).toBe('Bonjour Ann, bienvenue à Genève.');
    expect(t('fr')('test.greeting', { name: 'Ann' })).toBe('Bonjour Ann, bienvenue à {place}.');
    expect(t('fr')('test.greeting')).toBe('Bonjour {name}, bienvenue à {place}.');
    expect(t('fr')('test.greeting', { name: 1234, place: 'X', extra: 'y' })).toBe('Bonjour 1234, bienvenue à X.');
  });

  it('picks plural forms inside running text, with =0, #, and each language’s categories', () => {
    expect(t('en')('test.nested', { name: 'Ann', count: 0, place: 'Geneva' })).toBe('Ann has no day left in Geneva.');
    expect(t('en')('test.nested', { name: 'Ann', count: 1, place: 'Geneva' })).toBe('Ann has 1 day left in Geneva.');
    expect(t('en')('test.nested', { name: 'Ann', count: 1500, place: 'Geneva' })).toBe('Ann has 1,500 days left in Geneva.');
    const ru = (count: number) => t('ru')('test.nested', { name: 'Ann', count, place: 'G' });
    expect([1, 2, 5, 21, 22, 25, 0].map(ru)).toEqual([
      'У Ann осталось 1 день (G).',
      'У Ann осталось 2 дня (G).',
      'У Ann осталось 5 дней (G).',
      'У Ann осталось 21 день (G).',
      'У Ann осталось 22 дня (G).',
      'У Ann осталось 25 дней (G).',
      'У Ann осталось ноль дней (G).',
    ]);
    // Arabic: six forms, and Western digits as ITU writes them
    const ar = [0, 1, 2, 3, 11, 100, 1000].map((count) => t('ar')('test.nested', { count }));
    expect(ar).toEqual([
      'تبقّى لا شيء.',
      'تبقّى يوم واحد.',
      'تبقّى يومان.',
      'تبقّى 3 أيام.',
      'تبقّى 11 يوماً.',
      'تبقّى 100 يوم.',
      'تبقّى 1,000 يوم.',
    ]);
    // a count given as text, and a plural without its value, count as numbers (0)
    expect(t('en')('test.nested', { name: 'Ann', count: '2', place: 'G' })).toBe('Ann has 2 days left in G.');
    expect(t('en')('test.nested', { name: 'Ann', place: 'G' })).toBe('Ann has no day left in G.');
  });

  it('selects, and falls back to the English message where a language lacks one', () => {
    expect(t('en')('test.select', { role: 'chair', group: 'FG', count: 1 })).toBe('The chair of FG: 1 vote');
    expect(t('en')('test.select', { role: 'rapporteur', group: 'FG', count: 3 })).toBe('A member of FG: 3 votes');
    expect(t('zh')('test.select', { role: 'vice', group: 'FG', count: 3 })).toBe('A vice-chair of FG: 3 votes');
  });

  it('never throws for a malformed message: the English message, then the key', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    expect(t('fr')('test.brokenHere', { count: 2 })).toBe('Closes in 2 days');
    expect(t('fr')('test.brokenEverywhere', { count: 2 })).toBe('test.brokenEverywhere');
    expect(t('en')('test.brokenEverywhere', { count: 2 })).toBe('test.brokenEverywhere');
    expect(t('ru')('test.unknown')).toBe('test.unknown');
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      expect.stringContaining('fr:test.brokenHere'),
      expect.stringContaining('fr:test.brokenEverywhere'),
      expect.stringContaining('en:test.brokenEverywhere'),
    ]);
    // warned once per message, however often it is shown
    t('fr')('test.brokenHere', { count: 2 });
    expect(warn).toHaveBeenCalledTimes(3);
    warn.mockRestore();
  });

  it('keeps apostrophes and angle brackets as text', () => {
    expect(t('en')('test.apostrophe', { name: 'Ann' })).toBe("The group's page, Ann's account");
    expect(t('fr')('test.apostrophe', { name: 'Ann' })).toBe('La page du groupe, l’Ann');
    expect(t('en')('test.tag', { url: '/api' })).toBe('Send "Authorization: Bearer <token>" to /api');
  });

  it('parses a message once per language and keeps it, until another catalog is registered', () => {
    expect(t('en')('test.greeting', { name: 'A', place: 'B' })).toBe('Hello A, welcome to B.');
    const en = catalogs.en as Record<string, string>;
    const original = en['test.greeting']!;
    en['test.greeting'] = 'Changed {name}';
    try {
      expect(t('en')('test.greeting', { name: 'A', place: 'B' })).toBe('Hello A, welcome to B.');
      registerCatalog(Object.fromEntries(locales.map((l) => [l, { 'test.later': `later ${l}` }])) as unknown as ModuleCatalog);
      expect(t('en')('test.greeting', { name: 'A', place: 'B' })).toBe('Changed A');
      expect(t('ru')('test.later' as MessageKey)).toBe('later ru');
    } finally {
      en['test.greeting'] = original;
    }
  });
});
