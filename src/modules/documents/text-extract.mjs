// @ts-check
// Text extraction proper, run inside the extraction worker thread (text-worker.mjs). Plain JavaScript
// (type-checked through JSDoc), so the worker starts without a TypeScript loader: ~15 MB and ~80 ms a
// worker instead of ~35 MB and ~200 ms with tsx.
import { Unzip, UnzipInflate } from 'fflate';

/** @typedef {'docx' | 'pdf' | 'pptx' | 'xlsx' | 'zip'} ExtractableKind */
/**
 * @typedef {object} ExtractionLimits
 * @property {number} maxInflatedBytes all the XML parts read, together, once inflated
 * @property {number} maxTextChars all the text extracted, together, before whitespace is tidied
 * @property {number} maxPdfBytes a PDF is parsed whole: larger ones are not read at all
 */
/** @typedef {'text-limit' | 'inflate-limit' | 'pdf-too-large'} LimitReached */

// Compressed bytes given to the inflater at a time: deflate expands at most ~1,032 times, so one
// slice never inflates to more than ~4 MB at once, however the file was made.
const INFLATE_SLICE = 4096;
// A "tag" running longer than this without '>' is not OOXML worth reading.
const MAX_TAG_LENGTH = 64 * 1024;

export const DOCX_PARTS = ['word/document.xml', 'word/footnotes.xml', 'word/endnotes.xml'];

/** @param {string} name */
export function slideNumber(name) {
  const match = /^ppt\/slides\/slide(\d+)\.xml$/.exec(name);
  return match ? Number(match[1]) : null;
}

/**
 * Which XML elements carry text: `text` elements' content, a new line after each `line` element,
 * `breaks` (self-closing) as the given characters, and nothing inside `skip` elements.
 * @typedef {{ text: string; line: string; breaks?: Record<string, string>; skip?: string }} XmlSpec
 */

/** @type {Record<'docx' | 'pptx' | 'xlsx', { wanted: (name: string) => boolean; spec: XmlSpec }>} */
const ZIP_KINDS = {
  // WordprocessingML: runs, tabs and breaks, one line per paragraph; deleted text (w:delText) is left out.
  docx: { wanted: (name) => DOCX_PARTS.includes(name), spec: { text: 'w:t', line: 'w:p', breaks: { 'w:tab': '\t', 'w:br': '\n', 'w:cr': '\n' } } },
  pptx: { wanted: (name) => slideNumber(name) !== null, spec: { text: 'a:t', line: 'a:p' } },
  // Phonetic guides (rPh) repeat the reading of Japanese cells; they are not the cell's text.
  xlsx: { wanted: (name) => name === 'xl/sharedStrings.xml', spec: { text: 't', line: 'si', skip: 'rPh' } },
};

/** @type {Record<string, string>} */
const NAMED_ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** @param {string} text */
export function decodeXmlEntities(text) {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (entity, /** @type {string} */ body) => {
    if (body.startsWith('#')) {
      const codePoint = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : '';
    }
    return NAMED_ENTITIES[body] ?? entity;
  });
}

/**
 * Reads the text out of XML arriving in pieces, keeping only an unfinished tag (or entity) between
 * pieces — never a whole part — so memory stays flat however large the part inflates.
 */
export class XmlTextScanner {
  /**
   * @param {XmlSpec} spec
   * @param {(text: string) => void} emit
   */
  constructor(spec, emit) {
    this.spec = spec;
    this.breaks = Object.entries(spec.breaks ?? {});
    this.emit = emit;
    this.pending = '';
    this.inText = false;
    this.skipDepth = 0;
    // Runs of paragraph ends are one: whitespace is tidied later anyway, and markup-only XML then costs nothing.
    this.atLineEnd = true;
  }

