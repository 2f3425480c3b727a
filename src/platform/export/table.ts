/** A cell: text, a number, or an instant (written as a date in spreadsheets, UTC). */
export type CellValue = string | number | Date | null | undefined;

/** One exported column: a header and how to read the cell from a row. */
export interface Column<Row> {
  header: string;
  value: (row: Row) => CellValue;
  /** How a Date cell is shown: the UTC day (`date`, the default) or day and time (`datetime`). */
  format?: 'date' | 'datetime';
}

const FORMULA_START = /^[=+\-@\t\r]/;
/**
 * A formula character after a `;`, a line break or a tab. Excel in many locales splits CSV at `;`, and
 * LibreOffice (tested) does so even inside a quoted field when the file's separator is `,` — the rest of
 * the cell then starts a new cell and would be evaluated. (`,` is left alone: files are written with
 * `,`, so quotes protect it, and "Geneva, +41 22 …" is a common value.)
 */
const FORMULA_AFTER_SEPARATOR = /([;\r\n\t][ \t]*)(?=[=+\-@])/g;

/** Whether a text cell starts like a formula (the XLSX quote-prefix style marks these). */
export const startsLikeFormula = (value: string) => FORMULA_START.test(value);

/**
 * Spreadsheet formula injection guard for CSV: a text cell starting with =, +, -, @, tab or carriage
 * return gets a leading apostrophe, so Excel/LibreOffice show it as text instead of evaluating it; so
 * does a formula character after a `;` or a line break inside the cell, for readers that split there.
 * Only apply to text; numbers (typeof number) are written as numbers and left alone. XLSX marks such
 * cells with the quote-prefix style instead (xlsx.ts).
 */
export function neutraliseCell(value: string): string {
  const inner = value.replace(FORMULA_AFTER_SEPARATOR, "$1'");
  return startsLikeFormula(inner) ? `'${inner}` : inner;
}

/** "2023-04-20" (date) or "2023-04-20T08:00:00Z" (datetime), UTC; '' for an invalid date. */
export function isoCell(at: Date, format: Column<unknown>['format']): string {
  if (Number.isNaN(at.getTime())) return '';
  const iso = at.toISOString();
  return format === 'datetime' ? `${iso.slice(0, 19)}Z` : iso.slice(0, 10);
}
