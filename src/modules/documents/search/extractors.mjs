// @ts-check
// Text extraction proper, run inside the extraction worker thread (extraction-worker.mjs). Plain JavaScript
// (type-checked through JSDoc), so the worker starts without a TypeScript loader: ~15 MB and ~80 ms a
// worker instead of ~35 MB and ~200 ms with tsx.
import { Unzip, UnzipInflate } from 'fflate';

/** @typedef {'docx' | 'pdf' | 'pptx' | 'xlsx' | 'zip'} ExtractableKind */
/**
 * @typedef {object} ExtractionLimits
 * @property {number} maxInflatedBytes all the XML parts read, together, once inflated
 * @property {number} maxTextChars all the text read, together, before whitespace is tidied
 * @property {number} maxChars all the text kept, together, once tidied
 * @property {number} maxPdfBytes a PDF is parsed whole: larger ones are not read at all
 */
/** @typedef {'text-limit' | 'inflate-limit' | 'pdf-too-large'} LimitReached */

// Compressed bytes given to the inflater at a time: deflate expands at most ~1,032 times, so one
// slice never inflates to more than ~256 KB at once, however the file was made (smaller buffers, reused
// by the allocator: measured 30 MB less resident memory for four hostile files than 1 KB slices' 1 MB).
const INFLATE_SLICE = 256;
// A "tag" running longer than this without '>' is not OOXML worth reading.
const MAX_TAG_LENGTH = 64 * 1024;

const DOCX_PARTS = ['word/document.xml', 'word/footnotes.xml', 'word/endnotes.xml'];

/** @param {string} name */
function slideNumber(name) {
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
  docx: {
    wanted: (name) => DOCX_PARTS.includes(name),
    spec: { text: 'w:t', line: 'w:p', breaks: { 'w:tab': '\t', 'w:br': '\n', 'w:cr': '\n' } },
  },
  pptx: { wanted: (name) => slideNumber(name) !== null, spec: { text: 'a:t', line: 'a:p' } },
  // Phonetic guides (rPh) repeat the reading of Japanese cells; they are not the cell's text.
  xlsx: { wanted: (name) => name === 'xl/sharedStrings.xml', spec: { text: 't', line: 'si', skip: 'rPh' } },
};

