import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { ValidationError } from '../../platform/errors.ts';
import { safeDownloadName, sniffDocument } from '../../platform/files/sniff.ts';
import type { StoredFile } from '../../platform/files/store.ts';
import { outbox } from '../../platform/mail/schema.ts';
import { circulars } from '../circulars/schema.ts';
import { groups } from '../groups/schema.ts';
import { documentRevisions, inboundSubmissions } from './schema.ts';
import type { IncomingFile } from './service.ts';

/**
 * Checks a stored upload: an allowed extension and content that is what the extension says. A refused
 * file is removed again (unless the same content is already a document), so nothing is kept.
 */
export async function acceptFile(ctx: AppContext, stored: (StoredFile & { filename: string }) | null): Promise<IncomingFile> {
  if (!stored) throw new ValidationError([{ field: 'file', message: 'error.fileRequired' }]);
  // The name as kept, for every way in (form, API, mail): no path, controls or bidi overrides, NFC, at
  // most 150 characters — and it is this name whose extension must match the content.
  const filename = safeDownloadName(stored.filename.normalize('NFC'), '');
  const sniffed = await sniffDocument(filename, stored.size, (start, length) => ctx.files.read(stored.hash, start, length));
  if (!sniffed.ok) {
    await discardIfUnreferenced(ctx, stored.hash);
    throw new ValidationError([{ field: 'file', message: sniffed.reason === 'extension-not-allowed' ? 'error.fileType' : 'error.fileContentMismatch' }]);
  }
  return { hash: stored.hash, size: stored.size, filename, kind: sniffed.kind, mediaType: sniffed.mediaType };
}

/**
 * Removes a stored file nothing uses: no document, submission still waiting for the secretariat, template,
 * issued circular's PDF or mail attachment. The store is content-addressed, so an upload may be byte for
 * byte a file something else holds (a downloaded circular submitted back, say).
 */
export async function discardIfUnreferenced(ctx: AppContext, hash: string): Promise<void> {
  const [[used], [pending], [template], [circular], [attached]] = await Promise.all([
    ctx.db.select({ id: documentRevisions.id }).from(documentRevisions).where(eq(documentRevisions.fileHash, hash)).limit(1),
    ctx.db
      .select({ id: inboundSubmissions.id })
      .from(inboundSubmissions)
      .where(and(eq(inboundSubmissions.fileHash, hash), inArray(inboundSubmissions.status, ['pending', 'accepting'])))
      .limit(1),
    ctx.db.select({ id: groups.id }).from(groups).where(eq(groups.templateFileHash, hash)).limit(1),
    ctx.db.select({ id: circulars.id }).from(circulars).where(sql`EXISTS (SELECT 1 FROM jsonb_each_text(${circulars.pdfFiles}) AS f(locale, file) WHERE f.file = ${hash})`).limit(1),
    ctx.db.select({ id: outbox.id }).from(outbox).where(sql`${outbox.attachments} @> jsonb_build_array(jsonb_build_object('file', ${hash}::text))`).limit(1),
  ]);
  if (!used && !pending && !template && !circular && !attached) await ctx.files.remove(hash);
}
