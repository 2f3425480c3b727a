import {
  BorderStyle,
  Document,
  HeadingLevel,
  type IParagraphOptions,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Locale } from '../../platform/i18n/index.ts';
import type { Report, ReportBlock } from './compose.ts';

/** w:lang of each language: w:eastAsia for Chinese, w:bidi for Arabic. */
const languages: Record<Locale, { value: string; eastAsia?: string; bidirectional?: string }> = {
  en: { value: 'en-GB' },
  fr: { value: 'fr-FR' },
  es: { value: 'es-ES' },
  ru: { value: 'ru-RU' },
  zh: { value: 'en-GB', eastAsia: 'zh-CN' },
  ar: { value: 'en-GB', bidirectional: 'ar-SA' },
};
const fonts = { ascii: 'Noto Sans', hAnsi: 'Noto Sans', cs: 'Noto Naskh Arabic', eastAsia: 'Noto Sans CJK SC' };
const line = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

/**
 * The report as a Word document (WordprocessingML, written with the `docx` package) for the secretariat to
 * finish: headings as Word headings, tables as tables; right to left in Arabic.
 */
export async function renderReportDocx(report: Report): Promise<Buffer> {
  const rtl = report.dir === 'rtl';
  const run = (text: string, style: { bold?: boolean; italics?: boolean } = {}) =>
    new TextRun({ text, ...style, rightToLeft: rtl || undefined });
  const paragraph = (text: string, options: Omit<IParagraphOptions, 'children'> = {}, style: { bold?: boolean; italics?: boolean } = {}) =>
    new Paragraph({ ...options, bidirectional: rtl || undefined, children: [run(text, style)] });
  const cell = (text: string, header = false) => new TableCell({ children: [paragraph(text, {}, { bold: header })] });
  const toDocx = (b: ReportBlock): (Paragraph | Table)[] => {
    switch (b.kind) {
      case 'heading':
        return [paragraph(b.text, { heading: b.level === 2 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2 })];
      case 'paragraph':
        return [paragraph(b.text, { spacing: { after: 120 } }, { italics: b.placeholder })];
      case 'list':
        return b.items.map((item) => paragraph(item, { bullet: { level: 0 } }));
      case 'facts':
        return b.rows.map(
          (r) => new Paragraph({ bidirectional: rtl || undefined, children: [run(`${r.label}: `, { bold: true }), run(r.value)] }),
        );
      case 'table':
        return [
          paragraph(b.caption, { spacing: { before: 120, after: 60 }, keepNext: true }, { bold: true }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            visuallyRightToLeft: rtl || undefined,
            borders: { top: line, bottom: line, left: none, right: none, insideHorizontal: line, insideVertical: none },
            rows: [
              new TableRow({ tableHeader: true, children: b.headers.map((h) => cell(h, true)) }),
              ...b.rows.map((r) => new TableRow({ children: r.map((v) => cell(v)) })),
            ],
          }),
        ];
    }
  };
  const document = new Document({
    title: report.title,
    styles: {
      default: {
        document: { run: { font: fonts, size: 21, language: languages[report.locale] } },
        heading1: { run: { bold: true, size: 28, color: '000000' }, paragraph: { spacing: { before: 320, after: 120 }, keepNext: true } },
        heading2: { run: { bold: true, size: 23, color: '000000' }, paragraph: { spacing: { before: 240, after: 80 }, keepNext: true } },
      },
    },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, right: 1134, bottom: 1134, left: 1134 } } },
        children: [
          paragraph(report.title, { heading: HeadingLevel.TITLE }),
          paragraph(report.status, { spacing: { after: 240 } }, { italics: true }),
          ...report.blocks.flatMap(toDocx),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