  /** @param {string} piece */
  push(piece) {
    const buffer = this.pending + piece;
    let position = 0;
    for (;;) {
      const lt = buffer.indexOf('<', position);
      const textEnd = lt < 0 ? holdBackEntity(buffer, position) : lt;
      if (this.inText && this.skipDepth === 0 && textEnd > position) this.text(decodeXmlEntities(buffer.slice(position, textEnd)));
      if (lt < 0) {
        position = textEnd;
        break;
      }
      const gt = buffer.indexOf('>', lt + 1);
      if (gt < 0) {
        position = lt;
        break;
      }
      this.tag(buffer, lt + 1, gt);
      position = gt + 1;
    }
    this.pending = buffer.slice(position);
    if (this.pending.length > MAX_TAG_LENGTH) this.pending = '';
  }

  /** @param {string} text */
  text(text) {
    this.atLineEnd = false;
    this.emit(text);
  }

  /**
   * A tag: `buffer` from `start` (after '<') to `end` (at '>'). Names are compared in place: a part of
   * millions of tags allocates nothing per tag.
   * @param {string} buffer @param {number} start @param {number} end
   */
  tag(buffer, start, end) {
    const first = buffer.charCodeAt(start);
    if (first === 63 || first === 33) return; // <? … ?> and <! … >
    const closing = first === 47;
    const nameAt = closing ? start + 1 : start;
    const selfClosing = !closing && buffer.charCodeAt(end - 1) === 47;
    const { spec } = this;
    if (spec.skip && isName(buffer, nameAt, spec.skip)) {
      if (!selfClosing) this.skipDepth = closing ? Math.max(0, this.skipDepth - 1) : this.skipDepth + 1;
      return;
    }
    if (this.skipDepth > 0) return;
    if (isName(buffer, nameAt, spec.text)) {
      if (!selfClosing) this.inText = !closing;
    } else if (closing) {
      if (!this.atLineEnd && isName(buffer, nameAt, spec.line)) {
        this.atLineEnd = true;
        this.emit('\n');
      }
    } else if (selfClosing) {
      for (const [name, text] of this.breaks) if (isName(buffer, nameAt, name)) this.text(text);
    }
  }
}

/** Whether the tag name at `at` is `name` (followed by whitespace, '/' or '>'). @param {string} buffer @param {number} at @param {string} name */
function isName(buffer, at, name) {
  if (!buffer.startsWith(name, at)) return false;
  const next = buffer.charCodeAt(at + name.length);
  return next === 62 || next === 47 || next === 32 || next === 9 || next === 10 || next === 13;
}

/** Where text without a following tag may be cut: before an entity that has not ended yet. */
function holdBackEntity(/** @type {string} */ buffer, /** @type {number} */ from) {
  const amp = buffer.lastIndexOf('&');
  return amp >= from && amp > buffer.length - 12 && buffer.indexOf(';', amp) < 0 ? amp : buffer.length;
}

/**
 * Streams a file's text out as pieces: `emit(part, text)` with the part it came from (a ZIP entry's
 * name, "page:3" of a PDF), as soon as it is read. Stops at the first limit reached and says which;
 * throws on a broken file (what was emitted before stays valid).
 * @param {ExtractableKind} kind
 * @param {AsyncIterable<Uint8Array>} chunks the file's bytes, in order
 * @param {number} size the file's stated size
 * @param {ExtractionLimits} limits
 * @param {(part: string, text: string) => void} emit
 * @returns {Promise<LimitReached | null>}
 */
export async function extractPieces(kind, chunks, size, limits, emit) {
  if (kind === 'zip') return null;
  if (kind === 'pdf') return pdfPieces(chunks, size, limits, emit);
  return zipPieces(ZIP_KINDS[kind], chunks, limits, emit);
}

/**
 * @param {{ wanted: (name: string) => boolean; spec: XmlSpec }} format
 * @param {AsyncIterable<Uint8Array>} chunks
 * @param {ExtractionLimits} limits
 * @param {(part: string, text: string) => void} emit
 * @returns {Promise<LimitReached | null>}
 */
