import { loadTemplate, renderTypst } from '../../platform/pdf/typst.ts';
import type { Letter } from './letter.ts';

const template = loadTemplate(new URL('./circular.typ', import.meta.url));

/** Bidi isolates (FSI…PDI) kept out of the PDF's title, where viewers show them as boxes. */
const plain = (s: string) => s.replace(/[\u2066-\u2069]/g, '');

/** The circular as a tagged A4 PDF in the letter's language with every font embedded; right to left for Arabic. */
export async function renderCircularPdf(letter: Letter): Promise<Buffer> {
  const data = {
    letter,
    lang: letter.locale,
    region: letter.locale === 'zh' ? 'CN' : null,
    title: plain(`${letter.reference.lines[0] ?? ''} — ${letter.subject.text}`),
  };
  return (await renderTypst(template(), data)).pdf;
}
