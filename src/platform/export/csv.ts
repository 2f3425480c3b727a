import { type CellValue, type Column, isoCell, neutraliseCell } from './table.ts';

// The separators Excel may use (`,`, and `;` in many locales), quotes, line breaks and tabs.
const NEEDS_QUOTES = /[",;\t\r\n]/;

function field(value: CellValue, format?: Column<unknown>['format']): string {
  if (value == null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (value instanceof Date) return isoCell(value, format);
  const text = neutraliseCell(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * RFC 4180 CSV (CRLF record ends, quoted fields where needed), prefixed with a UTF-8 BOM
 * because Excel otherwise decodes the file in the legacy ANSI code page and garbles non-Latin names.
 */
export function toCsv<Row>(rows: Iterable<Row>, columns: Column<Row>[]): string {
  const lines = [columns.map((c) => field(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => field(c.value(row), c.format)).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
