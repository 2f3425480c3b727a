import type { FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError } from '../errors.ts';
import { type Action, may } from '../policy.ts';

/**
 * A page the actor may not see: nobody signed in goes to the login form and back (false: the reply is sent),
 * anyone else gets the 403 page. For a form post, back is the page the form was on.
 */
export function allowPage<S>(req: FastifyRequest, reply: FastifyReply, action: Action<S>, subject: S): boolean {
  if (may(req.actor, action, subject)) return true;
  if (req.actor) throw new ForbiddenError();
  const back = req.method === 'GET' ? req.url : (req.headers.referer && new URL(req.headers.referer, 'http://local').pathname) || '/';
  reply.redirect(`/login?next=${encodeURIComponent(back)}`, 303);
  return false;
}
