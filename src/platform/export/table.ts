/** One exported column: a header and how to read the cell from a row. */
export interface Column<Row> {
  header: string;
  value: (row: Row) => string | number | null | undefined;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Spreadsheet formula injection guard: a text cell starting with =, +, -, @, tab or carriage
 * return gets a leading apostrophe, so Excel/LibreOffice show it as text instead of evaluating it.
 * Only apply to text; numbers (typeof number) are written as numbers and left alone.
 */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
