import type { FastifyReply } from 'fastify';

/**
 * Files with personal data (letters, exports): always a download, never rendered or sniffed by the
 * browser, never cached.
 */
export function sendPrivateFile(reply: FastifyReply, body: Buffer | string, contentType: string, filename: string) {
  const ascii = filename.replace(/[^\w.-]/g, '_');
  return reply
    .type(contentType)
    .header('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', "default-src 'none'; sandbox")
    .header('Cache-Control', 'private, no-store')
    .send(body);
}
