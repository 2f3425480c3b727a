import { randomBytes } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { Document, FootnoteReferenceRun, Packer, Paragraph, TextRun } from 'docx';
import { strToU8, unzipSync, zipSync } from 'fflate';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { type ExtractableKind, extractText } from './text.ts';

/** Extracts from an in-memory file, delivered in small chunks as a file stream would be. */
function extract(kind: ExtractableKind, bytes: Uint8Array, options?: { maxChars?: number }): Promise<string> {
  return extractText(kind, async () => chunked(bytes, 4096), bytes.length, options);
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

function pdf(lines: string[]): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    doc.font('Helvetica').fontSize(12);
    lines.forEach((line, i) => {
      if (i > 0) doc.addPage();
      doc.text(line);
    });
    doc.end();
  });
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
    expect(await extract('docx', xmlZip({ 'word/document.xml': documentXml }))).toBe(
      'A’s 元<x> tabbed\nkept\nbroken\ncell',
    );
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
    expect(await opened).toBe('');
  });

  it('gives up on a stream longer than its stated size allows', async () => {
    let megabytesRead = 0;
    const endless = Readable.from(
      (function* () {
        for (; megabytesRead < 40; megabytesRead++) yield Buffer.alloc(1024 * 1024);
      })(),
    );
    expect(await extractText('pdf', async () => endless, 1000)).toBe('');
    expect(megabytesRead).toBeLessThan(35);
  });
});

describe('limits and failures', () => {
  it('cuts the text at maxChars', async () => {
    const text = await extract('docx', await docx(), { maxChars: 20 });
    expect(text).toBe('Digital twins & the ');
  });

  it('reads no more than 32 MB of a part’s XML', async () => {
    const paragraph = (text: string) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;
    const filler = paragraph('filler').repeat((33 * 1024 * 1024) / paragraph('filler').length);
    const documentXml = `<w:document><w:body>${paragraph('head')}${filler}${paragraph('tail')}</w:body></w:document>`;
    const text = await extract('docx', xmlZip({ 'word/document.xml': documentXml }), { maxChars: 10_000_000 });
    expect(text.startsWith('head\nfiller\n')).toBe(true);
    expect(text.includes('tail')).toBe(false);
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
    expect(text).toBe('');
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
    expect(text).toBe('');
  });

  it('gives up on a stalled stream after the time limit and closes it', async () => {
    const stalled = new PassThrough();
    stalled.write(Buffer.from('PK'));
    const started = Date.now();
    const text = await extractText('docx', async () => stalled, 100, { timeoutMs: 100 });
    expect(text).toBe('');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(stalled.destroyed).toBe(true);
  });
});
