import type { FastifyInstance, HTTPMethods, RouteOptions } from 'fastify';
import type { Action } from '../policy.ts';

/**
 * Whom a policy lets through, in the terms of a meeting's people:
 * - `signed-in` — anyone signed in, on their own things;
 * - `participants` — anyone signed in but the secretariat;
 * - `secretariat` — the secretariat alone;
 * - `officers` — the group's officers in office, and the secretariat;
 * - `owner` — the person the thing is about (their registration, their letter), and the secretariat; hidden (404) from others;
 * - `self` — the person the thing is about alone (their API token); hidden from everyone else, the secretariat too;
 * - `owner-or-officers` — its submitter, the group's officers and the secretariat;
 * - `attendees` — the meeting's registered participants, the group's officers and the secretariat;
 * - `focal-points` — the focal points of organizations (for their own people), and the secretariat;
 * - `readers` — whom the thing's own visibility setting lets in (the policy decides with that setting).
 */
export type Audience =
  | 'signed-in'
  | 'participants'
  | 'secretariat'
  | 'officers'
  | 'owner'
  | 'self'
  | 'owner-or-officers'
  | 'attendees'
  | 'focal-points'
  | 'readers';

/**
 * What a route declares about who may use it. The check itself is the service's (`authorize`, `may`); the
 * declaration is what test/authorization-matrix.test.ts holds every route to, for every kind of person.
 */
export type AccessRule =
  /** Anyone, signed in or not: public pages, sign-up and login, probes. */
  | { readonly kind: 'public' }
  /** Anyone signed in, acting on their own account and things. */
  | { readonly kind: 'signed-in' }
  /** A secret in the address or the form decides (mailed links, calendar feeds, the metrics token), not who is signed in. */
  | { readonly kind: 'secret' }
  // biome-ignore lint/suspicious/noExplicitAny: a route names the action, whatever its subject
  | { readonly kind: 'policy'; readonly action: Action<any>; readonly who: Audience };

export const anyone: AccessRule = { kind: 'public' };
export const anyoneSignedIn: AccessRule = { kind: 'signed-in' };
export const bySecret: AccessRule = { kind: 'secret' };
export const byPolicy = <S>(action: Action<S>, who: Audience): AccessRule => ({ kind: 'policy', action, who });

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may use the route (see AccessRule); every route declares it. */
    access?: AccessRule;
  }
  interface FastifyInstance {
    /** Every route as registered, with what it declares: for the authorization matrix. */
    readonly routeList: ListedRoute[];
  }
}

export interface ListedRoute {
  method: HTTPMethods;
  /** As registered: later onRoute hooks may still have added to its `config`. */
  options: RouteOptions;
}

/** Keeps the list of routes (`app.routeList`); call before any route is added. */
export function listRoutes(app: FastifyInstance): void {
  const list: ListedRoute[] = [];
  app.decorate('routeList', list);
  app.addHook('onRoute', (options: RouteOptions) => {
    for (const method of Array.isArray(options.method) ? options.method : [options.method]) list.push({ method, options });
  });
}

/** For a plugin's routes, which cannot declare access themselves (the API's documentation pages): give them `rule`. */
export function accessOfPluginRoutes(rule: AccessRule) {
  return (route: RouteOptions) => {
    if (!route.config?.access) route.config = { ...route.config, access: rule };
  };
}
