import type { FastifyReply } from 'fastify';
import { contentDisposition, safeDownloadName } from '../files/sniff.ts';

/**
 * Files with personal data (letters, exports): always a download, never rendered or sniffed by the
 * browser, never cached.
 */
export function sendPrivateFile(reply: FastifyReply, body: Buffer | string, contentType: string, filename: string) {
  return reply
    .type(contentType)
    .header('Content-Disposition', contentDisposition(safeDownloadName(filename, 'download')))
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', "default-src 'none'; sandbox")
    .header('Cache-Control', 'private, no-store')
    .send(body);
}

/**
 * A stored document streamed as an attachment: never rendered or sniffed by the browser (uploads are
 * other people's files), cached only when anyone may read it.
 */
export function sendStoredFile(
  reply: FastifyReply,
  body: NodeJS.ReadableStream,
  file: { filename: string; mediaType: string; size?: number; publicCache?: boolean; inline?: boolean },
) {
  const disposition = contentDisposition(safeDownloadName(file.filename, 'download'));
  reply
    .type(file.mediaType)
    // `inline` only for files convene generated itself (a published circular), never for uploads.
    .header('Content-Disposition', file.inline ? disposition.replace(/^attachment/, 'inline') : disposition)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', "default-src 'none'; sandbox")
    .header('Cache-Control', file.publicCache ? 'public, max-age=300' : 'private, no-store');
  if (file.size !== undefined) reply.header('Content-Length', String(file.size));
  return reply.send(body);
}
