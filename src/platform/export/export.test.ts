import { strFromU8, unzipSync } from 'fflate';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { BarChart } from './bar-chart.tsx';
import { toCsv } from './csv.ts';
import { type Column, neutraliseCell } from './table.ts';
import { columnLetters, sanitizeSheetName, serialDate, toXlsx } from './xlsx.ts';

interface Reg {
  name: string;
  org: string | null;
  seats: number;
}

const columns: Column<Reg>[] = [
  { header: 'Name', value: (r) => r.name },
  { header: 'Organisation', value: (r) => r.org },
  { header: 'Seats', value: (r) => r.seats },
];

/** Minimal well-formedness check: every start tag is closed in order, only known entities. */
function expectWellFormed(xml: string) {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  for (const m of body.matchAll(/<(\/?)([A-Za-z_][\w:.-]*)[^>]*?(\/?)>/g)) {
    const [, close, name, selfClose] = m;
    if (selfClose) continue;
    if (close) expect(stack.pop()).toBe(name);
    else stack.push(name!);
  }
  expect(stack).toEqual([]);
  expect(body.replace(/<[^>]*>/g, '')).not.toMatch(/[<>]|&(?!amp;|lt;|gt;|quot;|apos;)/);
}

function unzipXlsx(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strFromU8(v)]));
}

describe('neutraliseCell', () => {
  it.each(['=HYPERLINK("http://x","y")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx'])('prefixes %j', (v) => {
    expect(neutraliseCell(v)).toBe(`'${v}`);
  });
  it.each([
    ['Smith;=HYPERLINK("http://x")', `Smith;'=HYPERLINK("http://x")`],
    ['a; +1', "a; '+1"],
    ['=1;=2', "'=1;'=2"],
    ['two\n-lines', "two\n'-lines"],
    ['tab\t@SUM(A1)', "tab\t'@SUM(A1)"],
  ])('neutralises %j as %j (a formula once split at ; or a line break)', (v, expected) => {
    expect(neutraliseCell(v)).toBe(expected);
  });
  it('leaves plain text alone', () => {
    expect(neutraliseCell('Alice = Bob')).toBe('Alice = Bob');
    expect(neutraliseCell('WG5; WG6')).toBe('WG5; WG6');
    expect(neutraliseCell('Geneva, +41 22 730 5111')).toBe('Geneva, +41 22 730 5111');
    expect(neutraliseCell('')).toBe('');
  });
});

describe('toCsv', () => {
  it('writes a BOM, CRLF records and RFC 4180 quoting', () => {
    const csv = toCsv(
      [
        { name: 'Smith, John', org: 'He said "hi"', seats: 2 },
        { name: 'Two\nlines', org: null, seats: 0 },
      ],
      columns,
    );
    expect(csv.startsWith('\uFEFFName,Organisation,Seats\r\n')).toBe(true);
    expect(csv).toBe('\uFEFFName,Organisation,Seats\r\n"Smith, John","He said ""hi""",2\r\n"Two\nlines",,0\r\n');
  });

  it('neutralises formula injection in text but not numbers', () => {
    const csv = toCsv(
      [
        { name: '=HYPERLINK("http://evil","click")', org: '+1', seats: -2 },
        { name: '-2+3', org: '@SUM(A1:A9)', seats: 1.5 },
      ],
      columns,
    );
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://evil"",""click"")",'+1,-2`);
    expect(lines[2]).toBe(`'-2+3,'@SUM(A1:A9),1.5`);
  });

  it('quotes cells holding ; (a separator in many locales) and neutralises those that would split into a formula', () => {
    const csv = toCsv(
      [
        { name: 'Smith; John', org: 'x;=HYPERLINK("http://evil","click")', seats: 1 },
        { name: 'tab\there', org: 'plain', seats: 2 },
      ],
      columns,
    );
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1]).toBe(`"Smith; John","x;'=HYPERLINK(""http://evil"",""click"")",1`);
    expect(lines[2]).toBe('"tab\there",plain,2');
  });

  it('writes dates as UTC days or ISO 8601 instants', () => {
    const at = new Date('2023-04-20T23:30:05.250Z');
    const dated: Column<Date>[] = [
      { header: 'Day', value: (d) => d },
      { header: 'At', value: (d) => d, format: 'datetime' },
    ];
    expect(toCsv([at, new Date(Number.NaN)], dated)).toBe('\uFEFFDay,At\r\n2023-04-20,2023-04-20T23:30:05Z\r\n,\r\n');
  });

  it('keeps Chinese text intact and accepts any iterable', () => {
    function* rows() {
      yield { name: '张伟', org: '中国信息通信研究院', seats: 1 };
    }
    expect(toCsv(rows(), columns)).toBe('\uFEFFName,Organisation,Seats\r\n张伟,中国信息通信研究院,1\r\n');
  });
});

