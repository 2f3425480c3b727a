import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { preferredLocale, resolveLocale, SESSION_COOKIE, setLocale } from '../../platform/http/request-context.ts';
import { actorFromApiToken } from './api-tokens.ts';
import { actorFromSession } from './login.ts';

/**
 * Who is asking (API token or session cookie), and in which language to answer. `?lang=` changes the language
 * of the page and of the browsing after it (a cookie), never the account's: that is chosen in the account
 * settings or with the language switcher (its own form, see pages.ts).
 */
export async function authenticate(ctx: AppContext, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  // Until the account is known: an error meanwhile (the database away, say) is still told in the reader's language.
  setLocale(req, preferredLocale(req));
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) {
    const token = auth.slice(7).trim();
    if (req.routeOptions.config?.authenticatesItself) req.bearerToken = token;
    else req.actor = await actorFromApiToken(ctx, token);
  } else {
    const session = req.cookies[SESSION_COOKIE];
    if (session) req.actor = await actorFromSession(ctx, session);
  }
  setLocale(req, resolveLocale(req, reply, ctx.config.secureCookies));
}

/** For a handler that authenticates itself and needs the actor after all (its fast path did not apply). */
export async function completeAuthentication(ctx: AppContext, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (req.bearerToken === null) return;
  req.actor = await actorFromApiToken(ctx, req.bearerToken);
  req.bearerToken = null;
  setLocale(req, resolveLocale(req, reply, ctx.config.secureCookies));
}
