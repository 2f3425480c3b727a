import type { JSX } from 'preact';
import { directionOf, isLocale, type Locale, type MessageKey, type Params, pickWithLang, type Translate } from '../i18n/index.ts';
import { htmlLang } from './layout.tsx';
import { Paragraphs } from './text.tsx';

type Text = Record<string, string> | null | undefined;

/** The language tag of a translatable field's language (its keys are locale codes; Chinese is simplified). */
const tagOf = (lang: string) => (isLocale(lang) ? htmlLang(lang) : lang);
const directionOfLang = (lang: string) => (isLocale(lang) ? directionOf(lang) : 'ltr');

/**
 * A translatable data field in the reader's language; when it fell back to another language (English, then any),
 * marked with that language (WCAG 3.1.2) — a `<span lang>`, or a `<bdi lang>` when its direction is not the
 * page's (English on an Arabic page), or `isolate` is asked, so that brackets and punctuation stay with its words.
 * With `paragraphs`, the text is blank-line paragraphs (Paragraphs) in a `<div lang dir>` when it fell back.
 */
export function Localized(props: { ctx: { locale: Locale }; text: Text; isolate?: boolean; paragraphs?: boolean }) {
  const { locale } = props.ctx;
  const { text, lang } = pickWithLang(props.text, locale);
  if (props.paragraphs) {
    if (lang === locale) return <Paragraphs text={text} />;
    return (
      <div lang={tagOf(lang)} dir={directionOfLang(lang)}>
        <Paragraphs text={text} />
      </div>
    );
  }
  if (lang === locale) return props.isolate ? <bdi>{text}</bdi> : text;
  if (props.isolate || directionOfLang(lang) !== directionOf(locale)) return <bdi lang={tagOf(lang)}>{text}</bdi>;
  return <span lang={tagOf(lang)}>{text}</span>;
}

/**
 * A translatable field as an `<option>` (which holds text only): its text, and its language tag when it fell back
 * to another than the reader's.
 */
export function localizedOption(text: Text, locale: Locale): { label: string; lang?: string } {
  const picked = pickWithLang(text, locale);
  return picked.lang === locale ? { label: picked.text } : { label: picked.text, lang: tagOf(picked.lang) };
}

/** Stand-ins for the elements given to a Message: private-use characters no message or value contains. */
const standIn = (i: number) => `\uE000${i}\uE001`;

/**
 * A message whose values may be elements (a `<Localized>` title, a `<bdi>` name, a `<time>`): the message is
 * rendered with a stand-in for each, then the stand-ins are replaced by the elements, so that data in another
 * language or direction keeps its mark inside the reader's sentence. Plain values are passed as they are.
 */
export function Message(props: { t: Translate; id: MessageKey; params: Record<string, string | number | JSX.Element> }) {
  const elements: JSX.Element[] = [];
  const params: Params = {};
  for (const [name, value] of Object.entries(props.params)) {
    if (typeof value === 'string' || typeof value === 'number') params[name] = value;
    else params[name] = standIn(elements.push(value) - 1);
  }
  const parts = props.t(props.id, params).split(/\uE000(\d+)\uE001/);
  return <>{parts.map((part, i) => (i % 2 === 1 ? elements[Number(part)] : part))}</>;
}
