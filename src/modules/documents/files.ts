import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { ValidationError } from '../../platform/errors.ts';
import { sniffDocument } from '../../platform/files/sniff.ts';
import type { StoredFile } from '../../platform/files/store.ts';
import { groups } from '../groups/schema.ts';
import { documentRevisions, inboundSubmissions } from './schema.ts';
import type { IncomingFile } from './service.ts';

/**
 * Checks a stored upload: an allowed extension and content that is what the extension says. A refused
 * file is removed again (unless the same content is already a document), so nothing is kept.
 */
export async function acceptFile(ctx: AppContext, stored: (StoredFile & { filename: string }) | null): Promise<IncomingFile> {
  if (!stored) throw new ValidationError([{ field: 'file', message: 'error.fileRequired' }]);
  const sniffed = await sniffDocument(stored.filename, stored.size, (start, length) => ctx.files.read(stored.hash, start, length));
  if (!sniffed.ok) {
    await discardIfUnreferenced(ctx, stored.hash);
    throw new ValidationError([{ field: 'file', message: sniffed.reason === 'extension-not-allowed' ? 'error.fileType' : 'error.fileContentMismatch' }]);
  }
  return { hash: stored.hash, size: stored.size, filename: stored.filename, kind: sniffed.kind, mediaType: sniffed.mediaType };
}

/** Removes a stored file no document, submission still waiting for the secretariat or template uses. */
export async function discardIfUnreferenced(ctx: AppContext, hash: string): Promise<void> {
  const [[used], [pending], [template]] = await Promise.all([
    ctx.db.select({ id: documentRevisions.id }).from(documentRevisions).where(eq(documentRevisions.fileHash, hash)).limit(1),
    ctx.db
      .select({ id: inboundSubmissions.id })
      .from(inboundSubmissions)
      .where(and(eq(inboundSubmissions.fileHash, hash), inArray(inboundSubmissions.status, ['pending', 'accepting'])))
      .limit(1),
    ctx.db.select({ id: groups.id }).from(groups).where(eq(groups.templateFileHash, hash)).limit(1),
  ]);
  if (!used && !pending && !template) await ctx.files.remove(hash);
}
