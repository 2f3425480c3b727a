import PDFDocument from 'pdfkit';
import { resolveFonts } from './fonts.ts';
import { collect, rule, SIZE, write } from './typeset.ts';

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

const MARGIN = 72;

const LABEL_WIDTH = 150;

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
