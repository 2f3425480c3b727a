import type { AppContext } from '../../platform/context.ts';
import { ValidationError } from '../../platform/errors.ts';
import { discardQuietly } from '../../platform/files/references.ts';
import type { DocumentKind } from '../../platform/files/sniff.ts';
import { safeDownloadName, sniffDocument } from '../../platform/files/sniff.ts';
import type { StoredFile } from '../../platform/files/store.ts';

/** A file already in the store, its kind checked against its content. */
export interface IncomingFile {
  hash: string;
  size: number;
  filename: string;
  kind: DocumentKind;
  mediaType: string;
}

/** Checks a stored upload: an allowed extension and content that is what the extension says. */
export async function acceptFile(ctx: AppContext, stored: (StoredFile & { filename: string }) | null): Promise<IncomingFile> {
  if (!stored) throw new ValidationError([{ field: 'file', message: 'error.fileRequired' }]);
  // The name as kept, for every way in (form, API, mail): no path, controls or bidi overrides, NFC, at
  // most 150 characters — and it is this name whose extension must match the content.
  const filename = safeDownloadName(stored.filename.normalize('NFC'), '');
  const sniffed = await sniffDocument(filename, stored.size, (start, length) => ctx.files.read(stored.hash, start, length));
  if (!sniffed.ok) {
    throw new ValidationError([
      { field: 'file', message: sniffed.reason === 'extension-not-allowed' ? 'error.fileType' : 'error.fileContentMismatch' },
    ]);
  }
  return { hash: stored.hash, size: stored.size, filename, kind: sniffed.kind, mediaType: sniffed.mediaType };
}

/**
 * Runs `use` on a file just stored. If it throws — a refusal (401, 403, 422, a deadline) or a failure
 * (a 500) alike — the file is given back (removed unless something names it) before the error goes on,
 * so no refused or failed request leaves bytes behind. Every path that stores a file goes through here.
 */
export async function usingStoredFile<T>(ctx: AppContext, file: { hash: string } | null | undefined, use: () => Promise<T>): Promise<T> {
  try {
    return await use();
  } catch (error) {
    if (file) await discardQuietly(ctx, file.hash);
    throw error;
  }
}

/** A revision row's file columns. */
export const revisionFile = (file: IncomingFile) => ({
  fileHash: file.hash,
  fileSize: file.size,
  mediaType: file.mediaType,
  filename: file.filename,
});
