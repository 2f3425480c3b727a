import { strToU8, zipSync } from 'fflate';
import { type CellValue, type Column, startsLikeFormula } from './table.ts';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** Excel refuses to open a workbook with a longer cell. */
const MAX_CELL_CHARS = 32767;
// Indexes into cellXfs (STYLES below).
const HEADER_STYLE = 1;
/** Text that starts like a formula: shown as typed, and kept text if the cell is edited (no visible apostrophe). */
const QUOTE_PREFIX_STYLE = 2;
const DATE_STYLE = 3;
const DATETIME_STYLE = 4;
const DAY_MS = 86_400_000;
/** Days from Excel's 1900 epoch (serial 0 = 1899-12-30, counting its 1900 leap-year bug) to 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25_569;

// Everything outside the XML 1.0 Char production (control characters, lone surrogates, U+FFFE/FFFF).
const XML_INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(text: string): string {
  return text.replace(XML_INVALID, '').replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** 0 → A, 25 → Z, 26 → AA, 701 → ZZ, 702 → AAA. */
export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** Excel's sheet name rules: 1–31 characters, none of []:*?/\, no leading/trailing apostrophe. */
export function sanitizeSheetName(name: string | undefined): string {
  const cleaned = (name ?? '')
    .replace(XML_INVALID, '')
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^'+|'+$/g, '');
  const clipped = Array.from(cleaned).slice(0, 31).join('').trim();
  // "History" is reserved by Excel.
  return clipped === '' || clipped.toLowerCase() === 'history' ? 'Sheet1' : clipped;
}

/** The spreadsheet serial of an instant, UTC: whole days for a date, a fraction of a day for the time. */
export function serialDate(at: Date, format: Column<unknown>['format']): number {
  const days = at.getTime() / DAY_MS;
  return (format === 'datetime' ? days : Math.floor(days)) + UNIX_EPOCH_SERIAL;
}

function cell(ref: string, value: CellValue, style?: number, format?: Column<unknown>['format']): string {
  const s = style === undefined ? '' : ` s="${style}"`;
  if (value == null) return style === undefined ? '' : `<c r="${ref}"${s}/>`;
  if (typeof value === 'number') {
    return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : '';
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    const dateStyle = format === 'datetime' ? DATETIME_STYLE : DATE_STYLE;
    return `<c r="${ref}" s="${style ?? dateStyle}"><v>${serialDate(value, format)}</v></c>`;
  }
  const text = value.slice(0, MAX_CELL_CHARS);
  // An inline string is never evaluated; the quote-prefix style keeps it text when someone edits it.
  const textStyle = style === undefined && startsLikeFormula(text) ? ` s="${QUOTE_PREFIX_STYLE}"` : s;
  return `<c r="${ref}"${textStyle} t="inlineStr"><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`;
}

function row(index: number, values: CellValue[], style?: number, formats?: Column<unknown>['format'][]): string {
  const r = index + 1;
  const cells = values.map((v, i) => cell(`${columnLetters(i)}${r}`, v, style, formats?.[i])).join('');
  return `<row r="${r}">${cells}</row>`;
}

function worksheet<Row>(rows: Iterable<Row>, columns: Column<Row>[]): string {
  const xml = [
    row(
      0,
      columns.map((c) => c.header),
      HEADER_STYLE,
    ),
  ];
  const formats = columns.map((c) => c.format);
  for (const r of rows)
    xml.push(
      row(
        xml.length,
        columns.map((c) => c.value(r)),
        undefined,
        formats,
      ),
    );
  // Header row frozen so it stays visible while scrolling.
  const view =
    '<sheetViews><sheetView workbookViewId="0">' +
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
    '</sheetView></sheetViews>';
  return `${XML_DECL}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${view}<sheetData>${xml.join('')}</sheetData></worksheet>`;
}

const CONTENT_TYPES = `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
</Types>`;

const ROOT_RELS = `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}">\
<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>\
</Relationships>`;

const WORKBOOK_RELS = `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}">\
<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>\
<Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/>\
</Relationships>`;

// Excel requires the two built-in fills (none, gray125) even when unused. cellXfs: 0 default, 1 bold
// header, 2 quote prefix, 3 date (yyyy-mm-dd), 4 date and time (yyyy-mm-dd hh:mm).
const STYLES = `${XML_DECL}<styleSheet xmlns="${MAIN_NS}">\
<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm"/></numFmts>\
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
</styleSheet>`;

function workbook(sheetName: string): string {
  return `${XML_DECL}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">\
<sheets><sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`;
}

/** A single-sheet .xlsx workbook: bold header row, text as inline strings, numbers as numbers, dates as dates (UTC). */
export function toXlsx<Row>(rows: Iterable<Row>, columns: Column<Row>[], options: { sheetName?: string } = {}): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8(CONTENT_TYPES),
    '_rels/.rels': strToU8(ROOT_RELS),
    'xl/workbook.xml': strToU8(workbook(sanitizeSheetName(options.sheetName))),
    'xl/_rels/workbook.xml.rels': strToU8(WORKBOOK_RELS),
    'xl/styles.xml': strToU8(STYLES),
    'xl/worksheets/sheet1.xml': strToU8(worksheet(rows, columns)),
  });
}
