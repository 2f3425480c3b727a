import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * Hostile documents built in code, not committed: ZIP parts that inflate a thousandfold. A part's data
 * is a head, a body repeated `times`, and a tail; the body is deflated once with a full flush (a
 * byte-aligned block that needs nothing before it), so repeating it costs nothing to make — a 100 MB
 * slide is ~100 KB of file and milliseconds of work.
 */
export interface RepeatedPart {
  name: string;
  head?: string;
  body: string;
  times: number;
  tail?: string;
}

export type ZipPart = RepeatedPart | { name: string; data: Uint8Array | string };

const fullFlush = (data: Buffer) => deflateRawSync(data, { level: 9, finishFlush: constants.Z_FULL_FLUSH });

function entryOf(part: ZipPart): { name: Buffer; compressed: Buffer; size: number; crc: number } {
  if ('data' in part) {
    const data = Buffer.from(part.data);
    return { name: Buffer.from(part.name), compressed: deflateRawSync(data), size: data.length, crc: crc32(data) };
  }
  const head = Buffer.from(part.head ?? '');
  const body = Buffer.from(part.body);
  const tail = Buffer.from(part.tail ?? '');
  const repeated = fullFlush(body);
  const compressed = Buffer.concat([fullFlush(head), ...Array.from({ length: part.times }, () => repeated), deflateRawSync(tail)]);
  let crc = crc32(head);
  for (let i = 0; i < part.times; i++) crc = crc32(body, crc);
  crc = crc32(tail, crc);
  const size = head.length + body.length * part.times + tail.length;
  if (size >= 2 ** 32) throw new Error('a part must stay under 4 GB (no zip64 here)');
  return { name: Buffer.from(part.name), compressed, size, crc };
}

/** A ZIP archive (deflated entries, sizes and CRCs in the local headers) of the given parts. */
export function zipOf(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const e = entryOf(part);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.compressed.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(e.name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.compressed.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(e.name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, e.name, e.compressed);
    centrals.push(central, e.name);
    offset += local.length + e.name.length + e.compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const contentTypes = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
const slideHead =
  '<?xml version="1.0" encoding="UTF-8"?><p:sld xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:cSld><p:spTree><p:sp><p:txBody><a:bodyPr/>';
const slideTail = '</p:txBody></p:sp></p:spTree></p:cSld></p:sld>';

export interface HostilePptxOptions {
  slides: number;
  /** How large each slide's XML inflates to. */
  slideMegabytes: number;
  /**
   * What fills it: `text` — paragraphs of words (text without end); `markup` — empty runs (XML without
   * text); `blank` — one text element of spaces (a zip bomb that is almost all whitespace).
   */
  fill: 'text' | 'markup' | 'blank';
  /** A short line at the start of each slide, to see what was extracted before a limit. */
  marker?: (slide: number) => string;
}

/** A .pptx that passes sniffing and whose slides inflate to `slides × slideMegabytes`. */
export function hostilePptx(options: HostilePptxOptions): Buffer {
  const unit =
    options.fill === 'text'
      ? '<a:p><a:r><a:rPr lang="en-US"/><a:t>metaverse avatar interoperability haptic rendering digital twin </a:t></a:r></a:p>'
      : options.fill === 'markup'
        ? '<a:p><a:r><a:rPr lang="en-US" dirty="0"/></a:r></a:p>'
        : ' ';
  const body = unit.repeat(Math.max(1, Math.floor(1_048_576 / unit.length)));
  const times = Math.ceil((options.slideMegabytes * 1024 * 1024) / body.length);
  const slides: ZipPart[] = Array.from({ length: options.slides }, (_, i) => {
    const marker = options.marker ? `<a:p><a:r><a:t>${options.marker(i + 1)}</a:t></a:r></a:p>` : '';
    const open = options.fill === 'blank' ? `${marker}<a:p><a:r><a:t>` : marker;
    const close = options.fill === 'blank' ? '</a:t></a:r></a:p>' : '';
    return { name: `ppt/slides/slide${i + 1}.xml`, head: slideHead + open, body, times, tail: close + slideTail };
  });
  return zipOf([
    { name: '[Content_Types].xml', data: contentTypes },
    { name: 'ppt/presentation.xml', data: '<p:presentation/>' },
    ...slides,
  ]);
}
