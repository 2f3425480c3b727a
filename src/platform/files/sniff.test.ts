import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { contentDisposition, mediaTypes, safeDownloadName, sniffDocument } from './sniff.ts';
import { diskFileStore } from './store.ts';

const xml = strToU8('<?xml version="1.0"?><x/>');

const samples = {
  docx: Buffer.from(zipSync({ '[Content_Types].xml': xml, '_rels/.rels': xml, 'word/document.xml': xml })),
  pptx: Buffer.from(zipSync({ '[Content_Types].xml': xml, 'ppt/presentation.xml': xml })),
  xlsx: Buffer.from(zipSync({ '[Content_Types].xml': xml, 'xl/workbook.xml': xml })),
  zip: Buffer.from(zipSync({ 'notes.txt': strToU8('hello'), 'word/': new Uint8Array() })),
  pdf: Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
};

function sniff(filename: string, data: Buffer) {
  return sniffDocument(filename, data.length, async (start, length) => Buffer.from(data.subarray(start, start + length)));
}

/** Rewrites a plain zip's end record into the zip64 form (locator + zip64 record), as large archives have. */
function asZip64(zip: Buffer): Buffer {
  const eocd = zip.subarray(zip.length - 22);
  const entries = eocd.readUInt16LE(10);
  const directorySize = eocd.readUInt32LE(12);
  const directoryOffset = eocd.readUInt32LE(16);
  const body = zip.subarray(0, zip.length - 22);

  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(BigInt(entries), 24);
  record.writeBigUInt64LE(BigInt(entries), 32);
  record.writeBigUInt64LE(BigInt(directorySize), 40);
  record.writeBigUInt64LE(BigInt(directoryOffset), 48);

  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(body.length), 8);
  locator.writeUInt32LE(1, 16);

  const end = Buffer.from(eocd);
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  end.writeUInt32LE(0xffffffff, 12);
  end.writeUInt32LE(0xffffffff, 16);
  return Buffer.concat([body, record, locator, end]);
}

function withArchiveComment(zip: Buffer, comment: Buffer): Buffer {
  const result = Buffer.concat([zip, comment]);
  result.writeUInt16LE(comment.length, zip.length - 2);
  return result;
}

