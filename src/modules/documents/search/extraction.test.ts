import { randomBytes } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { Document, FootnoteReferenceRun, Packer, Paragraph, TextRun } from 'docx';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { hostilePptx, zipOf } from '../../../../test/support/hostile-files.ts';
import { renderTypst } from '../../../platform/pdf/typst.ts';
import { type ExtractableKind, type ExtractOptions, extractionsRunning, extractionThreads, extractText } from './extraction.ts';
import { LineTidier, XmlTextScanner } from './extractors.mjs';

/** Extracts from an in-memory file, delivered in small chunks as a file stream would be. */
async function extract(kind: ExtractableKind, bytes: Uint8Array, options?: ExtractOptions): Promise<string> {
  return (await extractText(kind, async () => chunked(bytes, 4096), bytes.length, options)).text;
}

function chunked(bytes: Uint8Array, chunkSize: number): Readable {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += chunkSize) {
    chunks.push(Buffer.from(bytes.subarray(offset, offset + chunkSize)));
  }
  return Readable.from(chunks);
}

async function docx(): Promise<Uint8Array> {
  const doc = new Document({
    footnotes: { 1: { children: [new Paragraph('A note at the foot of the page.')] } },
    sections: [
      {
        children: [
          new Paragraph({
            children: [new TextRun('Digital twins & the   '), new TextRun({ text: '<metaverse>', bold: true })],
          }),
          new Paragraph({ children: [new TextRun('元宇宙焦点组的第一次会议'), new FootnoteReferenceRun(1)] }),
          new Paragraph(''),
          new Paragraph('Ninguém é perfeito — ça va.'),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

function xmlZip(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, xml]) => [name, strToU8(xml)])));
}

function slide(...paragraphs: string[][]): string {
  const body = paragraphs
    .map((runs) => `<a:p>${runs.map((run) => `<a:r><a:rPr lang="en-US"/><a:t>${run}</a:t></a:r>`).join('')}</a:p>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><p:sld xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:cSld><p:spTree><p:sp><p:txBody><a:bodyPr/>${body}</p:txBody></p:sp></p:spTree></p:cSld></p:sld>`;
}

/** A PDF of one page per line (typeset by the platform's Typst renderer). */
async function pdf(lines: string[]): Promise<Uint8Array> {
  const template = '#import "/base.typ": *\n#let data = json(bytes(sys.inputs.data))\n#show: setup\n#data.lines.join(pagebreak())';
  return new Uint8Array((await renderTypst(template, { lines })).pdf);
}

describe('docx', () => {
  it('gives the text of the body and footnotes, one line per paragraph', async () => {
    expect(await extract('docx', await docx())).toBe(
      [
        'Digital twins & the <metaverse>',
        '元宇宙焦点组的第一次会议',
        'Ninguém é perfeito — ça va.',
        'A note at the foot of the page.',
      ].join('\n'),
    );
  });

  it('finds the text behind large media parts', async () => {
    const parts = unzipSync(await docx());
    // Media first and incompressible, so the text arrives only after megabytes of stream.
    const bloated = zipSync({ 'word/media/image1.png': [randomBytes(3_000_000), { level: 0 }], ...parts });
    expect(await extract('docx', bloated)).toContain('元宇宙焦点组的第一次会议');
  });

  it('decodes character references and leaves out deleted text', async () => {
    const documentXml =
      '<w:document xmlns:w="w"><w:body>' +
      '<w:p><w:r><w:t xml:space="preserve">A&#x2019;s &#20803;&lt;x&gt;</w:t></w:r><w:r><w:tab/><w:t>tabbed</w:t></w:r></w:p>' +
      '<w:p><w:del><w:r><w:delText>gone</w:delText></w:r></w:del><w:r><w:t>kept</w:t><w:br/><w:t>broken</w:t></w:r></w:p>' +
      '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>' +
      '</w:body></w:document>';
    expect(await extract('docx', xmlZip({ 'word/document.xml': documentXml }))).toBe('A’s 元<x> tabbed\nkept\nbroken\ncell');
  });
});

describe('pptx', () => {
  it('gives the text of the slides in slide order', async () => {
    const pptx = xmlZip({
      'ppt/slides/slide10.xml': slide(['Ten']),
      'ppt/slides/slide2.xml': slide(['Two: ', '数字孪生'], ['second paragraph']),
      'ppt/slides/slide1.xml': slide(['One &amp; only']),
      'ppt/notesSlides/notesSlide1.xml': slide(['speaker notes']),
      'ppt/slides/_rels/slide1.xml.rels': '<Relationships/>',
    });
    expect(await extract('pptx', pptx)).toBe('One & only\nTwo: 数字孪生\nsecond paragraph\nTen');
  });
});

describe('xlsx', () => {
  it('gives the shared strings, without phonetic readings', async () => {
    const sharedStrings =
      '<sst xmlns="x" count="3" uniqueCount="3">' +
      '<si><t>Meeting room</t></si>' +
      '<si><r><rPr><b/></rPr><t>Rich </t></r><r><t xml:space="preserve">text</t></r></si>' +
      '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si>' +
      '</sst>';
    const xlsx = xmlZip({
      'xl/sharedStrings.xml': sharedStrings,
      'xl/worksheets/sheet1.xml': '<worksheet><sheetData><row><c><v>42</v></c></row></sheetData></worksheet>',
    });
    expect(await extract('xlsx', xlsx)).toBe('Meeting room\nRich text\n東京');
  });
});

describe('pdf', () => {
  it('gives the text of every page', async () => {
    const text = await extract('pdf', await pdf(['Digital twins for smart cities', 'Second page of the report']));
    expect(text).toContain('Digital twins for smart cities');
    expect(text).toContain('Second page of the report');
    expect(text.indexOf('Digital')).toBeLessThan(text.indexOf('Second'));
  });

  it('skips a file too large to read into memory', async () => {
    const bytes = await pdf(['Digital twins for smart cities']);
    const opened = extractText('pdf', async () => chunked(bytes, 4096), 31 * 1024 * 1024);
    expect(await opened).toEqual({ text: '', stopped: 'pdf-too-large' });
  });

  it('gives up on a stream longer than its stated size allows', async () => {
    let megabytesRead = 0;
    const endless = Readable.from(
      (function* () {
        for (; megabytesRead < 40; megabytesRead++) yield Buffer.alloc(1024 * 1024);
      })(),
    );
    expect(await extractText('pdf', async () => endless, 1000)).toEqual({ text: '', stopped: 'pdf-too-large' });
    expect(megabytesRead).toBeLessThan(35);
  });
});

describe('limits and failures', () => {
  it('cuts the text at maxChars', async () => {
    const text = await extract('docx', await docx(), { maxChars: 20 });
    expect(text).toBe('Digital twins & the ');
  });

  it('does not cut an astral character in half', async () => {
    const documentXml = '<w:document><w:body><w:p><w:r><w:t>ab😀c</w:t></w:r></w:p></w:body></w:document>';
    expect(await extract('docx', xmlZip({ 'word/document.xml': documentXml }), { maxChars: 3 })).toBe('ab');
  });

  it.each(['docx', 'pptx', 'xlsx', 'pdf'] as const)('returns nothing for a broken %s', async (kind) => {
    expect(await extract(kind, randomBytes(50_000))).toBe('');
  });

  it('returns nothing for a truncated docx', async () => {
    const bytes = await docx();
    expect(await extract('docx', bytes.subarray(0, 200))).toBe('');
  });

  it('returns nothing for a zip, without reading it', async () => {
    let opened = false;
    const text = await extractText(
      'zip',
      async () => {
        opened = true;
        return chunked(xmlZip({ 'a.txt': 'hello' }), 4096);
      },
      100,
    );
    expect(text).toEqual({ text: '', stopped: null });
    expect(opened).toBe(false);
  });

  it('returns nothing when the file cannot be opened', async () => {
    const text = await extractText(
      'docx',
      async () => {
        throw new Error('gone');
      },
      100,
    );
    expect(text).toEqual({ text: '', stopped: 'unreadable' });
  });

  it('gives up on a stalled stream after the time limit and closes it', async () => {
    const stalled = new PassThrough();
    stalled.write(Buffer.from('PK'));
    const text = await extractText('docx', async () => stalled, 100, { timeoutMs: 100 });
    expect(text).toEqual({ text: '', stopped: 'timeout' });
    expect(stalled.destroyed).toBe(true);
  });
});

describe('the XML scanner', () => {
  it('reads the same text however the XML is cut into pieces', () => {
    const xml =
      '<?xml version="1.0"?><w:document><w:body><w:p><w:r><w:t xml:space="preserve">A&#x2019;s &amp; </w:t></w:r><w:r><w:tab/><w:t>元宇宙</w:t></w:r></w:p>' +
      '<w:p><w:r><w:delText>gone</w:delText><w:t>kept</w:t><w:br/><w:t>x &lt;y&gt;</w:t></w:r></w:p></w:body></w:document>';
    const spec = { text: 'w:t', line: 'w:p', breaks: { 'w:tab': '\t', 'w:br': '\n' } };
    const whole: string[] = [];
    new XmlTextScanner(spec, (t) => whole.push(t)).push(xml);
    expect(whole.join('')).toBe('A’s & \t元宇宙\nkept\nx <y>\n');
    for (let cut = 1; cut < xml.length; cut++) {
      const pieces: string[] = [];
      const scanner = new XmlTextScanner(spec, (t) => pieces.push(t));
      scanner.push(xml.slice(0, cut));
      scanner.push(xml.slice(cut));
      expect(pieces.join(''), `cut at ${cut}`).toBe(whole.join(''));
    }
    for (const size of [1, 2, 3, 7, 13]) {
      const pieces: string[] = [];
      const scanner = new XmlTextScanner(spec, (t) => pieces.push(t));
      for (let at = 0; at < xml.length; at += size) scanner.push(xml.slice(at, at + size));
      expect(pieces.join(''), `pieces of ${size}`).toBe(whole.join(''));
    }
  });

  it('skips what is inside a skipped element and drops a tag that never ends', () => {
    const pieces: string[] = [];
    const scanner = new XmlTextScanner({ text: 't', line: 'si', skip: 'rPh' }, (t) => pieces.push(t));
    scanner.push('<si><t>東京</t><rPh sb="0"><t>トウキョウ</t></rPh></si><');
    scanner.push('x'.repeat(100_000));
    scanner.push('><si><t>after</t></si>');
    expect(pieces.join('')).toBe('東京\nafter\n');
  });
});

describe('the line tidier', () => {
  /** What tidying the whole text at once gives. */
  const reference = (text: string) =>
    text
      .split(/[\r\n\u2028\u2029\v\f]+/)
      .map((line) => line.replace(/\s+/g, ' ').trim())
      .filter(Boolean)
      .join('\n');

  it.each([
    ['  Digital   twins\t and  the\n\n\n  metaverse  \r\n'],
    ['\u3000全角\u3000空白\u2028next\u00a0line\f'],
    ['one\n \n two  \v three'],
    ['   \n\n   '],
    ['no whitespace at all'],
  ])('tidies %j as if it were whole, however it is cut', (text) => {
    for (let cut = 0; cut <= text.length; cut++) {
      const tidier = new LineTidier();
      expect(tidier.push(text.slice(0, cut)) + tidier.push(text.slice(cut)), `cut at ${cut}`).toBe(reference(text));
    }
  });
});

describe('bounds in total, whatever the file', () => {
  it('stops at the text limit, over all parts together, keeping the text found until then', async () => {
    const pptx = hostilePptx({ slides: 10, slideMegabytes: 8, fill: 'text', marker: (n) => `Marker of slide ${n}` });
    const result = await extractText('pptx', async () => chunked(pptx, 65_536), pptx.length, { maxTextChars: 500_000, maxChars: 100_000 });
    expect(result.stopped).toBe('text-limit');
    expect(result.text.length).toBeLessThanOrEqual(100_000);
    expect(result.text.startsWith('Marker of slide 1\nmetaverse avatar')).toBe(true);
    // 500,000 characters were read: the first slide only (each holds ~7 million).
    expect(result.text).not.toContain('Marker of slide 2');
  });

  it('stops at the inflated-bytes limit, over all parts together (a pptx of many slides of markup)', async () => {
    const pptx = hostilePptx({ slides: 8, slideMegabytes: 2, fill: 'markup', marker: (n) => `Slide ${n} title` });
    const result = await extractText('pptx', async () => chunked(pptx, 65_536), pptx.length, { maxInflatedBytes: 5 * 1024 * 1024 });
    // No slide alone is over the limit (each is ~2 MB); together they are, and reading stopped there.
    expect(result.stopped).toBe('inflate-limit');
    const titles = result.text.split('\n');
    expect(titles.length).toBeGreaterThanOrEqual(2);
    expect(titles.length).toBeLessThan(8);
    expect(titles).toEqual(titles.map((_, i) => `Slide ${i + 1} title`));
  });

  it('stops a zip bomb part with the default limits and still gives the text before it', async () => {
    const docxBomb = zipOf([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/footnotes.xml', data: '<w:footnotes><w:p><w:r><w:t>A footnote read first</w:t></w:r></w:p></w:footnotes>' },
      // 1 GB of spaces inside one text run: ~1 MB of file.
      {
        name: 'word/document.xml',
        head: '<w:document><w:body><w:p><w:r><w:t>',
        body: ' '.repeat(1 << 20),
        times: 1024,
        tail: '</w:t></w:r></w:p></w:body></w:document>',
      },
    ]);
    expect(docxBomb.length).toBeLessThan(2 * 1024 * 1024);
    const result = await extractText('docx', async () => chunked(docxBomb, 65_536), docxBomb.length);
    expect(result.stopped).toBe('text-limit');
    expect(result.text).toBe('A footnote read first');
  });

  it('terminates an extraction at its time limit and keeps nothing running', async () => {
    const pptx = hostilePptx({ slides: 4, slideMegabytes: 50, fill: 'markup' });
    const result = await extractText('pptx', async () => chunked(pptx, 65_536), pptx.length, { timeoutMs: 1, maxInflatedBytes: 2 ** 40 });
    expect(result).toEqual({ text: '', stopped: 'timeout' });
    expect(extractionsRunning()).toBe(0);
    // The terminated thread is not reused: the next file gets a working one.
    expect(await extract('docx', await docx())).toContain('元宇宙焦点组的第一次会议');
  });

  it('runs at most two extractions at once; the others wait their turn, or give up waiting', async () => {
    const seen: number[] = [];
    const small = await docx();
    const opens = () => async () => {
      seen.push(extractionsRunning());
      return chunked(small, 4096);
    };
    const texts = await Promise.all(Array.from({ length: 6 }, () => extractText('docx', opens(), small.length)));
    expect(texts.every((t) => t.text.startsWith('Digital twins & the <metaverse>'))).toBe(true);
    expect(seen).toHaveLength(6);
    expect(Math.max(...seen)).toBeLessThanOrEqual(2);
    expect(extractionThreads()).toBeLessThanOrEqual(2);

    // Two stalled files hold both threads: a third gives up waiting and is stored without text.
    const stalled = [new PassThrough(), new PassThrough()];
    const holding = stalled.map((s) => extractText('docx', async () => s, 100, { timeoutMs: 5_000 }));
    const third = await extractText('docx', async () => chunked(small, 4096), small.length, { queueTimeoutMs: 50 });
    expect(third).toEqual({ text: '', stopped: 'busy' });
    for (const s of stalled) s.end();
    expect((await Promise.all(holding)).map((r) => r.text)).toEqual(['', '']);
    expect(extractionsRunning()).toBe(0);
  });
});
