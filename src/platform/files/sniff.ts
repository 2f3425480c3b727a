export const documentExtensions = ['docx', 'pdf', 'pptx', 'xlsx', 'zip'] as const;
export type DocumentKind = (typeof documentExtensions)[number];

export const mediaTypes: Record<DocumentKind, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
};

type SniffResult =
  | { ok: true; kind: DocumentKind; mediaType: string }
  | { ok: false; reason: 'extension-not-allowed' | 'content-mismatch' };

type ReadBytes = (start: number, length: number) => Promise<Buffer>;

const pdfMagic = Buffer.from('%PDF-', 'latin1');
const zipLocalHeader = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const zipEmptyArchive = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

function extensionOf(filename: string): string {
  const base = filename.split(/[/\\]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot < 0 ? '' : base.slice(dot + 1).toLowerCase();
}

function isDocumentKind(extension: string): extension is DocumentKind {
  return (documentExtensions as readonly string[]).includes(extension);
}

type ZipDirectory = { offset: number; size: number };

const endOfDirectorySignature = 0x06054b50;
const endOfDirectoryLength = 22;
const zip64LocatorSignature = 0x07064b50;
const zip64LocatorLength = 20;
const zip64EndSignature = 0x06064b50;
const directoryEntrySignature = 0x02014b50;
const directoryEntryLength = 46;
const directoryChunkLength = 64 * 1024;

/** Finds the central directory through the End Of Central Directory record (and its zip64 twin). */
async function findDirectory(size: number, read: ReadBytes): Promise<ZipDirectory | null> {
  const tailLength = Math.min(size, 0xffff + endOfDirectoryLength);
  const tailStart = size - tailLength;
  const tail = await read(tailStart, tailLength);
  const at = endRecordPosition(tail);
  if (at < 0) return null;
  const directory = { size: tail.readUInt32LE(at + 12), offset: tail.readUInt32LE(at + 16) };
  const needsZip64 = tail.readUInt16LE(at + 10) === 0xffff || directory.size === 0xffffffff || directory.offset === 0xffffffff;
  if (needsZip64) {
    const zip64Directory = await findZip64Directory(tail, at - zip64LocatorLength, size, read);
    // Without a zip64 record the 0xffff… values may be real (an archive of exactly 65,535 entries).
    if (zip64Directory) return zip64Directory;
  }
  return directory.offset + directory.size <= tailStart + at ? directory : null;
}

/**
 * Where the end record starts in `tail`, or -1. The record whose comment ends exactly at the end of
 * the file wins, so a look-alike inside the comment can't pass for it; failing that, the last one that
 * fits (some writers leave bytes after the archive).
 */
function endRecordPosition(tail: Buffer): number {
  let fallback = -1;
  for (let at = tail.length - endOfDirectoryLength; at >= 0; at--) {
    if (tail.readUInt32LE(at) !== endOfDirectorySignature) continue;
    const end = at + endOfDirectoryLength + tail.readUInt16LE(at + 20);
    if (end === tail.length) return at;
    if (end < tail.length && fallback < 0) fallback = at;
  }
  return fallback;
}

async function findZip64Directory(tail: Buffer, locatorAt: number, size: number, read: ReadBytes): Promise<ZipDirectory | null> {
  if (locatorAt < 0 || tail.readUInt32LE(locatorAt) !== zip64LocatorSignature) return null;
  const recordOffset = Number(tail.readBigUInt64LE(locatorAt + 8));
  if (recordOffset + 56 > size) return null;
  const record = await read(recordOffset, 56);
  if (record.length < 56 || record.readUInt32LE(0) !== zip64EndSignature) return null;
  const directory = { size: Number(record.readBigUInt64LE(40)), offset: Number(record.readBigUInt64LE(48)) };
  return directory.offset + directory.size <= recordOffset ? directory : null;
}

/** The entry names of the central directory, read a chunk at a time. */
async function* entryNames(directory: ZipDirectory, read: ReadBytes): AsyncGenerator<string> {
  const end = directory.offset + directory.size;
  let position = directory.offset;
  let pending = Buffer.alloc(0);
  const fill = async (needed: number) => {
    while (pending.length < needed && position < end) {
      const chunk = await read(position, Math.min(directoryChunkLength, end - position));
      if (chunk.length === 0) break;
      position += chunk.length;
      pending = Buffer.concat([pending, chunk]);
    }
    return pending.length >= needed;
  };
  while ((await fill(directoryEntryLength)) && pending.readUInt32LE(0) === directoryEntrySignature) {
    const nameLength = pending.readUInt16LE(28);
    const entryLength = directoryEntryLength + nameLength + pending.readUInt16LE(30) + pending.readUInt16LE(32);
    if (!(await fill(entryLength))) return;
    yield pending.toString('utf8', directoryEntryLength, directoryEntryLength + nameLength);
    pending = pending.subarray(entryLength);
  }
}

const ooxmlFolders: [string, DocumentKind][] = [
  ['word/', 'docx'],
  ['ppt/', 'pptx'],
  ['xl/', 'xlsx'],
];

/**
 * Tells an OOXML document from a plain zip by its entries. An archive whose directory can't be read is
 * still treated as a plain zip: it starts like one, but nothing proves it is a document.
 */
async function zipKind(size: number, read: ReadBytes): Promise<DocumentKind> {
  const directory = await findDirectory(size, read);
  if (!directory) return 'zip';
  let hasContentTypes = false;
  let documentKind: DocumentKind | null = null;
  for await (const rawName of entryNames(directory, read)) {
    // OPC part names are case-insensitive.
    const name = rawName.toLowerCase();
    if (name === '[content_types].xml') hasContentTypes = true;
    documentKind ??= ooxmlFolders.find(([folder]) => name.startsWith(folder) && name.length > folder.length)?.[1] ?? null;
    if (hasContentTypes && documentKind) return documentKind;
  }
  return 'zip';
}

async function detectKind(size: number, read: ReadBytes): Promise<DocumentKind | null> {
  const magic = await read(0, Math.min(size, 8));
  if (magic.subarray(0, pdfMagic.length).equals(pdfMagic)) return 'pdf';
  const signature = magic.subarray(0, 4);
  if (signature.equals(zipLocalHeader) || signature.equals(zipEmptyArchive)) return zipKind(size, read);
  return null;
}

/**
 * Decides from the content what a file is and whether its name's extension says the same. Reads only
 * the start, the tail and the zip central directory, never the whole file.
 */
export async function sniffDocument(filename: string, size: number, read: ReadBytes): Promise<SniffResult> {
  const extension = extensionOf(filename);
  if (!isDocumentKind(extension)) return { ok: false, reason: 'extension-not-allowed' };
  const detected = size > 0 ? await detectKind(size, read) : null;
  // Every OOXML file is also a valid zip, so a .zip name fits it.
  const fits = detected === extension || (extension === 'zip' && detected !== null && detected !== 'pdf');
  if (!fits) return { ok: false, reason: 'content-mismatch' };
  return { ok: true, kind: extension, mediaType: mediaTypes[extension] };
}

const maxNameLength = 150;
// Longer "extensions" are more likely part of the name than a file type worth keeping.
const maxKeptExtensionLength = 16;
// Control characters, plus the bidi controls that can disguise an extension ("report\u202Efdp.exe"):
// marks (LRM, RLM, ALM), embeddings and overrides (LRE…RLO), isolates (LRI…PDI).
const unsafeCharacters = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/**
 * A stored file name as shown on a page or in the API: without control characters and bidi controls,
 * so "report\u202Excod.pdf" cannot pass for "reportfdp.docx". (Names are cleaned at upload already;
 * this covers names stored before.) Pages also isolate it (`<bdi>`) from the text around it.
 */
export const displayFileName = (name: string) => name.replace(unsafeCharacters, '');

/** A file name safe to offer as a download: no path, no control characters, at most 150 characters. */
export function safeDownloadName(name: string, fallback: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .replace(unsafeCharacters, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (cleaned === '') return fallback;
  const characters = Array.from(cleaned);
  if (characters.length <= maxNameLength) return cleaned;
  const dot = characters.lastIndexOf('.');
  const extension = dot > 0 && characters.length - dot <= maxKeptExtensionLength + 1 ? characters.slice(dot) : [];
  const stem = characters
    .slice(0, maxNameLength - extension.length)
    .join('')
    .trimEnd();
  return stem + extension.join('');
}

// RFC 5987 attr-char: everything else is percent-encoded.
const attrChar = /^[A-Za-z0-9!#$&+\-.^_`|~]$/;

function encodeRfc5987(value: string): string {
  // Through a Buffer so lone surrogates become U+FFFD instead of throwing like encodeURIComponent.
  let encoded = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const character = String.fromCharCode(byte);
    encoded += byte < 0x80 && attrChar.test(character) ? character : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

/** A Content-Disposition header value for downloading `name`, with an ASCII fallback for old clients. */
export function contentDisposition(name: string): string {
  const ascii = Array.from(name, (character) => {
    const code = character.codePointAt(0)!;
    return code < 0x20 || code > 0x7e ? '_' : character;
  })
    .join('')
    .replace(/["\\]/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}
