import {
  BorderStyle,
  Document,
  HeadingLevel,
  HeightRule,
  type IBorderOptions,
  type IParagraphOptions,
  type ITableOptions,
  Packer,
  Paragraph,
  ShadingType,
  Tab,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Locale } from '../../../platform/i18n/index.ts';

export interface TemplateInput {
  groupCode: string;
  groupName: string;
  documentPrefix: string;
  /** A number reserved for the document: written in instead of the placeholder. */
  number?: string;
  /** Already formatted for display, e.g. place 'Geneva, Switzerland', dates '9-10 May 2023'. */
  meeting?: { title: string; place: string; dates: string };
  workingGroups: readonly string[];
  labels: TemplateLabels;
  /** The language of the labels: sets the document's language, and right to left for Arabic. */
  locale: Locale;
}

/** Every visible text of the template, already translated by the caller. */
export interface TemplateLabels {
  documentNumber: string;
  /** Follows the `${documentPrefix}-I-xxx` number, e.g. '(assigned by the secretariat)'. */
  numberPlaceholder: string;
  meeting: string;
  workingGroup: string;
  source: string;
  title: string;
  contacts: string;
  contactName: string;
  contactOrganization: string;
  contactEmail: string;
  abstract: string;
  keywords: string;
  purpose: string;
  /** Intro text under the first heading. */
  body: string;
  /** One short paragraph, shown in italics under the header line. */
  instructions: string;
  /** The choices a delegate keeps one of; English ones when left out. */
  purposeOptions?: readonly string[];
  /** The three section headings; English ones when left out. */
  headings?: { introduction: string; proposal: string; conclusion: string };
}

export const englishTemplateLabels: TemplateLabels = {
  documentNumber: 'Document',
  numberPlaceholder: '(number assigned by the secretariat)',
  meeting: 'Meeting',
  workingGroup: 'Working group(s)',
  source: 'Source',
  title: 'Title',
  contacts: 'Contacts',
  contactName: 'Name',
  contactOrganization: 'Organization',
  contactEmail: 'E-mail',
  abstract: 'Abstract',
  keywords: 'Keywords',
  purpose: 'Purpose',
  body: 'Explain the background of this contribution and the problem it addresses.',
  instructions:
    'Fill in the table below, keep only the working groups and the purpose that apply, replace the placeholder text, and delete this paragraph before you submit the contribution.',
  purposeOptions: ['Information', 'Discussion', 'Decision'],
  headings: { introduction: 'Introduction', proposal: 'Proposal', conclusion: 'Conclusion' },
};

// Twips (1/20 pt): A4 is 210 × 297 mm, and 2 cm ≈ 1134 twips.
const a4 = { width: 11906, height: 16838 };
const margin = 1134;
const textWidth = a4.width - 2 * margin;
const labelColumnWidth = Math.round(textWidth * 0.28);
const valueColumnWidth = textWidth - labelColumnWidth;
// Word's default cell padding is 108 twips on each side; the nested table must fit inside it.
const contactsTableWidth = valueColumnWidth - 2 * 108;

