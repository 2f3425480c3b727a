/**
 * Counted nouns in all six languages: each message that shows a count with a noun, rendered for 0, 1, 2, 3, 5, 11,
 * 21 and 100, must show the noun in the form the language wants for that number (ar 3 أيام, ru 5 дней, ru 21 день).
 * The CLDR plural category of each number is written out here, not taken from the library under test.
 */
import { describe, expect, it } from 'vitest';
import { type Locale, locales, type MessageKey, translator } from '../src/platform/i18n/index.ts';

const numbers = [0, 1, 2, 3, 5, 11, 21, 100] as const;
type Category = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';

/** CLDR's cardinal plural categories of those numbers, by hand. */
const categoryOf: Record<Locale, Record<(typeof numbers)[number], Category>> = {
  ar: { 0: 'zero', 1: 'one', 2: 'two', 3: 'few', 5: 'few', 11: 'many', 21: 'many', 100: 'other' },
  zh: { 0: 'other', 1: 'other', 2: 'other', 3: 'other', 5: 'other', 11: 'other', 21: 'other', 100: 'other' },
  en: { 0: 'other', 1: 'one', 2: 'other', 3: 'other', 5: 'other', 11: 'other', 21: 'other', 100: 'other' },
  fr: { 0: 'one', 1: 'one', 2: 'other', 3: 'other', 5: 'other', 11: 'other', 21: 'other', 100: 'other' },
  ru: { 0: 'many', 1: 'one', 2: 'few', 3: 'few', 5: 'many', 11: 'many', 21: 'one', 100: 'many' },
  es: { 0: 'other', 1: 'one', 2: 'other', 3: 'other', 5: 'other', 11: 'other', 21: 'other', 100: 'other' },
};

/** What each form reads, # the number; a language that lacks a form uses "other". */
type Forms = Record<Locale, Partial<Record<Category, string>> & { other: string }>;
const daysFor: Forms = {
  ar: { zero: '0 يوم', one: 'يوم واحد', two: 'يومين', few: '# أيام', many: '# يوماً', other: '# يوم' },
  zh: { other: '# 天' },
  en: { one: '# day', other: '# days' },
  fr: { one: '# jour', other: '# jours' },
  ru: { one: '# дня', few: '# дней', many: '# дней', other: '# дня' },
  es: { one: '# día', other: '# días' },
};
const hoursFor: Forms = {
  ar: { zero: '0 ساعة', one: 'ساعة واحدة', two: 'ساعتين', few: '# ساعات', many: '# ساعة', other: '# ساعة' },
  zh: { other: '# 小时' },
  en: { one: '# hour', other: '# hours' },
  fr: { one: '# heure', other: '# heures' },
  ru: { one: '# часа', few: '# часов', many: '# часов', other: '# часа' },
  es: { one: '# hora', other: '# horas' },
};
const minutes: Forms = {
  ar: { zero: '0 دقيقة', one: 'دقيقة واحدة', two: 'دقيقتين', few: '# دقائق', many: '# دقيقة', other: '# دقيقة' },
  zh: { other: '# 分钟' },
  en: { one: '# minute', other: '# minutes' },
  fr: { one: '# minute', other: '# minutes' },
  ru: { one: '# минуту', few: '# минуты', many: '# минут', other: '# минуты' },
  es: { one: '# minuto', other: '# minutos' },
};