async function zipPieces(format, chunks, limits, emit) {
  /** @type {LimitReached | null} */
  let stopped = null;
  /** @type {Error | null} */
  let failure = null;
  let inflated = 0;
  let textChars = 0;
  const unzip = new Unzip((file) => {
    // Parts that carry no text (images, media) are skipped compressed: never inflated.
    if (!format.wanted(file.name)) return;
    const decoder = new TextDecoder();
    const scanner = new XmlTextScanner(format.spec, (text) => {
      if (stopped) return;
      const room = limits.maxTextChars - textChars;
      const kept = text.length > room ? text.slice(0, room) : text;
      textChars += kept.length;
      if (kept) emit(file.name, kept);
      if (textChars >= limits.maxTextChars) stopped = 'text-limit';
    });
    file.ondata = (error, data, final) => {
      if (error) failure = error;
      if (error || stopped) return;
      const room = limits.maxInflatedBytes - inflated;
      const usable = data.length > room ? data.subarray(0, room) : data;
      inflated += usable.length;
      scanner.push(decoder.decode(usable, { stream: !final && usable === data }));
      if (inflated >= limits.maxInflatedBytes && !final) stopped ??= 'inflate-limit';
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  for await (const chunk of chunks) {
    for (let offset = 0; offset < chunk.length && !stopped; offset += INFLATE_SLICE) {
      unzip.push(chunk.subarray(offset, offset + INFLATE_SLICE));
      if (failure) throw failure;
    }
    if (stopped) return stopped;
  }
  unzip.push(new Uint8Array(0), true);
  if (failure) throw failure;
  return stopped;
}

/**
 * A PDF is parsed whole (pdf.js needs random access), so only up to `maxPdfBytes`; pages are read one
 * at a time, and reading stops at the text limit.
 * @param {AsyncIterable<Uint8Array>} chunks
 * @param {number} size
 * @param {ExtractionLimits} limits
 * @param {(part: string, text: string) => void} emit
 * @returns {Promise<LimitReached | null>}
 */
async function pdfPieces(chunks, size, limits, emit) {
  if (size > limits.maxPdfBytes) return 'pdf-too-large';
  /** @type {Uint8Array[]} */
  const parts = [];
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.length;
    // The stated size may be wrong: a longer stream is given up as too large.
    if (total > limits.maxPdfBytes) return 'pdf-too-large';
    parts.push(chunk);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const part of parts.splice(0)) {
    bytes.set(part, offset);
    offset += part.length;
  }
  const { getDocumentProxy } = await import('unpdf');
  const pdf = await getDocumentProxy(bytes, { verbosity: 0 });
  try {
    let textChars = 0;
    for (let pageNumber = 1; pageNumber <= pdf.numPages; pageNumber++) {
      const page = await pdf.getPage(pageNumber);
      const content = await page.getTextContent();
      const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
      page.cleanup();
      const room = limits.maxTextChars - textChars;
      const kept = text.length > room ? text.slice(0, room) : text;
      textChars += kept.length;
      if (kept) emit(`page:${pageNumber}`, kept);
      if (textChars >= limits.maxTextChars) return 'text-limit';
    }
    return null;
  } finally {
    await pdf.destroy();
  }
}

/**
 * The parts' texts in reading order (docx: body, footnotes, endnotes; slides by number; pages by
 * number), one line per paragraph, at most `maxChars` characters.
 * @param {ExtractableKind} kind
 * @param {Map<string, string>} parts
 * @param {number} maxChars
 */
export function assembleText(kind, parts, maxChars) {
  /** @type {(name: string) => number} */
  const rank =
    kind === 'docx'
      ? (name) => DOCX_PARTS.indexOf(name)
      : kind === 'pptx'
        ? (name) => slideNumber(name) ?? 0
        : (name) => Number(name.startsWith('page:') ? name.slice(5) : 0);
  const ordered = [...parts].sort(([a], [b]) => rank(a) - rank(b)).map(([, text]) => text);
  return truncate(normaliseWhitespace(ordered.join('\n')), maxChars);
}

/** One line per paragraph, runs of spaces and tabs as one space, no blank lines. @param {string} text */
function normaliseWhitespace(text) {
  return text
    .split(/[\r\n\u2028\u2029\v\f]+/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

/** @param {string} text @param {number} maxChars */
function truncate(text, maxChars) {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  // Never end on half a surrogate pair.
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}