const thinLine: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const allBorders = {
  top: thinLine,
  bottom: thinLine,
  left: thinLine,
  right: thinLine,
  insideHorizontal: thinLine,
  insideVertical: thinLine,
};
const labelShading = { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' };
const placeholder = '[…]';
const blankContactRows = 2;

// Noto has every script of the six languages; the font table (w:altName) names the fonts to look for where it is not
// installed: Arial and Tahoma have Arabic, Microsoft YaHei and SimSun are Windows' Chinese fonts.
const fonts = { latin: 'Noto Sans', complexScript: 'Noto Sans Arabic', eastAsia: 'Noto Sans CJK SC' };
const fontTableEntries = [
  { name: fonts.latin, altName: 'Arial', charset: '00', family: 'swiss' },
  { name: fonts.complexScript, altName: 'Arial, Tahoma', charset: 'B2', family: 'swiss' },
  { name: fonts.eastAsia, altName: 'Microsoft YaHei, SimSun', charset: '86', family: 'swiss' },
];

/**
 * w:lang of each locale: w:val for Latin and Cyrillic text, w:eastAsia for Chinese, w:bidi for Arabic. Latin text in
 * an Arabic or Chinese template is group codes and English names, hence en-GB.
 */
const languages: Record<Locale, { value: string; eastAsia?: string; bidirectional?: string }> = {
  en: { value: 'en-GB' },
  fr: { value: 'fr-FR' },
  es: { value: 'es-ES' },
  ru: { value: 'ru-RU' },
  zh: { value: 'en-GB', eastAsia: 'zh-CN' },
  ar: { value: 'en-GB', bidirectional: 'ar-SA' },
};

type RunStyle = { bold?: boolean; italics?: boolean };

/** Builds the paragraphs and tables of one language, right to left for Arabic. */
class Writer {
  readonly rightToLeft: boolean;
  constructor(locale: Locale) {
    this.rightToLeft = locale === 'ar';
  }

  /** A paragraph of one text; in Arabic it is right to left, and so is the text typed into it where it is empty. */
  paragraph(text: string, options: Omit<IParagraphOptions, 'text' | 'children'> = {}, style: RunStyle = {}): Paragraph {
    return this.paragraphOf(this.runs(text, style), options, style);
  }

  paragraphOf(runs: TextRun[], options: Omit<IParagraphOptions, 'text' | 'children'> = {}, style: RunStyle = {}): Paragraph {
    if (!this.rightToLeft) return new Paragraph({ ...options, children: runs });
    return new Paragraph({ ...options, bidirectional: true, run: { ...style, ...this.arabicRun }, children: runs });
  }

  /**
   * The runs of a text. Arabic is split where Latin words and numbers with what joins them (FGMV-I-xxx, WG1 / WG2) run
   * left to right: those runs stay left to right, the Arabic ones, spaces and brackets around them included, get
   * w:rtl and the complex-script font and language, as Word writes them.
   */
  runs(text: string, style: RunStyle = {}): TextRun[] {
    if (!this.rightToLeft) return [new TextRun({ text, ...style })];
    const runs: TextRun[] = [];
    let at = 0;
    for (const match of text.matchAll(leftToRightStretch)) {
      if (match.index > at) runs.push(new TextRun({ text: text.slice(at, match.index), ...style, ...this.arabicRun }));
      runs.push(new TextRun({ text: match[0], ...style }));
      at = match.index + match[0].length;
    }
    if (at < text.length || runs.length === 0) runs.push(new TextRun({ text: text.slice(at), ...style, ...this.arabicRun }));
    return runs;
  }

  table(options: ITableOptions): Table {
    return new Table({ ...options, visuallyRightToLeft: this.rightToLeft || undefined });
  }

  private readonly arabicRun = {
    rightToLeft: true,
    font: { cs: fonts.complexScript },
    language: { bidirectional: languages.ar.bidirectional },
  } as const;
}

// A letter or digit of a left-to-right script (not Arabic, not Hebrew), then anything up to the last such one before
// the next right-to-left letter.
const strong = String.raw`[^\p{Z}\p{P}\p{S}\p{C}\p{M}\p{Script=Arabic}\p{Script=Hebrew}]`;
const leftToRightStretch = new RegExp(String.raw`${strong}(?:[^\p{Script=Arabic}\p{Script=Hebrew}]*${strong})?`, 'gu');

export async function contributionTemplate(input: TemplateInput): Promise<Buffer> {
  const { labels } = input;
  const w = new Writer(input.locale);
  const language = languages[input.locale];
  const headings = labels.headings ?? englishTemplateLabels.headings!;
  const heading = (text: string, spacing?: { before: number }) =>
    w.paragraph(text, { heading: HeadingLevel.HEADING_1, ...(spacing && { spacing }) });
  const document = new Document({
    title: `${input.groupCode} contribution template`,
    creator: input.groupCode,
    styles: {
      default: {
        document: {
          run: {
            font: { ascii: fonts.latin, hAnsi: fonts.latin, cs: fonts.complexScript, eastAsia: fonts.eastAsia },
            size: 22,
            language,
          },
        },
        heading1: {
          run: { bold: true, size: 26, color: '000000' },
          paragraph: { spacing: { before: 240, after: 120 }, keepNext: true },
        },
      },
    },
    sections: [
      {
        properties: { page: { size: a4, margin: { top: margin, right: margin, bottom: margin, left: margin } } },
        children: [
          headerLine(w, input),
          w.paragraph(labels.instructions, { spacing: { after: 240 } }, { italics: true }),
          coverTable(w, input),
          heading(headings.introduction, { before: 360 }),
          w.paragraph(labels.body),
          heading(headings.proposal),
          w.paragraph(placeholder),
          heading(headings.conclusion),
          w.paragraph(placeholder),
        ],
      },
    ],
  });
  return withLanguageSettings(await Packer.toBuffer(document), w.rightToLeft, language);
}

/**
 * Adds what the docx package cannot write: in Arabic, the section's direction (w:bidi in w:sectPr: the page and its
 * columns laid out right to left) and the default paragraph's; in every language, the document's languages
 * (w:themeFontLang) and the fonts to fall back on.
 */
function withLanguageSettings(docx: Buffer, rightToLeft: boolean, language: (typeof languages)[Locale]): Buffer {
  const files = unzipSync(new Uint8Array(docx));
  const edit = (name: string, change: (xml: string) => string) => {
    const before = strFromU8(files[name]!);
    const after = change(before);
    if (after === before) throw new Error(`contribution template: ${name} has changed shape`);
    files[name] = strToU8(after);
  };
  if (rightToLeft) {
    // CT_SectPr puts w:bidi after w:textDirection and before w:docGrid.
    edit('word/document.xml', (xml) => xml.replace(/(<w:sectPr>(?:(?!<\/w:sectPr>).)*?)(<w:docGrid|<\/w:sectPr>)/s, '$1<w:bidi/>$2'));
    // So that paragraphs of styles a delegate adds are right to left too.
    edit('word/styles.xml', (xml) => xml.replace('<w:pPrDefault/>', '<w:pPrDefault><w:pPr><w:bidi/></w:pPr></w:pPrDefault>'));
  }
  const themeFontLang = [
    `w:val="${language.value}"`,
    language.eastAsia && `w:eastAsia="${language.eastAsia}"`,
    language.bidirectional && `w:bidi="${language.bidirectional}"`,
  ];
  // CT_Settings puts w:themeFontLang after w:compat, the last element the docx package writes.
  edit('word/settings.xml', (xml) =>
    xml.replace('</w:settings>', `<w:themeFontLang ${themeFontLang.filter(Boolean).join(' ')}/></w:settings>`),
  );
  const fontTable = fontTableEntries
    .map(
      (font) =>
        `<w:font w:name="${font.name}"><w:altName w:val="${font.altName}"/><w:charset w:val="${font.charset}"/>` +
        `<w:family w:val="${font.family}"/><w:pitch w:val="variable"/></w:font>`,
    )
    .join('');
  edit('word/fontTable.xml', (xml) => xml.replace(/<w:fonts( [^>]*)\/>$/, `<w:fonts$1>${fontTable}</w:fonts>`));
  return Buffer.from(zipSync(files));
}

function headerLine(w: Writer, input: TemplateInput): Paragraph {
  const code = w.runs(input.groupCode, { bold: true });
  return w.paragraphOf(
    [...w.runs(input.groupName, { bold: true }), new TextRun({ children: [new Tab()], bold: true }), ...code],
    {
      tabStops: [{ type: TabStopType.RIGHT, position: textWidth }],
      border: { bottom: { ...thinLine, size: 8, space: 4 } },
      spacing: { after: 240 },
    },
    { bold: true },
  );
}

function coverTable(w: Writer, input: TemplateInput): Table {
  const { labels } = input;
  const purposeOptions = labels.purposeOptions ?? englishTemplateLabels.purposeOptions!;
  const meetingLines = input.meeting ? [input.meeting.title, input.meeting.place, input.meeting.dates] : ['', '', ''];
  const lines = (texts: readonly string[]) => texts.map((text) => w.paragraph(text));
  const row = (label: string, value: readonly (Paragraph | Table)[], minimumHeight?: number) => coverRow(w, label, value, minimumHeight);
  return w.table({
    width: { size: textWidth, type: WidthType.DXA },
    columnWidths: [labelColumnWidth, valueColumnWidth],
    borders: allBorders,
    rows: [
      row(labels.documentNumber, lines([input.number ?? `${input.documentPrefix}-I-xxx ${labels.numberPlaceholder}`])),
      row(labels.meeting, lines(meetingLines)),
      row(labels.workingGroup, lines([input.workingGroups.join(' / ')])),
      row(labels.source, lines([''])),
      row(labels.title, lines([''])),
      // Word needs every cell to end with a paragraph, so one follows the nested table.
      row(labels.contacts, [contactsTable(w, labels), w.paragraph('')]),
      row(labels.abstract, lines(['']), 1400),
      row(labels.keywords, lines([''])),
      row(labels.purpose, lines([purposeOptions.join(' / ')])),
    ],
  });
}

function coverRow(w: Writer, label: string, value: readonly (Paragraph | Table)[], minimumHeight?: number): TableRow {
  return new TableRow({
    cantSplit: true,
    height: minimumHeight ? { value: minimumHeight, rule: HeightRule.ATLEAST } : undefined,
    children: [
      new TableCell({
        width: { size: labelColumnWidth, type: WidthType.DXA },
        shading: labelShading,
        borders: allBorders,
        children: [w.paragraph(label, {}, { bold: true })],
      }),
      new TableCell({ width: { size: valueColumnWidth, type: WidthType.DXA }, borders: allBorders, children: value }),
    ],
  });
}

function contactsTable(w: Writer, labels: TemplateLabels): Table {
  const columnWidth = Math.floor(contactsTableWidth / 3);
  const cell = (paragraph: Paragraph, shading?: typeof labelShading) =>
    new TableCell({ width: { size: columnWidth, type: WidthType.DXA }, borders: allBorders, shading, children: [paragraph] });
  const headerCell = (text: string) => cell(w.paragraph(text, {}, { bold: true }), labelShading);
  const blankCell = () => cell(w.paragraph(''));
  const header = new TableRow({
    tableHeader: true,
    children: [labels.contactName, labels.contactOrganization, labels.contactEmail].map(headerCell),
  });
  const blankRows = Array.from({ length: blankContactRows }, () => new TableRow({ children: [blankCell(), blankCell(), blankCell()] }));
  return w.table({
    width: { size: columnWidth * 3, type: WidthType.DXA },
    columnWidths: [columnWidth, columnWidth, columnWidth],
    borders: allBorders,
    rows: [header, ...blankRows],
  });
}
