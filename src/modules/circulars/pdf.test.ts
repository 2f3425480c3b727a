import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { circular90Corrigendum } from '../../../test/support/circular.ts';
import { inspectPdf, type PdfFacts } from '../../../test/support/pdf.ts';
import { type Locale, locales } from '../../platform/i18n/index.ts';
import { buildLetter, type Letter } from './letter.ts';
import { renderCircularPdf } from './pdf.ts';

const run = promisify(execFile);
const installed = (tool: string) => !spawnSync(tool, ['-v']).error;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-circular-pdf-'));
/** The first page of each language as a PNG, kept after the run for a person to look at. */
const pagesDir = path.join(os.tmpdir(), 'convene-circular-pages');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const corrigendum = (locale: Locale): Letter => buildLetter(circular90Corrigendum(), locale);

const ours = ['NotoSans-Regular', 'NotoSans-Bold', 'NotoNaskhArabic', 'NotoNaskhArabic-Bold', 'NotoSansHans-Regular', 'NotoSansHans-Bold'];
const squeeze = (s: string) => s.replace(/[\s\u2066-\u2069]+/g, '');

/** A grey page raster (PGM from pdftoppm): width, height, and one byte a pixel, 0 black. */
async function raster(file: string, dpi: number): Promise<{ width: number; height: number; pixels: Buffer }> {
  const out = path.join(tmp, `${path.basename(file, '.pdf')}-${dpi}`);
  await run('pdftoppm', ['-gray', '-r', String(dpi), '-f', '1', '-l', '1', '-singlefile', file, out]);
  const pgm = fs.readFileSync(`${out}.pgm`);
  const header = pgm.toString('latin1', 0, 32).match(/^P5\s+(\d+)\s+(\d+)\s+255\s/);
  if (!header) throw new Error('not a PGM');
  return { width: Number(header[1]), height: Number(header[2]), pixels: pgm.subarray(header[0].length) };
}