describe('toXlsx', () => {
  const parts = [
    '[Content_Types].xml',
    '_rels/.rels',
    'xl/workbook.xml',
    'xl/_rels/workbook.xml.rels',
    'xl/styles.xml',
    'xl/worksheets/sheet1.xml',
  ];

  it('contains every OOXML part, well-formed, with the right namespaces and content types', () => {
    const files = unzipXlsx(toXlsx([{ name: 'A', org: 'B', seats: 1 }], columns));
    expect(Object.keys(files).sort()).toEqual([...parts].sort());
    for (const p of parts) expectWellFormed(files[p]!);
    const types = files['[Content_Types].xml']!;
    expect(types).toContain(
      'PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"',
    );
    expect(types).toContain(
      'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"',
    );
    expect(types).toContain(
      'PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"',
    );
    expect(files['xl/workbook.xml']).toContain('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"');
    expect(files['xl/workbook.xml']).toContain('xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"');
    expect(files['_rels/.rels']).toContain('Target="xl/workbook.xml"');
    expect(files['xl/_rels/workbook.xml.rels']).toContain('Target="worksheets/sheet1.xml"');
    expect(files['xl/_rels/workbook.xml.rels']).toContain('Target="styles.xml"');
    expect(files['xl/styles.xml']).toMatch(/<cellXfs count="5">.*<xf [^>]*fontId="1"[^>]*applyFont="1"/);
    expect(files['xl/styles.xml']).toContain('<font><b/>');
  });

  it('writes a bold header, inline strings and numeric cells at the right references', () => {
    const sheet = unzipXlsx(
      toXlsx(
        [
          { name: '张伟', org: null, seats: 3 },
          { name: 'Bob', org: 'ITU', seats: 0 },
        ],
        columns,
      ),
    )['xl/worksheets/sheet1.xml']!;
    expect(sheet).toContain('<c r="A1" s="1" t="inlineStr"><is><t xml:space="preserve">Name</t></is></c>');
    expect(sheet).toContain('<c r="C1" s="1" t="inlineStr"><is><t xml:space="preserve">Seats</t></is></c>');
    expect(sheet).toContain('<c r="A2" t="inlineStr"><is><t xml:space="preserve">张伟</t></is></c>');
    expect(sheet).not.toContain('r="B2"'); // null → no cell
    expect(sheet).toContain('<c r="C2"><v>3</v></c>');
    expect(sheet).toContain('<c r="B3" t="inlineStr"><is><t xml:space="preserve">ITU</t></is></c>');
    expect(sheet).toContain('<c r="C3"><v>0</v></c>');
    expect(sheet).toMatch(/<row r="1">.*<\/row><row r="2">.*<\/row><row r="3">.*<\/row><\/sheetData>/);
  });

  it('names columns beyond Z', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
    const wide: Column<number>[] = Array.from({ length: 27 }, (_, i) => ({ header: `h${i}`, value: (n) => n + i }));
    const sheet = unzipXlsx(toXlsx([100], wide))['xl/worksheets/sheet1.xml']!;
    expect(sheet).toContain('<c r="AA1" s="1" t="inlineStr"><is><t xml:space="preserve">h26</t></is></c>');
    expect(sheet).toContain('<c r="Z2"><v>125</v></c>');
    expect(sheet).toContain('<c r="AA2"><v>126</v></c>');
  });

  it('escapes XML specials, strips invalid characters and marks formula-like text with the quote-prefix style', () => {
    const files = unzipXlsx(toXlsx([{ name: '<b>&"x"</b>\u0000\u0007\uFFFE', org: '=HYPERLINK("http://evil")', seats: -5 }], columns));
    const sheet = files['xl/worksheets/sheet1.xml']!;
    expectWellFormed(sheet);
    expect(sheet).toContain('<c r="A2" t="inlineStr"><is><t xml:space="preserve">&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;</t></is></c>');
    // Shown as typed, no visible apostrophe: the cell's style says it is text.
    expect(sheet).toContain('<c r="B2" s="2" t="inlineStr"><is><t xml:space="preserve">=HYPERLINK(&quot;http://evil&quot;)</t></is></c>');
    expect(sheet).not.toContain("'=");
    const xfs = [...files['xl/styles.xml']!.matchAll(/<xf [^>]*\/>/g)].map((m) => m[0]).slice(1); // after cellStyleXfs
    expect(xfs[2]).toContain('quotePrefix="1"');
    expect(sheet).toContain('<c r="C2"><v>-5</v></c>');
    for (const bad of ['\u0000', '\u0007', '\uFFFE']) expect(sheet).not.toContain(bad);
  });

  it('writes dates as serial numbers with a date format, in UTC', () => {
    const dated: Column<Date>[] = [
      { header: 'Day', value: (d) => d },
      { header: 'At', value: (d) => d, format: 'datetime' },
    ];
    const files = unzipXlsx(toXlsx([new Date('2023-04-20T18:00:00Z'), new Date(Number.NaN)], dated));
    const sheet = files['xl/worksheets/sheet1.xml']!;
    // 2023-04-20 is day 45036 of Excel's 1900 date system; 18:00 is three quarters of a day.
    expect(sheet).toContain('<c r="A2" s="3"><v>45036</v></c>');
    expect(sheet).toContain('<c r="B2" s="4"><v>45036.75</v></c>');
    expect(sheet).not.toContain('r="A3"');
    expect(serialDate(new Date('1970-01-01T00:00:00Z'), 'date')).toBe(25569);
    const styles = files['xl/styles.xml']!;
    expect(styles).toContain('<numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>');
    expect(styles).toContain('<numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm"/>');
    const xfs = [...styles.matchAll(/<xf [^>]*\/>/g)].map((m) => m[0]).slice(1);
    expect(xfs[3]).toMatch(/numFmtId="164"[^>]*applyNumberFormat="1"/);
    expect(xfs[4]).toMatch(/numFmtId="165"[^>]*applyNumberFormat="1"/);
  });

  it('sanitizes the sheet name', () => {
    expect(sanitizeSheetName('Registrations [2024]: a/b\\c*?')).toBe('Registrations 2024 a b c');
    expect(sanitizeSheetName('x'.repeat(40))).toBe('x'.repeat(31));
    expect(sanitizeSheetName("'quoted'")).toBe('quoted');
    expect(sanitizeSheetName('')).toBe('Sheet1');
    expect(sanitizeSheetName(undefined)).toBe('Sheet1');
    const workbook = unzipXlsx(toXlsx([], columns, { sheetName: 'A&B: <FG-MV> registrations for the meeting' }))['xl/workbook.xml']!;
    const name = /<sheet name="([^"]*)"/.exec(workbook)?.[1];
    expect(name).toBe('A&amp;B &lt;FG-MV&gt; registrations for t');
    expect(name!.replace(/&\w+;/g, '_').length).toBe(31);
  });
});

