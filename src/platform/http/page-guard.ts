import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../actor.ts';
import { ForbiddenError, UnauthenticatedError } from '../errors.ts';
import { type Action, may } from '../policy.ts';

/** Where to come back to after logging in: the page itself, or for a form post the page the form was on. */
const backOf = (req: FastifyRequest) =>
  req.method === 'GET' ? req.url : (req.headers.referer && new URL(req.headers.referer, 'http://local').pathname) || '/';

function toLogin(reply: FastifyReply, back: string): void {
  reply.redirect(`/login?next=${encodeURIComponent(back)}`, 303);
}

/**
 * A page for someone signed in: the actor, or undefined once nobody signed in was sent to the login form and
 * back (`next` overrides where back is).
 */
export function signedIn(req: FastifyRequest, reply: FastifyReply, next?: string): Actor | undefined {
  if (req.actor) return req.actor;
  toLogin(reply, next ?? backOf(req));
  return undefined;
}

/** An API operation for someone signed in: the actor, or 401. */
export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new UnauthenticatedError();
  return req.actor;
}

/**
 * A page the actor may not see: nobody signed in goes to the login form and back (false: the reply is sent),
 * anyone else gets the 403 page. For a form post, back is the page the form was on.
 */
export function allowPage<S>(req: FastifyRequest, reply: FastifyReply, action: Action<S>, subject: S): boolean {
  if (may(req.actor, action, subject)) return true;
  if (req.actor) throw new ForbiddenError();
  toLogin(reply, backOf(req));
  return false;
}
