import { type Column, neutraliseCell } from './table.ts';

const NEEDS_QUOTES = /[",\r\n]/;

function field(value: string | number | null | undefined): string {
  if (value == null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = neutraliseCell(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * RFC 4180 CSV (CRLF record ends, quoted fields where needed), prefixed with a UTF-8 BOM
 * because Excel otherwise decodes the file in the legacy ANSI code page and garbles non-Latin names.
 */
export function toCsv<Row>(rows: Iterable<Row>, columns: Column<Row>[]): string {
  const lines = [columns.map((c) => field(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => field(c.value(row))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