describe('sniffDocument', () => {
  it('recognizes each kind when the extension matches', async () => {
    for (const kind of ['docx', 'pptx', 'xlsx', 'zip', 'pdf'] as const) {
      expect(await sniff(`file.${kind}`, samples[kind])).toEqual({ ok: true, kind, mediaType: mediaTypes[kind] });
    }
    expect(mediaTypes.docx).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });

  it('reads extensions case-insensitively', async () => {
    expect(await sniff('Report.PDF', samples.pdf)).toMatchObject({ ok: true, kind: 'pdf', mediaType: 'application/pdf' });
    expect(await sniff('Slides.PpTx', samples.pptx)).toMatchObject({ ok: true, kind: 'pptx' });
  });

  it('accepts an OOXML document named .zip as a zip', async () => {
    expect(await sniff('bundle.zip', samples.docx)).toEqual({ ok: true, kind: 'zip', mediaType: 'application/zip' });
  });

  it('refuses content that is not what the extension says', async () => {
    const mismatches: [string, Buffer][] = [
      ['plain.docx', samples.zip],
      ['report.docx', samples.pdf],
      ['report.pdf', samples.docx],
      ['sheet.xlsx', samples.docx],
      ['deck.pptx', samples.xlsx],
      ['archive.zip', samples.pdf],
      ['text.pdf', Buffer.from('just some text, not a PDF')],
      ['empty.docx', Buffer.alloc(0)],
      ['no-types.docx', Buffer.from(zipSync({ 'word/document.xml': xml }))],
    ];
    for (const [name, data] of mismatches) {
      expect(await sniff(name, data), name).toEqual({ ok: false, reason: 'content-mismatch' });
    }
  });

  it('refuses extensions that are not allowed', async () => {
    for (const name of ['setup.exe', 'README', 'report.docx.exe', 'old.doc', 'docx', 'page.html']) {
      expect(await sniff(name, samples.docx), name).toEqual({ ok: false, reason: 'extension-not-allowed' });
    }
  });

  it('handles empty zips, archive comments and zip64 end records', async () => {
    const empty = Buffer.from(zipSync({}));
    expect(empty.subarray(0, 4).toString('latin1')).toBe('PK\x05\x06');
    expect(await sniff('empty.zip', empty)).toMatchObject({ ok: true, kind: 'zip' });
    expect(await sniff('empty.docx', empty)).toEqual({ ok: false, reason: 'content-mismatch' });

    // A comment holding a fake end record must not be mistaken for the real one.
    const fakeEnd = Buffer.alloc(22);
    fakeEnd.writeUInt32LE(0x06054b50, 0);
    const commented = withArchiveComment(samples.xlsx, Buffer.concat([Buffer.from('comment '), fakeEnd, Buffer.alloc(3000, 0x20)]));
    expect(await sniff('sheet.xlsx', commented)).toMatchObject({ ok: true, kind: 'xlsx' });

    expect(await sniff('doc.docx', asZip64(samples.docx))).toMatchObject({ ok: true, kind: 'docx' });
    expect(await sniff('deck.pptx', asZip64(samples.pptx))).toMatchObject({ ok: true, kind: 'pptx' });
  });

  it('reads only the parts it needs of a large file', async () => {
    const large = Buffer.from(
      zipSync({ '[Content_Types].xml': xml, 'word/document.xml': xml, 'word/media/image.bin': [randomBytes(2_000_000), { level: 0 }] }),
    );
    let bytesRead = 0;
    const result = await sniffDocument('big.docx', large.length, async (start, length) => {
      bytesRead += length;
      return Buffer.from(large.subarray(start, start + length));
    });
    expect(result).toMatchObject({ ok: true, kind: 'docx' });
    expect(bytesRead).toBeLessThan(100_000);
  });

  it('sniffs files in the store through its read method', async () => {
    const root = await mkdtemp(join(tmpdir(), 'convene-sniff-'));
    try {
      const store = diskFileStore(root);
      const stored = await store.putBuffer(samples.pptx);
      const result = await sniffDocument('deck.pptx', stored.size, (start, length) => store.read(stored.hash, start, length));
      expect(result).toMatchObject({ ok: true, kind: 'pptx' });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('safeDownloadName', () => {
  it('strips path parts, control characters and extra whitespace', () => {
    expect(safeDownloadName('../../etc/passwd', 'file')).toBe('passwd');
    expect(safeDownloadName('C:\\Users\\me\\Report.docx', 'file')).toBe('Report.docx');
    expect(safeDownloadName('  my \t\n  report\u0000\u0007.pdf ', 'file')).toBe('my report.pdf');
    expect(safeDownloadName('invoice\u202Efdp.exe', 'file')).toBe('invoicefdp.exe');
  });

  it('falls back when nothing usable is left', () => {
    expect(safeDownloadName('', 'contribution.pdf')).toBe('contribution.pdf');
    expect(safeDownloadName('../..', 'contribution.pdf')).toBe('contribution.pdf');
    expect(safeDownloadName('dir/', 'contribution.pdf')).toBe('contribution.pdf');
    expect(safeDownloadName(' \u0001 ', 'contribution.pdf')).toBe('contribution.pdf');
  });

  it('limits the length to 150 characters and keeps the extension', () => {
    const long = safeDownloadName(`${'a'.repeat(300)}.docx`, 'file');
    expect(long).toHaveLength(150);
    expect(long.endsWith('a.docx')).toBe(true);

    const chinese = safeDownloadName(`${'会议'.repeat(100)}😀😀.pdf`, 'file');
    expect(Array.from(chinese)).toHaveLength(150);
    expect(chinese).toBe(`${'会议'.repeat(73)}.pdf`);

    const emoji = safeDownloadName('😀'.repeat(200), 'file');
    expect(Array.from(emoji)).toHaveLength(150);
    expect(emoji).toBe('😀'.repeat(150));
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and an RFC 5987 UTF-8 name', () => {
    expect(contentDisposition('会议 "报告" (终稿).pdf')).toBe(
      `attachment; filename="__ __ (__).pdf"; filename*=UTF-8''%E4%BC%9A%E8%AE%AE%20%22%E6%8A%A5%E5%91%8A%22%20%28%E7%BB%88%E7%A8%BF%29.pdf`,
    );
    expect(contentDisposition('plain-name_1.docx')).toBe(`attachment; filename="plain-name_1.docx"; filename*=UTF-8''plain-name_1.docx`);
  });

  it('never lets quotes, backslashes or line breaks through', () => {
    const header = contentDisposition('a\\b"c\r\nSet-Cookie: x=1\'*.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.startsWith('attachment; filename="ab')).toBe(true);
    const [, quoted] = header.match(/filename="([^"]*)"/) ?? [];
    expect(quoted).toBe("abc__Set-Cookie: x=1'*.pdf");
    const [, encoded] = header.match(/filename\*=UTF-8''(\S+)$/) ?? [];
    expect(encoded).toBe('a%5Cb%22c%0D%0ASet-Cookie%3A%20x%3D1%27%2A.pdf');
    expect(decodeURIComponent(encoded!)).toBe('a\\b"c\r\nSet-Cookie: x=1\'*.pdf');
  });
});
