/**
 * What translator() costs: every message of every catalog rendered once cold (each is parsed then) and then warm
 * (parsed messages are kept per language and key), and the warm cost of one plain, one {name} and one plural
 * message. A page shows a few hundred messages. Prints means; asserts nothing.
 *   npm run bench:messages
 */
import { performance } from 'node:perf_hooks';
import '../src/modules.ts';
import { catalogs, type Locale, locales, type MessageKey, messageArguments, type Params, translator } from '../src/platform/i18n/index.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const keys = Object.keys(catalogs.en) as MessageKey[];
const paramsOf = new Map<string, Params>(
  keys.map((key) => [
    key,
    Object.fromEntries(
      [...messageArguments(catalogs.en[key]).entries()].map(([name, kind], i) => [name, kind === 'plural' ? 7 + i : `v${i}`]),
    ),
  ]),
);

function renderAll(locale: Locale): number {
  const t = translator(locale);
  let chars = 0;
  for (const key of keys) chars += t(key, paramsOf.get(key)).length;
  return chars;
}

const µs = (ms: number, n: number) => `${((ms * 1000) / n).toFixed(2)} µs`;
const cold = performance.now();
for (const locale of locales) renderAll(locale);
const coldMs = performance.now() - cold;
const messages = keys.length * locales.length;
console.log(`${keys.length} keys × ${locales.length} languages = ${messages} messages`);
console.log(`first render of each (parse + format): ${coldMs.toFixed(0)} ms in all, ${µs(coldMs, messages)} a message`);

const warm = performance.now();
for (let r = 0; r < ROUNDS; r++) for (const locale of locales) renderAll(locale);
const warmMs = performance.now() - warm;
console.log(
  `later renders: ${µs(warmMs, messages * ROUNDS)} a message on average (${ROUNDS} rounds); a page of 300: ${((warmMs / (messages * ROUNDS)) * 300).toFixed(3)} ms`,
);

const one = (label: string, key: MessageKey, params: Params | undefined, locale: Locale = 'ru') => {
  const t = translator(locale);
  const n = 200_000;
  for (let i = 0; i < 10_000; i++) t(key, params);
  const start = performance.now();
  for (let i = 0; i < n; i++) t(key, params);
  console.log(`${label.padEnd(46)} ${µs(performance.now() - start, n)}  ${JSON.stringify(t(key, params)).slice(0, 60)}`);
};
one('plain (notice.saved)', 'notice.saved', undefined);
one('placeholders (mail.registration.subject.promoted)', 'mail.registration.subject.promoted', { meeting: 'FG-MV-3', number: 'R3-12' });
one('plural (inbound.count)', 'inbound.count', { count: 21 });
one('plural in text (mail.verify.body)', 'mail.verify.body', { name: 'Ann', link: 'https://x', hours: 48 });
