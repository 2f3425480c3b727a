/**
 * A `next` target is accepted only as a local path: "/x", never "//host", "/\host" or a scheme,
 * so a crafted link cannot send a user elsewhere after login.
 */
export function safeNext(next: unknown, fallback = '/'): string {
  if (typeof next !== 'string' || next.length > 2000) return fallback;
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  if ([...next].some((ch) => ch === '\\' || ch.charCodeAt(0) < 0x20)) return fallback;
  return next;
}
