/**
 * A `next` target is accepted only as a local path: "/x", never "//host", "/\host" or a scheme,
 * so a crafted link cannot send a user elsewhere after login. It becomes a Location header, which is
 * ASCII: other characters are percent-encoded as UTF-8 (as a browser does), escapes already there kept.
 */
export function safeNext(next: unknown, fallback = '/'): string {
  if (typeof next !== 'string' || next.length > 2000) return fallback;
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  if ([...next].some((ch) => ch === '\\' || ch.charCodeAt(0) < 0x20 || (ch.charCodeAt(0) >= 0x7f && ch.charCodeAt(0) <= 0x9f)))
    return fallback;
  return asciiLocation(next) ?? fallback;
}

/** The URL with every character outside visible ASCII percent-encoded; null if it is not valid text. */
function asciiLocation(url: string): string | null {
  try {
    return url.replace(/[^\x21-\x7e]+/g, (run) => encodeURIComponent(run));
  } catch {
    return null; // a lone surrogate
  }
}
