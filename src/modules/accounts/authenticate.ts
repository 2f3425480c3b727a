import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { preferredLocale, resolveLocale, SESSION_COOKIE, setLocale } from '../../platform/http/request-context.ts';
import { actorFromApiToken } from './api-tokens.ts';
import { actorFromSession } from './login.ts';
import { setPreferredLanguage } from './own-profile.ts';

/** Who is asking (API token or session cookie), and in which language to answer. */
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
  // An explicit switch is remembered on the account too, so mails follow the person's language.
  const asked = (req.query as Record<string, unknown> | undefined)?.lang;
  if (req.actor && asked === req.locale && req.actor.preferredLanguage !== req.locale) {
    await setPreferredLanguage(ctx, req.actor, req.locale);
  }
}

/** For a handler that authenticates itself and needs the actor after all (its fast path did not apply). */
export async function completeAuthentication(ctx: AppContext, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (req.bearerToken === null) return;
  req.actor = await actorFromApiToken(ctx, req.bearerToken);
  req.bearerToken = null;
  setLocale(req, resolveLocale(req, reply, ctx.config.secureCookies));
}