/** @type {Record<string, string>} */
const NAMED_ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** @param {string} text */
function decodeXmlEntities(text) {
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
    let from = 0;
    const pending = this.pending;
    this.pending = '';
    // What the last piece left unfinished is completed on its own, so the (large) piece is never
    // copied to be joined to it.
    if (pending.startsWith('<')) {
      const gt = piece.indexOf('>');
      if (gt < 0) {
        if (pending.length + piece.length <= MAX_TAG_LENGTH) this.pending = pending + piece;
        return;
      }
      const tag = pending + piece.slice(0, gt + 1);
      this.tag(tag, 1, tag.length - 1);
      from = gt + 1;
    } else if (pending) {
      // The start of an entity ("&am", held back by `scan`): its end is a few characters into this piece.
      const joined = pending + piece.slice(0, 12);
      const stop = joined.slice(1).search(/[;<&]/) + 1;
      if (stop === 0 && piece.length < 12) {
        this.pending = joined; // too short a piece to tell yet
        return;
      }
      const entityEnd = stop > 0 && joined[stop] === ';' ? stop + 1 : pending.length;
      if (this.inText && this.skipDepth === 0) this.text(decodeXmlEntities(joined.slice(0, entityEnd)));
      from = entityEnd - pending.length;
    }
    this.scan(piece, from);
  }

  /** @param {string} buffer @param {number} from */
  scan(buffer, from) {
    let position = from;
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
    const rest = buffer.length - position;
    // A "tag" that never ends is dropped rather than kept growing.
    if (rest > 0 && rest <= MAX_TAG_LENGTH) this.pending = buffer.slice(position);
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
 * Tidies text arriving in pieces as if it were tidied whole: one line per paragraph,
 * runs of spaces and tabs as one space, no blank lines — keeping only three flags between pieces.
 */
export class LineTidier {
  constructor() {
    this.lineHasContent = false;
    this.spaceDue = false;
    this.breakDue = false;
  }

  /** @param {string} text @returns {string} */
  push(text) {
    let out = '';
    for (const match of text.matchAll(/([\r\n\u2028\u2029\v\f]+)|([^\S\r\n\u2028\u2029\v\f]+)|(\S+)/g)) {
      if (match[1] !== undefined) {
        if (this.lineHasContent) this.breakDue = true;
        this.lineHasContent = false;
        this.spaceDue = false;
      } else if (match[2] !== undefined) {
        if (this.lineHasContent) this.spaceDue = true;
      } else {
        out += (this.breakDue ? '\n' : this.spaceDue ? ' ' : '') + match[3];
        this.breakDue = false;
        this.spaceDue = false;
        this.lineHasContent = true;
      }
    }
    return out;
  }
}

/**
 * What a file gives, part by part, held to the limits: raw text read (`maxTextChars`, whitespace
 * included) and tidied text kept (`maxChars`). `stopped` says which limit was reached.
 */
class Collector {
  /** @param {ExtractionLimits} limits @param {(part: string, text: string) => void} emit */
  constructor(limits, emit) {
    this.limits = limits;
    this.emit = emit;
    /** @type {LimitReached | null} */
    this.stopped = null;
    this.raw = 0;
    this.kept = 0;
    /** @type {Map<string, LineTidier>} */
    this.tidiers = new Map();
  }

  /** @param {string} part @param {string} text */
  add(part, text) {
    if (this.stopped) return;
    const raw = sliceWhole(text, this.limits.maxTextChars - this.raw);
    this.raw += raw.length;
    let tidier = this.tidiers.get(part);
    if (!tidier) {
      tidier = new LineTidier();
      this.tidiers.set(part, tidier);
    }
    const tidied = sliceWhole(tidier.push(raw), this.limits.maxChars - this.kept);
    this.kept += tidied.length;
    if (tidied) this.emit(part, tidied);
    if (this.kept >= this.limits.maxChars || this.raw >= this.limits.maxTextChars) this.stopped = 'text-limit';
  }
}

/**
 * Streams a file's text out as pieces, tidied: `emit(part, text)` with the part it came from (a ZIP
 * entry's name, "page:3" of a PDF), as soon as it is read. Stops at the first limit reached and says
 * which; throws on a broken file (what was emitted before stays valid).
 * @param {ExtractableKind} kind
 * @param {AsyncIterable<Uint8Array>} chunks the file's bytes, in order
 * @param {number} size the file's stated size
 * @param {ExtractionLimits} limits
 * @param {(part: string, text: string) => void} emit
 * @returns {Promise<LimitReached | null>}
 */
export async function extractPieces(kind, chunks, size, limits, emit) {
  if (kind === 'zip') return null;
  const collector = new Collector(limits, emit);
  if (kind === 'pdf') return pdfPieces(chunks, size, limits, collector);
  return zipPieces(ZIP_KINDS[kind], chunks, limits, collector);
}

/**
 * @param {{ wanted: (name: string) => boolean; spec: XmlSpec }} format
 * @param {AsyncIterable<Uint8Array>} chunks
 * @param {ExtractionLimits} limits
 * @param {Collector} collector
 * @returns {Promise<LimitReached | null>}
 */
async function zipPieces(format, chunks, limits, collector) {
  /** @type {LimitReached | null} */
  let overInflated = null;
  /** @type {Error | null} */
  let failure = null;
  let inflated = 0;
  const stopped = () => collector.stopped ?? overInflated;
  const unzip = new Unzip((file) => {
    // Parts that carry no text (images, media) are skipped compressed: never inflated.
    if (!format.wanted(file.name)) return;
    const decoder = new TextDecoder();
    const scanner = new XmlTextScanner(format.spec, (text) => collector.add(file.name, text));
    file.ondata = (error, data, final) => {
      if (error) failure = error;
      if (error || stopped()) return;
      const room = limits.maxInflatedBytes - inflated;
      const usable = data.length > room ? data.subarray(0, room) : data;
      inflated += usable.length;
      scanner.push(decoder.decode(usable, { stream: !final && usable === data }));
      if (inflated >= limits.maxInflatedBytes && !final) overInflated = 'inflate-limit';
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  for await (const chunk of chunks) {
    for (let offset = 0; offset < chunk.length && !stopped(); offset += INFLATE_SLICE) {
      unzip.push(chunk.subarray(offset, offset + INFLATE_SLICE));
      if (failure) throw failure;
    }
    if (stopped()) return stopped();
  }
  unzip.push(new Uint8Array(0), true);
  if (failure) throw failure;
  return stopped();
}

/**
 * A PDF is parsed whole (pdf.js needs random access), so only up to `maxPdfBytes`; pages are read one
 * at a time, and reading stops at the text limit.
 * @param {AsyncIterable<Uint8Array>} chunks
 * @param {number} size
 * @param {ExtractionLimits} limits
 * @param {Collector} collector
 * @returns {Promise<LimitReached | null>}
 */
async function pdfPieces(chunks, size, limits, collector) {
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
    for (let pageNumber = 1; pageNumber <= pdf.numPages && !collector.stopped; pageNumber++) {
      const page = await pdf.getPage(pageNumber);
      const content = await page.getTextContent();
      for (const item of content.items) if ('str' in item) collector.add(`page:${pageNumber}`, item.str + (item.hasEOL ? '\n' : ''));
      page.cleanup();
    }
    return collector.stopped;
  } finally {
    await pdf.destroy();
  }
}

/**
 * The parts' tidied texts in reading order (docx: body, footnotes, endnotes; slides by number; pages by
 * number), a line break between parts, at most `maxChars` characters.
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
  return sliceWhole(ordered.filter(Boolean).join('\n'), maxChars);
}

/** At most `maxChars` of `text`, never ending on half a surrogate pair. @param {string} text @param {number} maxChars */
function sliceWhole(text, maxChars) {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, Math.max(0, maxChars));
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}
