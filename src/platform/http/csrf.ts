import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomToken, safeEqual } from '../crypto.ts';
import { DomainError } from '../errors.ts';
import { CSRF_COOKIE, SESSION_COOKIE } from './request-context.ts';

export class CsrfError extends DomainError {
  constructor() {
    super('csrf', 403, 'error.csrf');
  }
}

/**
 * Double-submit token: a random value in an HttpOnly cookie, repeated in every form (hidden field
 * `_csrf`) or in the X-CSRF-Token header. A cross-site page can make the browser send the cookie but
 * cannot read it to fill in the field.
 */
export function ensureCsrfToken(req: FastifyRequest, reply: FastifyReply, secure: boolean): string {
  const existing = req.cookies[CSRF_COOKIE];
  if (existing && /^[\w-]{43}$/.test(existing)) return existing;
  const token = randomToken();
  reply.setCookie(CSRF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  return token;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Unsafe requests authenticated by cookie must carry the token; bearer-token API calls need none. */
export function checkCsrf(req: FastifyRequest): void {
  if (SAFE_METHODS.has(req.method)) return;
  const bearer = req.headers.authorization?.startsWith('Bearer ');
  if (bearer) return;
  const cookieBound = req.cookies[SESSION_COOKIE] !== undefined || !req.url.startsWith('/api/');
  if (!cookieBound) return;
  const body = req.body as Record<string, unknown> | undefined;
  const sent = (typeof body?._csrf === 'string' ? body._csrf : undefined) ?? req.headers['x-csrf-token'];
  const expected = req.cookies[CSRF_COOKIE];
  if (typeof sent !== 'string' || !expected || !safeEqual(sent, expected)) throw new CsrfError();
}