const cases: [MessageKey, string, Forms][] = [
  [
    'deadline.ruleHint',
    'days',
    { ...daysFor, ar: { ...daysFor.ar, two: 'يومان' }, ru: { one: 'за # день', few: 'за # дня', many: 'за # дней', other: 'за # дня' } },
  ],
  ['list.checkMail', 'days', daysFor],
  ['error.listLinkExpired', 'days', daysFor],
  ['mail.list.confirm.body', 'days', daysFor],
  ['mail.verify.body', 'hours', hoursFor],
  ['mail.signup.body', 'hours', hoursFor],
  ['mail.reset.body', 'hours', hoursFor],
  ['error.tooManyAttempts', 'minutes', minutes],
  ['error.tooManyRequests', 'minutes', minutes],
  [
    'deadline.closesIn',
    'count',
    {
      ar: { zero: 'يُغلق اليوم', one: 'بعد يوم واحد', two: 'بعد يومين', few: 'بعد # أيام', many: 'بعد # يوماً', other: 'بعد # يوم' },
      zh: { other: '# 天后截止' },
      en: { one: 'in # day', other: 'in # days' },
      fr: { one: 'dans # jour', other: 'dans # jours' },
      ru: { one: 'через # день', few: 'через # дня', many: 'через # дней', other: 'через # дня' },
      es: { one: 'de # día', other: 'de # días' },
    },
  ],
  [
    'search.resultsMore',
    'count',
    {
      ar: { zero: 'من 0 وثيقة', one: 'من وثيقة واحدة', two: 'من وثيقتين', few: 'من # وثائق', many: 'من # وثيقة', other: 'من # وثيقة' },
      zh: { other: '超过 # 份文件' },
      en: { one: 'than # document found', other: 'than # documents found' },
      fr: { one: 'de # document trouvé', other: 'de # documents trouvés' },
      ru: { one: 'более # документа', few: 'более # документов', many: 'более # документов', other: 'более # документа' },
      es: { one: 'de # documento', other: 'de # documentos' },
    },
  ],
  [
    'search.results',
    'count',
    {
      ar: { zero: 'لم يُعثر على أي وثيقة', one: 'وثيقة واحدة', two: 'وثيقتين', few: '# وثائق', many: '# وثيقة', other: '# وثيقة' },
      zh: { other: '# 份文件' },
      en: { one: '# document found', other: '# documents found' },
      fr: { one: '# document trouvé', other: '# documents trouvés' },
      ru: { one: 'Найден # документ', few: 'Найдено # документа', many: 'Найдено # документов', other: 'Найдено # документа' },
      es: { one: '# documento', other: '# documentos' },
    },
  ],
  [
    'visa.queueCount',
    'count',
    {
      ar: { zero: 'لا توجد طلبات', one: 'طلب واحد', two: 'طلبان', few: '# طلبات', many: '# طلباً', other: '# طلب' },
      zh: { other: '# 份申请' },
      en: { one: '# request', other: '# requests' },
      fr: { one: '# demande', other: '# demandes' },
      ru: { one: '# запрос', few: '# запроса', many: '# запросов', other: '# запроса' },
      es: { one: '# solicitud', other: '# solicitudes' },
    },
  ],
  [
    'announcement.counts',
    'total',
    {
      ar: { other: 'المتلقون: #' },
      zh: { other: '共 # 位收件人' },
      en: { one: '# recipient ·', other: '# recipients ·' },
      fr: { other: 'Destinataires\u00a0: #' },
      ru: { one: '# получатель ·', few: '# получателя ·', many: '# получателей ·', other: '# получателя ·' },
      es: { one: '# destinatario ·', other: '# destinatarios ·' },
    },
  ],
];

describe('counted nouns', () => {
  it.each(locales)('the categories written out here are CLDR’s (%s)', (locale) => {
    const rules = new Intl.PluralRules(locale);
    for (const n of numbers) expect(rules.select(n), `${locale} ${n}`).toBe(categoryOf[locale][n]);
  });

  describe.each(cases)('%s', (key, param, forms) => {
    it.each(locales)('%s', (locale) => {
      const t = translator(locale);
      for (const n of numbers) {
        const category = categoryOf[locale][n];
        const expected = (forms[locale][category] ?? forms[locale].other).replace('#', String(n));
        // the whole phrase, not part of a word ("1 day" is not in "1 days"; Chinese has no spaces between words);
        // the other counts of announcement.counts at 0
        const edge = locale === 'zh' ? '\\d' : '\\p{L}\\d';
        const phrase = new RegExp(`(?<![${edge}])${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![${edge}])`, 'u');
        expect(t(key, { queued: 0, sent: 0, failed: 0, [param]: n }), `${locale} ${n} (${category})`).toMatch(phrase);
      }
    });
  });

  it('shows the other counts of an announcement in their forms too (es)', () => {
    const es = translator('es');
    expect(es('announcement.counts', { total: 1, queued: 0, sent: 1, failed: 0 })).toBe(
      '1 destinatario · 0 en cola · 1 enviado · 0 fallidos',
    );
    expect(es('announcement.counts', { total: 3, queued: 1, sent: 1, failed: 1 })).toBe(
      '3 destinatarios · 1 en cola · 1 enviado · 1 fallido',
    );
  });
});
