import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../actor.ts';
import { directionOf, isLocale, type Locale, negotiateLocale, type Translate, translator } from '../i18n/index.ts';

export const SESSION_COOKIE = 'convene_session';
const LANG_COOKIE = 'convene_lang';
export const CSRF_COOKIE = 'convene_csrf';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
    t: Translate;
    csrfToken: string;
    /** A bearer token left for the handler to check inside its own statement (routes with `authenticatesItself`). */
    bearerToken: string | null;
  }
  interface FastifyContextConfig {
    /**
     * The handler checks the bearer token itself, inside the statement that does the work (one round trip
     * on the busiest write); it must call `completeAuthentication` before using `req.actor` otherwise.
     */
    authenticatesItself?: boolean;
    /** The handler reads a multipart body with `readUpload`, which checks the form's CSRF field. */
    multipart?: boolean;
    /** Nobody is identified (no session or token look-up): probes and static files, which must not need the database. */
    anonymous?: boolean;
  }
}

/** What every page needs to render: who is reading, in which language, and the form token. */
export interface ViewContext {
  actor: Actor | null;
  locale: Locale;
  dir: 'ltr' | 'rtl';
  t: Translate;
  csrf: string;
  /** Path and query of the current page, for the language switcher and "next" links. */
  path: string;
}

export function viewContext(req: FastifyRequest): ViewContext {
  return {
    actor: req.actor,
    locale: req.locale,
    dir: directionOf(req.locale),
    t: req.t,
    csrf: req.csrfToken,
    // Links back to this page (language switch, login) repeat its address: not when it is huge.
    path: req.url.length <= 2000 ? req.url : req.url.split('?')[0]!.slice(0, 2000),
  };
}

/** ?lang= (remembered in a cookie) → the cookie → the account's choice → Accept-Language → English. */
export function resolveLocale(req: FastifyRequest, reply: FastifyReply, secure: boolean): Locale {
  const query = (req.query as Record<string, unknown> | undefined)?.lang;
  if (isLocale(query)) {
    if (req.cookies[LANG_COOKIE] !== query) {
      reply.setCookie(LANG_COOKIE, query, { path: '/', sameSite: 'lax', secure, maxAge: 365 * 86_400 });
    }
    return query;
  }
  return preferredLocale(req);
}

/** The reader's language without remembering anything: `?lang=`, the cookie, the account, Accept-Language. */
export function preferredLocale(req: FastifyRequest): Locale {
  const query = (req.query as Record<string, unknown> | undefined)?.lang;
  if (isLocale(query)) return query;
  const cookie = req.cookies[LANG_COOKIE];
  if (isLocale(cookie)) return cookie;
  if (isLocale(req.actor?.preferredLanguage)) return req.actor.preferredLanguage;
  return negotiateLocale(req.headers['accept-language']) ?? 'en';
}

export function setLocale(req: FastifyRequest, locale: Locale): void {
  req.locale = locale;
  req.t = translator(locale);
}
