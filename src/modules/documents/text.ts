import { Unzip, UnzipInflate } from 'fflate';
import { extractText as extractPdfText, getDocumentProxy } from 'unpdf';

export type ExtractableKind = 'docx' | 'pdf' | 'pptx' | 'xlsx' | 'zip';

const DEFAULT_MAX_CHARS = 200_000;
const DEFAULT_TIMEOUT_MS = 20_000;
const MAX_PDF_BYTES = 30 * 1024 * 1024;
// Bounds the memory a zip bomb can take: an entry's XML beyond this is ignored.
const MAX_ENTRY_BYTES = 32 * 1024 * 1024;

/**
 * Plain text of the document, whitespace-normalised, at most `maxChars` (default 200_000) characters;
 * '' when the kind has no text or extraction fails (never throws: a broken file must not block a submission).
 */
export async function extractText(
  kind: ExtractableKind,
  open: () => Promise<NodeJS.ReadableStream>,
  size: number,
  options: { maxChars?: number; timeoutMs?: number } = {},
): Promise<string> {
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => {
      abort.abort();
      resolve('');
    }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  });
  const work = extractRawText(kind, open, size, abort.signal).then(
    (text) => truncate(normaliseWhitespace(text), maxChars),
    () => '',
  );
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}

async function extractRawText(
  kind: ExtractableKind,
  open: () => Promise<NodeJS.ReadableStream>,
  size: number,
  signal: AbortSignal,
): Promise<string> {
  switch (kind) {
    case 'docx': {
      const entries = await readZipEntries(await openUnlessAborted(open, signal), signal, (name) =>
        DOCX_PARTS.includes(name),
      );
      return DOCX_PARTS.map((name) => entries.get(name))
        .filter((xml) => xml !== undefined)
        .map(wordprocessingText)
        .join('\n');
    }
    case 'pptx': {
      const entries = await readZipEntries(await openUnlessAborted(open, signal), signal, (name) =>
        slideNumber(name) !== null,
      );
      return [...entries]
        .sort(([a], [b]) => slideNumber(a)! - slideNumber(b)!)
        .map(([, xml]) => elementTexts(xml, 'a:t', 'a:p'))
        .join('\n');
    }
    case 'xlsx': {
      const entries = await readZipEntries(
        await openUnlessAborted(open, signal),
        signal,
        (name) => name === 'xl/sharedStrings.xml',
      );
      const xml = entries.get('xl/sharedStrings.xml') ?? '';
      // Phonetic guides repeat the reading of Japanese cells; they are not the cell's text.
      return elementTexts(xml.replace(/<rPh[\s>][\s\S]*?<\/rPh>/g, ''), 't', 'si');
    }
    case 'pdf':
      return size <= MAX_PDF_BYTES ? pdfText(await openUnlessAborted(open, signal), signal) : '';
    case 'zip':
      return '';
  }
}

/** Opens the file, and closes it again as soon as extraction is given up, so a stalled read holds nothing. */
async function openUnlessAborted(
  open: () => Promise<NodeJS.ReadableStream>,
  signal: AbortSignal,
): Promise<NodeJS.ReadableStream> {
  const stream = await open();
  const close = () => (stream as { destroy?: () => void }).destroy?.();
  if (signal.aborted) close();
  else signal.addEventListener('abort', close, { once: true });
  return stream;
}

const DOCX_PARTS = ['word/document.xml', 'word/footnotes.xml', 'word/endnotes.xml'];

function slideNumber(name: string): number | null {
  const match = /^ppt\/slides\/slide(\d+)\.xml$/.exec(name);
  return match ? Number(match[1]) : null;
}

/**
 * Streams the zip so a large file (mostly images) never sits in memory,
 * keeping only the entries `wanted` selects, decoded as UTF-8.
 */
async function readZipEntries(
  stream: NodeJS.ReadableStream,
  signal: AbortSignal,
  wanted: (name: string) => boolean,
): Promise<Map<string, string>> {
  const chunksByName = new Map<string, Uint8Array[]>();
  let failure: Error | null = null;
  const unzip = new Unzip((file) => {
    if (!wanted(file.name)) return;
    const chunks: Uint8Array[] = [];
    let kept = 0;
    let full = false;
    chunksByName.set(file.name, chunks);
    file.ondata = (error, data, final) => {
      if (error) failure = error;
      if (error || full) return;
      if (kept + data.length > MAX_ENTRY_BYTES) {
        full = true;
        if (!final) file.terminate();
        return;
      }
      kept += data.length;
      chunks.push(data);
    };
    file.start();
  });
  unzip.register(UnzipInflate);

  for await (const chunk of stream) {
    if (signal.aborted) throw new Error('extraction timed out');
    unzip.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    if (failure) throw failure;
  }
  unzip.push(new Uint8Array(0), true);
  if (failure) throw failure;

  const decoder = new TextDecoder();
  return new Map([...chunksByName].map(([name, chunks]) => [name, decoder.decode(Buffer.concat(chunks))]));
}

/** WordprocessingML: text runs, tabs and breaks, one line per paragraph; deleted text (`w:delText`) is left out. */
function wordprocessingText(xml: string): string {
  const pieces: string[] = [];
  for (const match of xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<\/w:p>|<w:(tab|br|cr)\b[^>]*\/>/g)) {
    if (match[1] !== undefined) pieces.push(decodeXmlEntities(match[1]));
    else if (match[2] === 'tab') pieces.push('\t');
    else pieces.push('\n');
  }
  return pieces.join('');
}

/** Texts of every `<tag>` element, with a line break after each `</lineTag>`. */
function elementTexts(xml: string, tag: string, lineTag: string): string {
  const pattern = new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>|</${lineTag}>`, 'g');
  const pieces: string[] = [];
  for (const match of xml.matchAll(pattern)) {
    pieces.push(match[1] === undefined ? '\n' : decodeXmlEntities(match[1]));
  }
  return pieces.join('');
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (entity, body: string) => {
    if (body.startsWith('#')) {
      const codePoint = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : '';
    }
    return NAMED_ENTITIES[body] ?? entity;
  });
}

async function pdfText(stream: NodeJS.ReadableStream, signal: AbortSignal): Promise<string> {
  const bytes = await readAll(stream, signal, MAX_PDF_BYTES);
  if (!bytes) return '';
  const pdf = await getDocumentProxy(bytes, { verbosity: 0 });
  const stop = () => void pdf.destroy();
  signal.addEventListener('abort', stop, { once: true });
  try {
    const { text } = await extractPdfText(pdf, { mergePages: false });
    return text.join('\n');
  } finally {
    signal.removeEventListener('abort', stop);
    await pdf.destroy();
  }
}

/** The whole stream, or null when it turns out longer than `limit` (the stated size may be wrong). */
async function readAll(stream: NodeJS.ReadableStream, signal: AbortSignal, limit: number): Promise<Uint8Array | null> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    if (signal.aborted) throw new Error('extraction timed out');
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += buffer.length;
    if (total > limit) return null;
    chunks.push(buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** One line per paragraph, runs of spaces and tabs as one space, no blank lines. */
function normaliseWhitespace(text: string): string {
  return text
    .split(/[\r\n\u2028\u2029\v\f]+/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  // Never end on half a surrogate pair.
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}
