/**
 * What a request log line says of the request: secrets that are the whole credential of a link (list
 * confirmation and unsubscribe, personal calendar feeds) never reach the logs.
 */
export function requestForLog(req: { method: string; url: string; hostname?: string; ip?: string }) {
  return { method: req.method, url: redactSecretPaths(req.url), host: req.hostname, remoteAddress: req.ip };
}

export const redactSecretPaths = (url: string) =>
  url
    .replace(/(\/lists\/(?:confirm|unsubscribe)\/)[^/?#\s>]+/g, '$1[secret]')
    .replace(/(\/calendar\/)[^/?#\s>]+?(\.ics)?(?=$|[?#\s>])/g, '$1[secret]$2')
    .replace(/(\/account\/(?:verify|reset)\?token=)[^&#\s>]+/g, '$1[secret]');
