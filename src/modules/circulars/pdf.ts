import PDFDocument from 'pdfkit';
import { resolveFonts } from '../../platform/pdf/fonts.ts';
import { type Box, collect, type Doc, rule, SIZE, type Style, write, writeRtl } from '../../platform/pdf/typeset.ts';
import type { Letter } from './letter.ts';

const MARGIN = 62;
const LABEL_WIDTH = 78;
const NUMBER_WIDTH = 22;

/** The circular as an A4 PDF with every font embedded; right to left for Arabic. */
export async function renderCircularPdf(letter: Letter): Promise<Buffer> {
  const fonts = resolveFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    displayTitle: true,
    lang: letter.locale,
    info: { Title: `${letter.reference.lines[0] ?? ''} — ${letter.subject.text}` },
  });
  for (const [name, file] of Object.entries(fonts)) doc.registerFont(name, file.path, file.face);
  const done = collect(doc);
  const rtl = letter.dir === 'rtl';
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  /** Text in a box whose start edge is `start` from the page's start edge (the right edge in Arabic). */
  const text = (value: string, style: Style = {}, start = 0, boxWidth = width - start, y?: number) => {
    const box: Box = { x: rtl ? left + width - start - boxWidth : left + start, y: y ?? doc.y, width: boxWidth };
    // Bidi isolates are for browsers; the PDF's lines are ordered here, and the fonts have no glyph for them.
    const plain = value.replace(/[\u2066-\u2069]/g, '');
    if (rtl) writeRtl(doc, plain, style, box);
    else write(doc, plain, style, box);
  };
  const gap = (lines = 1) => {
    doc.y += lines * SIZE;
  };

  text(letter.organization, { bold: true, size: 13 });
  text(letter.bureau, { bold: true, size: 11 });
  gap(0.4);
  rule(doc, left, width, doc.y);
  gap(1);
  text(letter.placeDate);
  gap(0.5);

  const labelled = (label: string, lines: string[], bold = false) => {
    if (lines.length === 0) return;
    if (doc.y + 2 * SIZE > doc.page.maxY()) doc.addPage();
    const top = doc.y;
    text(label, { bold: true }, 0, LABEL_WIDTH - 6, top);
    const afterLabel = doc.y;
    doc.y = top;
    for (const line of lines) text(line, { bold }, LABEL_WIDTH, width - LABEL_WIDTH);
    doc.y = Math.max(afterLabel, doc.y) + 4;
  };
  labelled(letter.reference.label, letter.reference.lines);
  if (letter.corrigendum) labelled('', [letter.corrigendum.title], true);
  labelled(letter.to.label, letter.to.items.map((i) => `– ${i}`));
  labelled(letter.copyTo.label, letter.copyTo.items.map((i) => `– ${i}`));
  for (const c of letter.contact) labelled(c.label, [c.value]);
  gap(0.3);
  labelled(letter.subject.label, [letter.subject.text], true);
  rule(doc, left, width, doc.y);
  gap(1);

  if (letter.corrigendum) {
    text(letter.corrigendum.note, { bold: true });
    for (const change of letter.corrigendum.changes) text(`• ${change}`, {}, NUMBER_WIDTH, width - NUMBER_WIDTH);
    gap(0.8);
  }

  text(letter.salutation);
  gap(0.6);
  for (const block of letter.blocks) {
    if (block.kind === 'paragraph') {
      if (doc.y + 2 * SIZE > doc.page.maxY()) doc.addPage();
      const top = doc.y;
      if (block.number) text(block.number, {}, 0, NUMBER_WIDTH, top);
      doc.y = top;
      text(block.text, {}, NUMBER_WIDTH, width - NUMBER_WIDTH);
      gap(0.6);
    } else if (block.kind === 'list') {
      for (const item of block.items) text(`•  ${item}`, {}, NUMBER_WIDTH * 2, width - NUMBER_WIDTH * 2);
      gap(0.6);
    } else {
      deadlineTable(doc, block.caption, block.rows, text, left, width);
    }
  }
  gap(0.6);
  for (const line of letter.closing) text(line);
  doc.end();
  return done;
}

function deadlineTable(
  doc: Doc,
  caption: string,
  rows: { date: string; what: string }[],
  text: (value: string, style?: Style, start?: number, boxWidth?: number, y?: number) => void,
  left: number,
  width: number,
) {
  const dateWidth = 130;
  if (doc.y + 4 * SIZE > doc.page.maxY()) doc.addPage();
  text(caption, { bold: true });
  doc.y += 4;
  rule(doc, left, width, doc.y);
  for (const row of rows) {
    if (doc.y + 3 * SIZE > doc.page.maxY()) doc.addPage();
    const top = doc.y + 4;
    text(row.date, { bold: true }, 0, dateWidth - 8, top);
    const afterDate = doc.y;
    text(row.what, {}, dateWidth, width - dateWidth, top);
    doc.y = Math.max(afterDate, doc.y) + 4;
    rule(doc, left, width, doc.y);
  }
  doc.x = left;
  doc.y += SIZE;
}
