import type { Logger } from 'pino';

/**
 * Telling "the database is not there" (restarting, shut down, unreachable, out of connections) from
 * every other database error: the first is answered 503 with Retry-After and goes away by itself, the
 * second is a bug or bad data.
 */

/** SQLSTATEs of a connection that is gone or cannot be had: class 08, admin/crash shutdown, starting up, too many connections. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** Socket errors of a server that went away or cannot be reached. */
const UNAVAILABLE_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
]);
/** node-postgres and pg-pool say it in words only. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /is not queryable/,
  /^Cannot use a pool after calling end on the pool/,
];

interface DatabaseFault {
  /** SQLSTATE or socket error code, when there is one. */
  code: string | undefined;
  /** The driver's own words, without the statement or its parameters. */
  message: string;
}

const FROM_DATABASE = Symbol('convene: raised by the database driver');

/**
 * Marks an error as the database driver's (the pool tags every connect and query failure), so that a
 * socket error from elsewhere — an HTTP client, object storage — is never taken for a database outage.
 */
export function tagDatabaseError<E>(error: E): E {
  if (error && typeof error === 'object' && !Object.isFrozen(error)) {
    Object.defineProperty(error, FROM_DATABASE, { value: true, enumerable: false });
  }
  return error;
}

/** The errors an error wraps (drizzle's `cause`, an AggregateError's `errors`), itself first; bounded. */
function* chain(error: unknown): Generator<{ code?: unknown; message?: unknown }> {
  const queue: unknown[] = [error];
  for (let seen = 0; queue.length > 0 && seen < 12; seen++) {
    const e = queue.shift();
    if (!e || typeof e !== 'object') continue;
    yield e as { code?: unknown; message?: unknown };
    const { cause, errors } = e as { cause?: unknown; errors?: unknown };
    if (cause) queue.push(cause);
    if (Array.isArray(errors)) queue.push(...errors.slice(0, 4));
  }
}

/** What made the database unavailable, or undefined when the error is of another kind. */
export function databaseFault(error: unknown): DatabaseFault | undefined {
  // Socket errors count only when the driver raised them; SQLSTATEs and the driver's own words are its alone.
  const fromDatabase = [...chain(error)].some((e) => FROM_DATABASE in e);
  for (const e of chain(error)) {
    const code = typeof e.code === 'string' ? e.code : undefined;
    const message = typeof e.message === 'string' ? e.message : '';
    const byCode =
      code !== undefined &&
      (/^08[0-9A-Z]{3}$/.test(code) || UNAVAILABLE_STATES.has(code) || (fromDatabase && UNAVAILABLE_ERRNOS.has(code)));
    if (byCode || UNAVAILABLE_MESSAGES.some((m) => m.test(message))) return { code, message: message.split('\n')[0]! };
  }
  return undefined;
}

/**
 * Logs a failed background round or item. A database outage is logged at debug level with its code and
 * words only: the pool logs the outage itself once, and a statement's parameters may hold personal data.
 * Anything else is logged as the error, at `level`.
 */
export function logFailure(
  log: Pick<Logger, 'debug' | 'warn' | 'error'>,
  level: 'warn' | 'error',
  fields: Record<string, unknown>,
  error: unknown,
  message: string,
): void {
  const fault = databaseFault(error);
  if (fault) log.debug({ ...fields, database: fault }, message);
  else log[level]({ ...fields, err: error }, message);
}
