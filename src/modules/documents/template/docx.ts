import {
  BorderStyle,
  Document,
  HeadingLevel,
  HeightRule,
  type IBorderOptions,
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

export interface TemplateInput {
  groupCode: string;
  groupName: string;
  documentPrefix: string;
  /** Already formatted for display, e.g. place 'Geneva, Switzerland', dates '9-10 May 2023'. */
  meeting?: { title: string; place: string; dates: string };
  workingGroups: readonly string[];
  labels: TemplateLabels;
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

export async function contributionTemplate(input: TemplateInput): Promise<Buffer> {
  const { labels } = input;
  const headings = labels.headings ?? englishTemplateLabels.headings!;
  const document = new Document({
    title: `${input.groupCode} contribution template`,
    creator: input.groupCode,
    styles: {
      default: {
        document: {
          run: {
            font: { ascii: 'Noto Sans', hAnsi: 'Noto Sans', cs: 'Noto Sans', eastAsia: 'Noto Sans CJK SC' },
            size: 22,
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
          headerLine(input),
          new Paragraph({ children: [new TextRun({ text: labels.instructions, italics: true })], spacing: { after: 240 } }),
          coverTable(input),
          new Paragraph({ text: headings.introduction, heading: HeadingLevel.HEADING_1, spacing: { before: 360 } }),
          new Paragraph(labels.body),
          new Paragraph({ text: headings.proposal, heading: HeadingLevel.HEADING_1 }),
          new Paragraph(placeholder),
          new Paragraph({ text: headings.conclusion, heading: HeadingLevel.HEADING_1 }),
          new Paragraph(placeholder),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

function headerLine(input: TemplateInput): Paragraph {
  return new Paragraph({
    tabStops: [{ type: TabStopType.RIGHT, position: textWidth }],
    border: { bottom: { ...thinLine, size: 8, space: 4 } },
    spacing: { after: 240 },
    children: [new TextRun({ text: input.groupName, bold: true }), new TextRun({ children: [new Tab(), input.groupCode], bold: true })],
  });
}

function coverTable(input: TemplateInput): Table {
  const { labels } = input;
  const purposeOptions = labels.purposeOptions ?? englishTemplateLabels.purposeOptions!;
  const meetingLines = input.meeting ? [input.meeting.title, input.meeting.place, input.meeting.dates] : ['', '', ''];
  return new Table({
    width: { size: textWidth, type: WidthType.DXA },
    columnWidths: [labelColumnWidth, valueColumnWidth],
    borders: allBorders,
    rows: [
      coverRow(labels.documentNumber, lines([`${input.documentPrefix}-I-xxx ${labels.numberPlaceholder}`])),
      coverRow(labels.meeting, lines(meetingLines)),
      coverRow(labels.workingGroup, lines([input.workingGroups.join(' / ')])),
      coverRow(labels.source, lines([''])),
      coverRow(labels.title, lines([''])),
      // Word needs every cell to end with a paragraph, so one follows the nested table.
      coverRow(labels.contacts, [contactsTable(labels), new Paragraph('')]),
      coverRow(labels.abstract, lines(['']), 1400),
      coverRow(labels.keywords, lines([''])),
      coverRow(labels.purpose, lines([purposeOptions.join(' / ')])),
    ],
  });
}

function coverRow(label: string, value: readonly (Paragraph | Table)[], minimumHeight?: number): TableRow {
  return new TableRow({
    cantSplit: true,
    height: minimumHeight ? { value: minimumHeight, rule: HeightRule.ATLEAST } : undefined,
    children: [
      new TableCell({
        width: { size: labelColumnWidth, type: WidthType.DXA },
        shading: labelShading,
        borders: allBorders,
        children: [new Paragraph({ children: [new TextRun({ text: label, bold: true })] })],
      }),
      new TableCell({ width: { size: valueColumnWidth, type: WidthType.DXA }, borders: allBorders, children: value }),
    ],
  });
}

function contactsTable(labels: TemplateLabels): Table {
  const columnWidth = Math.floor(contactsTableWidth / 3);
  const cell = (paragraph: Paragraph, shading?: typeof labelShading) =>
    new TableCell({ width: { size: columnWidth, type: WidthType.DXA }, borders: allBorders, shading, children: [paragraph] });
  const headerCell = (text: string) => cell(new Paragraph({ children: [new TextRun({ text, bold: true })] }), labelShading);
  const blankCell = () => cell(new Paragraph(''));
  const header = new TableRow({
    tableHeader: true,
    children: [labels.contactName, labels.contactOrganization, labels.contactEmail].map(headerCell),
  });
  const blankRows = Array.from({ length: blankContactRows }, () => new TableRow({ children: [blankCell(), blankCell(), blankCell()] }));
  return new Table({
    width: { size: columnWidth * 3, type: WidthType.DXA },
    columnWidths: [columnWidth, columnWidth, columnWidth],
    borders: allBorders,
    rows: [header, ...blankRows],
  });
}

function lines(texts: readonly string[]): Paragraph[] {
  return texts.map((text) => new Paragraph(text));
}
