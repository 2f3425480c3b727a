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

/**
 * Pages that only lead on to another (logging in, signing up, a mailed link's page, used once): a `next`
 * naming one is taken for its own `next`.
 */
const gateways = new Set(['/login', '/login/two-factor', '/signup', '/account/verify', '/account/reset']);

/**
 * Where to land after logging in or signing up: `next` as `safeNext` takes it, with a login or sign-up page
 * in it replaced by where that page would lead (`/login?next=/login?next=/x` is `/x`), so no chain of
 * nested `next` is ever built.
 */
export function landingPath(next: unknown, fallback = '/'): string {
  let target = safeNext(next, fallback);
  for (let depth = 0; depth < 8; depth++) {
    const url = new URL(target, 'http://local');
    if (!gateways.has(url.pathname)) return target;
    target = safeNext(url.searchParams.get('next') ?? undefined, fallback);
  }
  return fallback;
}

/** A link to the login or sign-up form (`gateway`) that comes back to `next` (the current page, say) afterwards. */
export const withNext = (gateway: string, next: string) => `${gateway}?next=${encodeURIComponent(landingPath(next))}`;
