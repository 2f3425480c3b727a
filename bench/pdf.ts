/**
 * PDF rendering (Typst): the first document (worker thread, compiler, fonts), then the six circulars and a visa
 * letter again and again, two at once, and the process's memory after. Meanwhile the main thread's event-loop
 * delay is sampled. For comparison, the same compilations on the main thread: how long each would block it.
 * Prints figures; asserts nothing.
 *   npx tsx bench/pdf.ts
 */
import { createRequire } from 'node:module';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { buildLetter } from '../src/modules/circulars/letter.ts';
import { renderCircularPdf } from '../src/modules/circulars/pdf.ts';
import { locales } from '../src/platform/i18n/index.ts';
import { resolveFonts } from '../src/platform/pdf/fonts.ts';
import { type LetterInput, renderLetter } from '../src/platform/pdf/letter.ts';
import { closeTypst } from '../src/platform/pdf/typst.ts';
import { circular90Corrigendum } from '../test/support/circular.ts';

const ROUNDS = Number(process.env.BENCH_PDF_ROUNDS ?? 20);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ms = (v: number) => `${v.toFixed(1)} ms`;
const pct = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0;

/** The six circulars, in a version of their own each round (other title and deadline): nothing is laid out twice. */
const lettersOf = (round: number) =>
  locales.map((locale) => {
    const issued = circular90Corrigendum();
    issued.facts.meeting.title = Object.fromEntries(Object.entries(issued.facts.meeting.title).map(([k, v]) => [k, `${v} ${round}`]));
    issued.facts.deadlines.contributions = `2023-05-${String(1 + (round % 28)).padStart(2, '0')}`;
    return buildLetter(issued, locale);
  });
const letters = lettersOf(0);
const visa: LetterInput = {
  letterhead: [
    'International Telecommunication Union',
    'Telecommunication Standardization Bureau',
    'Place des Nations, CH-1211 Geneva 20, Switzerland',
  ],
  place: 'Geneva',
  date: '6 April 2023',
  reference: 'VISA/FG-MV/2023/0001',
  addressee: ['Embassy or Consulate of Switzerland', 'Beijing', 'China'],
  subject: 'Visa support: Meetings of FG-MV Working Group 5 and Working Group 6, 9–10 May 2023',
  paragraphs: [
    'Dear Sir or Madam,',
    'The person named below, 王蕴韬 (WANG Yuntao), is registered to attend the meetings.',
    'This letter does not commit the International Telecommunication Union to any financial obligation.',
  ],
  participant: [
    { label: 'Name (as in passport)', value: 'WANG Yuntao' },
    { label: 'Nationality', value: 'China' },
    { label: 'Passport number', value: 'E12345678' },
  ],
  closing: ['Yours faithfully,', '', 'Director, TSB'],
};

const loop = monitorEventLoopDelay({ resolution: 1 });
const rssBefore = process.memoryUsage().rss;
loop.enable();
let t = performance.now();
await renderLetter(visa);
const first = performance.now() - t;
loop.disable();
console.log(
  `first document (worker, compiler, fonts): ${ms(first)}; main thread's event loop delayed at most ${ms(loop.max / 1e6)}; RSS ${mb(rssBefore)} before, ${mb(process.memoryUsage().rss)} after`,
);

const times = new Map<string, number[]>();
const record = async (name: string, render: () => Promise<Buffer>) => {
  const t0 = performance.now();
  await render();
  times.set(name, [...(times.get(name) ?? []), performance.now() - t0]);
};
const rounds = Array.from({ length: ROUNDS }, (_, round) => lettersOf(round + 1));
const rss: string[] = [];
loop.reset();
loop.enable();
for (const [round, circulars] of rounds.entries()) {
  for (const letter of circulars) await record(letter.locale, () => renderCircularPdf(letter));
  await record('visa', () => renderLetter({ ...visa, reference: `VISA/FG-MV/2023/${round}` }));
  if ((round + 1) % 20 === 0) rss.push(`${mb(process.memoryUsage().rss)} after ${(round + 1) * 7 + 1}`);
}
loop.disable();
console.log(`RSS: ${rss.join(', ')} documents`);
for (const [name, values] of times) console.log(`  ${name.padEnd(4)} p50 ${ms(pct(values, 0.5))}  p95 ${ms(pct(values, 0.95))}`);
console.log(
  `one after the other, ${ROUNDS} rounds of new documents: event loop delay p99 ${ms(loop.percentile(99) / 1e6)}, max ${ms(loop.max / 1e6)}`,
);
loop.reset();
loop.enable();
await new Promise((resolve) => setTimeout(resolve, 3000));
loop.disable();
console.log(
  `idle for 3 s (for comparison, on this shared machine): event loop delay p99 ${ms(loop.percentile(99) / 1e6)}, max ${ms(loop.max / 1e6)}`,
);

t = performance.now();
await Promise.all([renderCircularPdf(letters[0]!), renderCircularPdf(letters[1]!)]);
console.log(`two circulars at once: ${ms(performance.now() - t)}`);
t = performance.now();
await Promise.all([...letters.map((l) => renderCircularPdf(l)), renderLetter(visa)]);
console.log(`all six circulars and the letter at once: ${ms(performance.now() - t)}`);
console.log(`RSS ${mb(rssBefore)} before the first document, ${mb(process.memoryUsage().rss)} after ${ROUNDS * 7 + 10} documents`);
await closeTypst();
console.log(`RSS ${mb(process.memoryUsage().rss)} once the worker has ended`);

// The same compilations on the main thread, as they would block a request's event loop.
const require = createRequire(import.meta.url);
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler') as typeof import('@myriaddreamin/typst-ts-node-compiler');
const fs = await import('node:fs');
const workspace = fileURLToPath(new URL('../src/platform/pdf/typst/', import.meta.url));
const source = fs.readFileSync(new URL('../src/modules/circulars/circular.typ', import.meta.url), 'utf8');
t = performance.now();
const compiler = NodeCompiler.create({ workspace, fontArgs: [{ fontPaths: resolveFonts().files }] });
console.log(`on the main thread: NodeCompiler.create ${ms(performance.now() - t)}`);
for (const [i, letter] of [...letters, ...lettersOf(1), ...letters].entries()) {
  t = performance.now();
  const data = { letter, lang: letter.locale, region: letter.locale === 'zh' ? 'CN' : null, title: 'x' };
  const doc = compiler.compile({ mainFileContent: source, inputs: { data: JSON.stringify(data) } }).result!;
  compiler.pdf(doc);
  const kind = ['first', 'another version', 'the same again'][Math.floor(i / letters.length)];
  console.log(`  ${kind} ${letter.locale}: blocks ${ms(performance.now() - t)}`);
}