describe('renderCircularPdf', () => {
  const letters = new Map<Locale, Letter>();
  const pdfs = new Map<Locale, { file: string; facts: PdfFacts }>();
  beforeAll(async () => {
    // All six at once: the renderer compiles them one after the other, each with its own data.
    await Promise.all(
      locales.map(async (locale) => {
        const letter = corrigendum(locale);
        const pdf = await renderCircularPdf(letter);
        const file = path.join(tmp, `circular-${locale}.pdf`);
        fs.writeFileSync(file, pdf);
        letters.set(locale, letter);
        pdfs.set(locale, { file, facts: await inspectPdf(pdf) });
      }),
    );
  });

  it.each(locales)('%s: tagged, titled, in its language, with only the bundled fonts, all embedded', (locale) => {
    const letter = letters.get(locale)!;
    const { facts } = pdfs.get(locale)!;
    expect(facts.lang).toBe(locale === 'zh' ? 'zh-CN' : locale);
    expect(facts.tagged).toBe(true);
    expect(facts.title).toBe(`${letter.reference.lines[0]} — ${squeezeIsolates(letter.subject.text)}`);
    expect(facts.author).toBe(letter.organization);
    expect(facts.fonts.length).toBeGreaterThan(0);
    for (const font of facts.fonts) {
      expect(ours, font.name).toContain(font.name);
      expect(font.embedded, font.name).toBe(true);
    }
    const names = facts.fonts.map((f) => f.name);
    const expected = { ar: ['NotoNaskhArabic', 'NotoNaskhArabic-Bold'], zh: ['NotoSansHans-Regular', 'NotoSansHans-Bold'] }[
      locale as string
    ] ?? ['NotoSans-Regular', 'NotoSans-Bold'];
    for (const font of expected) expect(names).toContain(font);
  });

  it.each(locales)('%s: carries the letter’s facts as text (through ToUnicode)', (locale) => {
    const letter = letters.get(locale)!;
    const text = squeeze(pdfs.get(locale)!.facts.text.join(''));
    const table = letter.blocks.find((b) => b.kind === 'deadlines')!;
    if (locale === 'ar') {
      // Extraction yields Arabic in visual order: check words whose letters do not ligate (no lam-alef).
      for (const word of ['مكتب', 'تقييس', 'المرجع', 'جنيف']) expect(text).toContain(word);
      for (const fact of ['FG-MV/CB', 'tsbfgmv@itu.int', '+41227306301', '2023']) expect(text).toContain(fact);
      return;
    }
    for (const fact of [
      letter.organization,
      letter.bureau,
      letter.placeDate,
      ...letter.reference.lines,
      letter.corrigendum!.title,
      letter.subject.text,
      table.caption,
      ...table.rows.map((r) => r.date),
      ...letter.closing,
    ]) {
      expect(text, fact).toContain(squeeze(fact));
    }
  });

  // pdftotext -layout reads by position on the page, each label beside its value (pdf.js reads the content
  // stream, where Typst puts a grid's column of labels before the values).
  it.skipIf(!installed('pdftotext')).each(locales.filter((l) => l !== 'ar'))(
    '%s: reads in order, header to closing (pdftotext)',
    async (locale) => {
      const letter = letters.get(locale)!;
      const table = letter.blocks.find((b) => b.kind === 'deadlines')!;
      const sequence = [
        letter.organization,
        letter.bureau,
        letter.placeDate,
        letter.reference.lines[0]!,
        letter.to.items[0]!,
        letter.subject.label,
        letter.salutation,
        table.caption,
        table.rows[0]!.what,
        letter.closing[0]!,
      ];
      const text = squeeze((await run('pdftotext', ['-layout', pdfs.get(locale)!.file, '-'])).stdout);
      {
        // Each one found after the one before it.
        let from = 0;
        for (const s of sequence) {
          const at = text.indexOf(squeeze(s), from);
          expect(at, `${s} after ${text.slice(Math.max(0, from - 40), from)}`).toBeGreaterThanOrEqual(0);
          from = at + squeeze(s).length;
        }
      }
    },
  );

  it('breaks Chinese lines where Chinese may break: no line ends with an opening bracket or quote', () => {
    const lines = pdfs
      .get('zh')!
      .facts.text.join('\n')
      .split('\n')
      .map((l) => l.trimEnd())
      .filter(Boolean);
    expect(lines.length).toBeGreaterThan(40);
    expect(lines.filter((l) => /[（“《【「(]$/.test(l))).toEqual([]);
    expect(lines.filter((l) => /^[）”》】」)，。、：；]/.test(l))).toEqual([]);
  });

  it.skipIf(!installed('pdftoppm'))('puts ink where each language starts a line: the left margin, or the right one in Arabic', async () => {
    fs.mkdirSync(pagesDir, { recursive: true });
    for (const locale of locales) {
      const { file } = pdfs.get(locale)!;
      await run('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, path.join(pagesDir, locale)]);
      expect(fs.statSync(path.join(pagesDir, `${locale}.png`)).size).toBeGreaterThan(20_000);

      const { width, height, pixels } = await raster(file, 50);
      const ink = (x: number, y: number) => pixels[y * width + x]! < 128;
      let inked = 0;
      for (let i = 0; i < pixels.length; i++) if (pixels[i]! < 128) inked++;
      expect(inked / pixels.length, locale).toBeGreaterThan(0.01);

      // The first line of text (the organization), from its first inked row to the first blank one after it.
      let top = 0;
      while (top < height && ![...Array(width).keys()].some((x) => ink(x, top))) top++;
      let bottom = top;
      while (bottom < height && [...Array(width).keys()].some((x) => ink(x, bottom))) bottom++;
      expect(top, locale).toBeLessThan(height / 5);
      const columns = [...Array(width).keys()].filter((x) => [...Array(bottom - top).keys()].some((dy) => ink(x, top + dy)));
      const [left, right] = [columns[0]! / width, columns.at(-1)! / width];
      // Margins are 62pt of 595pt (0.104 of the width) on either side; the organization's name is shorter than a line.
      if (locale === 'ar') {
        expect(right, locale).toBeGreaterThan(0.85);
        expect(left, locale).toBeGreaterThan(0.3);
      } else {
        expect(left, locale).toBeLessThan(0.15);
        expect(right, locale).toBeLessThan(0.75);
      }

      // The paragraph numbers hang in the margin column: "1" alone in a narrow band at the start edge.
      const band = (from: number, to: number) =>
        [...Array(height).keys()].filter((y) =>
          [...Array(Math.round((to - from) * width)).keys()].some((dx) => ink(Math.round(from * width) + dx, y)),
        ).length;
      const numbers = locale === 'ar' ? band(0.86, 0.895) : band(0.105, 0.14);
      const beside = locale === 'ar' ? band(0.82, 0.855) : band(0.145, 0.18);
      expect(numbers, locale).toBeLessThan(beside);
    }
  });
});

function squeezeIsolates(s: string): string {
  return s.replace(/[\u2066-\u2069]/g, '');
}
