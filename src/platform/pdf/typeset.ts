import type { FontSet } from './fonts.ts';
import { type Script, splitScriptRuns } from './text-runs.ts';

export type Doc = PDFKit.PDFDocument;

export interface Style {
  size?: number;
  bold?: boolean;
}

export interface Box {
  x: number;
  y: number;
  width: number;
}

export const SIZE = 11;
/**
 * pdfkit puts the top of each run's font ascender at the cursor, and the ascenders differ (Noto Sans 1.069em,
 * CJK 1.16em, Arabic 1.374em), so runs sharing a line would sit on different baselines. Every run gets its
 * baseline at the Noto Sans ascender instead.
 */
export const BASELINE_EM = 1.069;

export function collect(doc: Doc): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

export function fontName(script: Script, bold: boolean): keyof FontSet {
  if (script === 'arabic') return 'arabic'; // no bold Arabic face is required
  return bold ? `${script}Bold` : script;
}

/** Writes one wrapped block of text at the cursor (or in `box`), switching fonts run by run. */
export function write(doc: Doc, text: string, { size = SIZE, bold = false }: Style = {}, box?: Box) {
  doc.font(fontName('latin', bold), size);
  const lineHeight = doc.currentLineHeight(true);
  if (box) {
    doc.x = box.x;
    doc.y = box.y;
  }
  const runs = splitScriptRuns(text);
  if (runs.length === 0) doc.y += lineHeight;
  runs.forEach((run, i) => {
    doc.font(fontName(run.script, bold), size);
    // pdfkit places text, advances lines and decides page breaks by the current font's line height, which is
    // taller for CJK and much taller for Arabic. Raising the cursor by the difference (and lowering the glyphs
    // back) makes every run keep the Latin line box, so a run in a taller font neither opens up its line nor
    // breaks the page early, where pdfkit would carry on at the old line's x.
    const extra = doc.currentLineHeight(true) - lineHeight;
    doc.y -= extra;
    // Options of a continued call leak into the next one unless set again, so every run sets them all.
    doc.text(run.text, {
      width: box?.width,
      continued: i < runs.length - 1,
      // Any features list makes pdfkit shape the whole run at once instead of word by word, which is what
      // keeps the words of a right-to-left run in order.
      features: run.script === 'arabic' ? ['rtla'] : [],
      baseline: -(BASELINE_EM * size + extra),
      lineGap: -extra,
    });
    doc.y += extra;
  });
}

export function rule(doc: Doc, x: number, width: number, y: number) {
  doc.save().moveTo(x, y).lineTo(x + width, y).lineWidth(0.5).strokeColor('#999999').stroke().restore();
}

type Direction = 'rtl' | 'ltr' | 'neutral';
const ARABIC_CHAR = /[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufefc]/u;
const STRONG_LTR = /[\p{L}\p{N}]/u;
const MIRRORED: Record<string, string> = { '(': ')', ')': '(', '[': ']', ']': '[', '«': '»', '»': '«', '<': '>', '>': '<' };

const directionOf = (ch: string): Direction => (ARABIC_CHAR.test(ch) ? 'rtl' : STRONG_LTR.test(ch) ? 'ltr' : 'neutral');

/**
 * Splits one line of a right-to-left paragraph into runs in visual order (left to right): the small part of
 * the Unicode bidi algorithm letters need. Arabic runs (with the neutrals between Arabic words), left-to-right
 * runs (Latin words, numbers, e-mail addresses, keeping their own order, with the neutrals between them) and
 * the other neutrals, placed right to left with brackets mirrored.
 */
export function visualRunsRtl(line: string): { text: string; arabic: boolean }[] {
  const chars = [...line];
  const dirs = chars.map(directionOf);
  // A line without Arabic (a phone number, an address) reads left to right as a whole: "+41 22 730 6301".
  if (!dirs.includes('rtl')) return line ? [{ text: line, arabic: false }] : [];
  const strongBefore = (i: number) => dirs.slice(0, i).findLast((d) => d !== 'neutral');
  const strongAfter = (i: number) => dirs.slice(i + 1).find((d) => d !== 'neutral');
  const kinds = dirs.map((d, i) => {
    if (d === 'rtl') return 'arabic';
    if (d === 'ltr') return 'ltr';
    const [before, after] = [strongBefore(i), strongAfter(i)];
    if (before === 'ltr' && after === 'ltr') return 'ltr';
    // Only spaces shape with Arabic words: brackets and marks may be missing from the Arabic font.
    if (before === 'rtl' && after === 'rtl' && /\s/u.test(chars[i]!)) return 'arabic';
    return 'neutral';
  });
  const runs: { text: string; kind: string }[] = [];
  chars.forEach((ch, i) => {
    const last = runs.at(-1);
    if (last && last.kind === kinds[i]) last.text += ch;
    else runs.push({ text: ch, kind: kinds[i]! });
  });
  return runs.reverse().map(({ text, kind }) => ({
    // Arabic is reversed by the shaper; neutrals placed right to left are reversed and mirrored here.
    text: kind === 'neutral' ? [...text].reverse().map((c) => MIRRORED[c] ?? c).join('') : text,
    arabic: kind === 'arabic',
  }));
}

/**
 * Writes a right-to-left paragraph, right-aligned in `box` (or the page's margins) at the cursor. pdfkit
 * wraps and orders text left to right only, so lines are broken here, by measured width, and each line's
 * runs are placed in visual order; Arabic runs are shaped whole so their letters join.
 */
export function writeRtl(doc: Doc, text: string, { size = SIZE, bold = false }: Style = {}, box?: Box): void {
  const left = box?.x ?? doc.page.margins.left;
  const width = box?.width ?? doc.page.width - doc.page.margins.left - doc.page.margins.right;
  if (box) doc.y = box.y;
  doc.font(fontName('latin', bold), size);
  const lineHeight = doc.currentLineHeight(true) * 1.25;
  const measure = (line: string) =>
    visualRunsRtl(line).reduce((sum, run) => sum + runWidth(doc, run, size, bold), 0);
  const lines: string[] = [];
  for (const paragraphLine of text.split('\n')) {
    let current = '';
    for (const word of paragraphLine.split(/(?<= )/)) {
      const candidate = current + word;
      if (current && measure(candidate.trimEnd()) > width) {
        lines.push(current.trimEnd());
        current = word;
      } else {
        current = candidate;
      }
    }
    lines.push(current.trimEnd());
  }
  for (const line of lines) {
    if (doc.y + lineHeight > doc.page.maxY()) doc.addPage();
    const runs = visualRunsRtl(line);
    let x = left + width - runs.reduce((sum, run) => sum + runWidth(doc, run, size, bold), 0);
    const y = doc.y;
    for (const run of runs) {
      selectRunFont(doc, run, size, bold);
      doc.text(run.text, x, y + (lineHeight - doc.currentLineHeight(true)) / 2, {
        lineBreak: false,
        features: run.arabic ? ['rtla'] : [],
      });
      x += runWidth(doc, run, size, bold);
    }
    doc.y = y + lineHeight;
  }
  doc.x = left;
}

function selectRunFont(doc: Doc, run: { text: string; arabic: boolean }, size: number, bold: boolean) {
  const script: Script = run.arabic ? 'arabic' : splitScriptRuns(run.text)[0]?.script ?? 'latin';
  doc.font(fontName(script, bold), size);
}

function runWidth(doc: Doc, run: { text: string; arabic: boolean }, size: number, bold: boolean): number {
  selectRunFont(doc, run, size, bold);
  return doc.widthOfString(run.text, { features: run.arabic ? ['rtla'] : [] });
}
