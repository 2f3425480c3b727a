import PDFDocument from 'pdfkit';
import { type FontSet, resolveFonts } from './fonts.ts';
import { type Script, splitScriptRuns } from './text-runs.ts';

export interface LetterInput {
  /** Lines at the top, e.g. organization, bureau, postal address. */
  letterhead: string[];
  place: string;
  /** Already formatted, e.g. '20 April 2023'. */
  date: string;
  reference: string;
  addressee: string[];
  subject: string;
  /** Body paragraphs; may contain names in any script. */
  paragraphs: string[];
  /** Rows of the participant table: Name, Nationality, Passport number, ... */
  participant: { label: string; value: string }[];
  /** Lines; an empty string is a blank line. */
  closing: string[];
}

type Doc = PDFKit.PDFDocument;

interface Style {
  size?: number;
  bold?: boolean;
}

interface Box {
  x: number;
  y: number;
  width: number;
}

const MARGIN = 72;
const SIZE = 11;
const LABEL_WIDTH = 150;
/**
 * pdfkit puts the top of each run's font ascender at the cursor, and the ascenders differ (Noto Sans 1.069em,
 * CJK 1.16em, Arabic 1.374em), so runs sharing a line would sit on different baselines. Every run gets its
 * baseline at the Noto Sans ascender instead.
 */
const BASELINE_EM = 1.069;

/** Renders a visa support letter as an A4 PDF with every font embedded. */
export async function renderLetter(input: LetterInput): Promise<Buffer> {
  const fonts = resolveFonts();
  // No `font` option: pdfkit re-selects that font at every automatic page break, even in the middle of a run.
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    displayTitle: true,
    info: { Title: input.subject },
  });
  for (const [name, file] of Object.entries(fonts)) doc.registerFont(name, file.path, file.face);
  const done = collect(doc);

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const gap = (lines = 1) => {
    doc.y += lines * SIZE;
  };

  for (const [i, line] of input.letterhead.entries()) write(doc, line, { bold: true, size: i === 0 ? 13 : 10 });
  gap(0.5);
  rule(doc, left, width, doc.y);
  gap(2);
  write(doc, `${input.place}, ${input.date}`);
  write(doc, `Ref.: ${input.reference}`);
  gap(2);
  for (const line of input.addressee) write(doc, line);
  gap(2);
  write(doc, input.subject, { bold: true });
  gap();
  for (const paragraph of input.paragraphs) {
    write(doc, paragraph);
    gap(0.75);
  }

  gap(0.25);
  rule(doc, left, width, doc.y);
  for (const { label, value } of input.participant) {
    if (doc.y + 3 * SIZE > doc.page.maxY()) doc.addPage();
    const top = doc.y + 4;
    write(doc, label, { bold: true }, { x: left, y: top, width: LABEL_WIDTH - 12 });
    const labelBottom = doc.y;
    write(doc, value, {}, { x: left + LABEL_WIDTH, y: top, width: width - LABEL_WIDTH });
    doc.y = Math.max(labelBottom, doc.y) + 4;
    rule(doc, left, width, doc.y);
  }
  doc.x = left;
  gap(1.5);

  for (const line of input.closing) write(doc, line);
  doc.end();
  return done;
}

function collect(doc: Doc): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

function fontName(script: Script, bold: boolean): keyof FontSet {
  if (script === 'arabic') return 'arabic'; // no bold Arabic face is required
  return bold ? `${script}Bold` : script;
}

/** Writes one wrapped block of text at the cursor (or in `box`), switching fonts run by run. */
function write(doc: Doc, text: string, { size = SIZE, bold = false }: Style = {}, box?: Box) {
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

function rule(doc: Doc, x: number, width: number, y: number) {
  doc.save().moveTo(x, y).lineTo(x + width, y).lineWidth(0.5).strokeColor('#999999').stroke().restore();
}
