import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';
import type { Column } from './table.ts';
import { toXlsx } from './xlsx.ts';

/**
 * The exports read by a real spreadsheet: LibreOffice (`apt-get install libreoffice-calc-nogui`) opens
 * them headless and writes back what each cell shows. Skipped where `soffice` is not installed.
 */
const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find((p) => fs.existsSync(p));
const run = promisify(execFile);

interface Row {
  name: string;
  org: string;
  at: Date;
  seats: number;
}
const columns: Column<Row>[] = [
  { header: 'Name', value: (r) => r.name },
  { header: 'Organisation', value: (r) => r.org },
  { header: 'Day', value: (r) => r.at },
  { header: 'At', value: (r) => r.at, format: 'datetime' },
  { header: 'Seats', value: (r) => r.seats },
];
const rows: Row[] = [
  { name: '=1+2', org: 'x;=1+2', at: new Date('2023-04-20T18:00:00Z'), seats: 3 },
  { name: 'Smith; John', org: '@SUM(1,2)', at: new Date('2024-02-29T00:30:00Z'), seats: -1 },
  { name: '+1+1', org: 'two\n=1+2', at: new Date('2023-01-01T00:00:00Z'), seats: 0 },
];

describe.skipIf(!soffice)('exports read by LibreOffice', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-soffice-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Opens `file` (with `infilter` for CSV) and returns the cells as shown, tab-separated rows. */
  async function shown(file: string, infilter?: string): Promise<string[][]> {
    const out = path.join(dir, `out-${path.basename(file)}`);
    await run(
      soffice!,
      [
        `-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`,
        '--headless',
        ...(infilter ? [`--infilter=${infilter}`] : []),
        '--convert-to',
        // Tab-separated, UTF-8, cells "as shown".
        'csv:Text - txt - csv (StarCalc):9,34,76',
        '--outdir',
        out,
        file,
      ],
      { timeout: 120_000 },
    );
    const text = fs.readFileSync(path.join(out, `${path.parse(file).name}.csv`), 'utf8');
    return text
      .split(/\r?\n/)
      .filter(Boolean)
      .map((line) => line.split('\t'));
  }

  it('shows XLSX formula-like text as typed, without evaluating it or showing an apostrophe, and dates as dates', {
    timeout: 120_000,
  }, async () => {
    const file = path.join(dir, 'registrations.xlsx');
    fs.writeFileSync(file, toXlsx(rows, columns));
    const cells = await shown(file);
    expect(cells[0]).toEqual(['Name', 'Organisation', 'Day', 'At', 'Seats']);
    expect(cells[1]).toEqual(['=1+2', 'x;=1+2', '2023-04-20', '2023-04-20 18:00', '3']);
    expect(cells[2]).toEqual(['Smith; John', '@SUM(1,2)', '2024-02-29', '2024-02-29 00:30', '-1']);
    expect(cells[3]![0]).toBe('+1+1');
  });

  it.each([
    ['","', 'CSV:44,34,76,1'],
    ['";" (Excel in many locales)', 'CSV:59,34,76,1'],
  ])('never evaluates a CSV cell when the file is opened with %s as separator', { timeout: 120_000 }, async (_what, infilter) => {
    const file = path.join(dir, `registrations-${infilter.slice(4, 6)}.csv`);
    fs.writeFileSync(file, toCsv(rows, columns));
    const cells = (await shown(file, infilter)).flat();
    // An evaluated =1+2 would show 3, =@SUM(1,2) 3 as well, and a broken formula "Err:…".
    expect(cells.filter((c) => c === '3').length).toBeLessThanOrEqual(1); // the Seats cell only
    for (const c of cells) {
      expect(c).not.toMatch(/^Err:|^#NAME/);
      expect(c).not.toMatch(/^[=+@]/);
    }
    if (infilter.startsWith('CSV:44')) {
      expect(cells).toContain('Smith; John');
      expect(cells).toContain("'=1+2");
      expect(cells).toContain('2023-04-20');
    }
  });
});
