/**
 * What logs may say. A request line names the method and the path — never the query string, which
 * carries search terms, addresses and tokens — with link secrets (list confirmation and unsubscribe,
 * personal calendar feeds) replaced. An error is logged by its type, codes, a message stripped of the
 * values it quotes, and its stack frames: never the query parameters, bodies or rows that database
 * and mail errors carry (`params`, `detail`, `where`, …).
 */
export function requestForLog(req: { method: string; url: string; hostname?: string; ip?: string }) {
  return { method: req.method, url: redactSecretPaths(pathOf(req.url)), host: req.hostname, remoteAddress: req.ip };
}

const pathOf = (url: string) => {
  const q = url.search(/[?#]/);
  return q < 0 ? url : url.slice(0, q);
};

export const redactSecretPaths = (url: string) =>
  url
    .replace(/(\/lists\/(?:confirm|unsubscribe)\/)[^/?#\s>]+/g, '$1[secret]')
    .replace(/(\/calendar\/)[^/?#\s>]+?(\.ics)?(?=$|[?#\s>])/g, '$1[secret]$2')
    .replace(/(\/account\/(?:verify|reset)\?token=)[^&#\s>]+/g, '$1[secret]');

const MAX_MESSAGE = 500;
const MAX_FRAMES = 15;

/**
 * An error message without the values it may quote: Drizzle's "Failed query: … params: …" keeps its
 * SQL (values are placeholders there) and loses its parameters; elsewhere quoted text, e-mail
 * addresses, password hashes and PostgreSQL's "Key (email)=(…)" are replaced.
 */
export function redactMessage(message: string): string {
  const failed = /^Failed query: ([\s\S]*?)(?:\nparams:[\s\S]*)?$/.exec(message);
  if (failed) return `Failed query: ${failed[1]!.slice(0, MAX_MESSAGE)}`;
  return message
    .split(/\n\s*params:/)[0]!
    .replace(/\$argon2[\w$=,+/.-]*/g, '[hash]')
    .replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '[email]')
    .replace(/=\([^)]*\)/g, '=(…)')
    .replace(/"[^"]*"|“[^”]*”|«[^»]*»|'[^']*'/g, '"…"')
    .slice(0, MAX_MESSAGE);
}

/** Properties of errors that name things, not data: kept. Everything else an error carries is dropped. */
const NAMING_PROPERTIES = ['constraint', 'table', 'column', 'schema', 'dataType', 'routine', 'severity', 'errno', 'syscall'] as const;

/** pino's `err` serializer: a redacted summary of an error and its causes. */
export function errorForLog(err: unknown, depth = 0): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err, message: redactMessage(String(err)) };
  const e = err as Error & Record<string, unknown>;
  const out: Record<string, unknown> = { type: e.constructor?.name || e.name || 'Error', message: redactMessage(String(e.message ?? '')) };
  if (typeof e.code === 'string' || typeof e.code === 'number') out.code = e.code;
  if (typeof e.statusCode === 'number') out.statusCode = e.statusCode;
  if (typeof e.status === 'number') out.status = e.status;
  for (const key of NAMING_PROPERTIES) if (typeof e[key] === 'string' || typeof e[key] === 'number') out[key] = e[key];
  if (typeof e.stack === 'string') {
    out.stack = e.stack
      .split('\n')
      .filter((line) => /^\s+at /.test(line))
      .slice(0, MAX_FRAMES)
      .map((line) => line.trim());
  }
  if (e.cause !== undefined && depth < 3) out.cause = errorForLog(e.cause, depth + 1);
  if (Array.isArray(e.errors) && depth < 3) out.errors = e.errors.slice(0, 5).map((inner) => errorForLog(inner, depth + 1));
  return out;
}
