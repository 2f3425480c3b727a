import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomToken, safeEqual } from '../crypto.ts';
import { DomainError } from '../errors.ts';
import { CSRF_COOKIE, SESSION_COOKIE } from './request-context.ts';

class CsrfError extends DomainError {
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

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * No CSRF token required: only for a POST whose address carries its own secret, made without any
     * session, and harmless to replay — RFC 8058 one-click unsubscribe, which mail clients send with
     * neither cookies nor form token.
     */
    csrfExempt?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether this request must carry the token: unsafe, and authenticated by cookie rather than bearer token. */
export function csrfRequired(req: FastifyRequest): boolean {
  if (SAFE_METHODS.has(req.method)) return false;
  if (req.headers.authorization?.startsWith('Bearer ')) return false;
  return req.cookies[SESSION_COOKIE] !== undefined || !req.url.startsWith('/api/');
}

export function checkCsrfValue(req: FastifyRequest, sent: unknown): void {
  const value = typeof sent === 'string' ? sent : req.headers['x-csrf-token'];
  const expected = req.cookies[CSRF_COOKIE];
  if (typeof value !== 'string' || !expected || !safeEqual(value, expected)) throw new CsrfError();
}

/**
 * Unsafe requests authenticated by cookie must carry the token. Multipart bodies are read by the
 * handler, which checks the `_csrf` field before it stores any file (`readUpload`); only routes that
 * declare `multipart` may defer the check — anywhere else a multipart request needs the header.
 */
export function checkCsrf(req: FastifyRequest): void {
  if (!csrfRequired(req) || req.routeOptions.config?.csrfExempt) return;
  if (req.isMultipart() && req.routeOptions.config?.multipart) return;
  const body = req.body as Record<string, unknown> | undefined;
  checkCsrfValue(req, typeof body?._csrf === 'string' ? body._csrf : undefined);
}