describe('BarChart', () => {
  const data = [
    { label: 'Switzerland', value: 40 },
    { label: 'China', value: 20 },
    { label: 'A very long organisation name that cannot possibly fit', value: 5 },
  ];

  it('mirrors for right-to-left pages: labels on the right, bars growing leftwards, every text inside the chart', () => {
    const arabic = [
      { label: 'سويسرا', value: 40 },
      { label: 'الصين', value: 20 },
    ];
    const html = renderToString(h(BarChart, { title: 'حسب البلد', data: arabic, width: 400, dir: 'rtl' }));
    const texts = [...html.matchAll(/<text x="([\d.-]+)"[^>]*text-anchor="(\w+)" direction="(\w+)"/g)].map((m) => ({
      x: Number(m[1]),
      anchor: m[2],
      dir: m[3],
    }));
    const rects = [...html.matchAll(/<rect x="([\d.-]+)"[^>]*width="([\d.]+)"/g)].map((m) => ({ x: Number(m[1]), w: Number(m[2]) }));
    expect(texts.every((t) => t.dir === 'rtl')).toBe(true);
    for (let i = 0; i < rects.length; i++) {
      const label = texts[2 * i]!;
      const value = texts[2 * i + 1]!;
      const bar = rects[i]!;
      // The bar ends where the label region begins, on the right; the value sits to the bar's left.
      expect(bar.x + bar.w).toBeLessThanOrEqual(label.x);
      expect(value.x).toBeLessThanOrEqual(bar.x);
      for (const x of [label.x, value.x, bar.x]) expect(x).toBeGreaterThanOrEqual(0);
      expect(label.x).toBeLessThanOrEqual(400);
    }
    const ltr = renderToString(h(BarChart, { title: 't', data: arabic, width: 400 }));
    expect(ltr).toContain('direction="ltr"');
  });

  it('renders an accessible SVG with one bar per datum and values as text', () => {
    const html = renderToString(h(BarChart, { title: 'Registrations by country', data }));
    expect(html).toMatch(/^<figure><figcaption>Registrations by country<\/figcaption>/);
    const labelledBy = /<svg role="img" aria-labelledby="([^"]+)"/.exec(html)?.[1];
    expect(labelledBy).toBeTruthy();
    expect(html).toContain(`<title id="${labelledBy}">Registrations by country</title>`);
    expect(html.match(/<rect /g)).toHaveLength(3);
    for (const n of ['40', '20', '5']) expect(html).toContain(`>${n}</text>`);
    const widths = [...html.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths[0]).toBeGreaterThan(0);
    expect(widths[1]).toBeCloseTo(widths[0]! / 2, 0);
    expect(html).toContain('fill="#0b5cad"');
    expect(html).toContain('…');
    expect(html).toContain('<title>A very long organisation name that cannot possibly fit</title>');
    expect(html).toContain('<div class="visually-hidden"><table>');
    expect(html).toContain('<th scope="row">Switzerland</th><td>40</td>');
    expect(html).not.toContain('style=');
  });

  it('grows with the data and uses the value formatter', () => {
    const one = renderToString(h(BarChart, { title: 't', data: data.slice(0, 1) }));
    const three = renderToString(h(BarChart, { title: 't', data, width: 600, valueLabel: (n: number) => `${n} people` }));
    const height = (html: string) => Number(/<svg [^>]*height="(\d+)"/.exec(html)?.[1]);
    expect(height(three)).toBe(3 * height(one));
    expect(three).toContain('>40 people</text>');
    expect(three).toContain('<td>40 people</td>');
  });

  it('shows the empty text without an SVG', () => {
    const html = renderToString(h(BarChart, { title: 'Nothing', data: [], emptyText: 'No registrations yet' }));
    expect(html).toBe('<figure><figcaption>Nothing</figcaption><p>No registrations yet</p></figure>');
    expect(renderToString(h(BarChart, { title: 'Nothing', data: [] }))).toContain('<p>—</p>');
  });
});
