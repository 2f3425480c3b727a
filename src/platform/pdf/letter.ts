import { loadTemplate, renderTypst } from './typst.ts';

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

const template = loadTemplate(new URL('./letter.typ', import.meta.url));

/** Renders a visa support letter as an A4 PDF (English, tagged) with every font embedded. */
export async function renderLetter(input: LetterInput): Promise<Buffer> {
  return (await renderTypst(template(), input)).pdf;
}
