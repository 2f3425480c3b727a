import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { type Locale, pickWithLang, translator } from '../i18n/index.ts';
import { Localized, Message } from './localized.tsx';

describe('pickWithLang', () => {
  it.each<[string, Record<string, string> | null | undefined, Locale, { text: string; lang: string }]>([
    ['the reader’s language', { en: 'Interoperability', zh: '互操作性' }, 'zh', { text: '互操作性', lang: 'zh' }],
    [
      'English when the reader’s is missing',
      { en: 'Interoperability', fr: 'Interopérabilité' },
      'ar',
      { text: 'Interoperability', lang: 'en' },
    ],
    ['English when the reader’s is empty', { en: 'Interoperability', ar: '' }, 'ar', { text: 'Interoperability', lang: 'en' }],
    ['any language without English', { ru: '', fr: 'Interopérabilité' }, 'zh', { text: 'Interopérabilité', lang: 'fr' }],
    ['nothing: empty, in the reader’s language', {}, 'ru', { text: '', lang: 'ru' }],
    ['no field at all', null, 'es', { text: '', lang: 'es' }],
  ])('%s', (_name, text, locale, expected) => {
    expect(pickWithLang(text, locale)).toEqual(expected);
  });
});

describe('Localized', () => {
  const render = (locale: Locale, text: Record<string, string>, options: { isolate?: boolean; paragraphs?: boolean } = {}) =>
    renderToString(h(Localized, { ctx: { locale }, text, ...options }));

  it.each<[string, Locale, Record<string, string>, { isolate?: boolean; paragraphs?: boolean }, string]>([
    ['the page’s language: plain text', 'fr', { en: 'General', fr: 'Généralités' }, {}, 'Généralités'],
    ['English on a French page: a span', 'fr', { en: 'General' }, {}, '<span lang="en">General</span>'],
    ['English on an Arabic page: isolated', 'ar', { en: 'Working Groups (demo)' }, {}, '<bdi lang="en">Working Groups (demo)</bdi>'],
    ['Arabic on an English page: isolated', 'en', { ar: 'التعاون' }, {}, '<bdi lang="ar">التعاون</bdi>'],
    ['Chinese is simplified Chinese', 'ru', { zh: '协作' }, {}, '<span lang="zh-Hans">协作</span>'],
    ['isolation asked, same language', 'ar', { ar: 'التعاون' }, { isolate: true }, '<bdi>التعاون</bdi>'],
    ['isolation asked, same direction', 'fr', { en: 'General' }, { isolate: true }, '<bdi lang="en">General</bdi>'],
    ['paragraphs in the page’s language', 'en', { en: 'One.\n\nTwo.' }, { paragraphs: true }, '<p>One.</p><p>Two.</p>'],
    ['paragraphs fallen back', 'ar', { en: 'One.\n\nTwo.' }, { paragraphs: true }, '<div lang="en" dir="ltr"><p>One.</p><p>Two.</p></div>'],
    ['escaped like any text', 'ar', { en: '<b>&' }, {}, '<bdi lang="en">&lt;b>&amp;</bdi>'],
  ])('%s', (_name, locale, text, options, html) => {
    expect(render(locale, text, options)).toBe(html);
  });
});

describe('Message', () => {
  const render = (locale: Locale, params: Parameters<typeof Message>[0]['params']) =>
    renderToString(h(Message, { t: translator(locale), id: 'form.inLanguage', params }));

  it.each<[string, Locale, Parameters<typeof Message>[0]['params'], string]>([
    ['a plain value', 'en', { language: 'Français' }, 'In Français'],
    [
      'an element, in the reader’s sentence',
      'ar',
      { language: h('bdi', { lang: 'en' }, 'English (UK)') },
      '<bdi lang="en">English (UK)</bdi>',
    ],
    ['an element’s text is escaped', 'en', { language: h('span', {}, '<i>') }, '<span>&lt;i></span>'],
  ])('%s', (_name, locale, params, html) => {
    expect(render(locale, params)).toContain(html);
  });

  it('keeps the words of the message round the element', () => {
    const plain = translator('ar')('form.inLanguage', { language: 'X' });
    expect(render('ar', { language: h('bdi', {}, 'X') })).toBe(plain.replace('X', '<bdi>X</bdi>'));
  });
});
