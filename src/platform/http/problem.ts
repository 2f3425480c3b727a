import type { RouteOptions } from 'fastify';
import { z } from 'zod';

/**
 * The body of every API error (RFC 9457 problem details, sent as application/problem+json; see
 * `sendError`), for routes to declare their error responses so /api/docs tells the truth.
 */
export const Problem = z
  .object({
    type: z.string(),
    code: z.string().describe('stable: clients match on it'),
    title: z.string().describe("localized, in the request's language"),
    status: z.number(),
    instance: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .describe('Problem details (application/problem+json)');

/** `{ 401: Problem, 409: Problem, … }` for a route's `response` schema. */
export function problems<S extends number>(...statuses: S[]): Record<S, typeof Problem> {
  return Object.fromEntries(statuses.map((s) => [s, Problem])) as Record<S, typeof Problem>;
}

interface RouteSchema {
  hide?: boolean;
  security?: unknown;
  params?: unknown;
  body?: unknown;
  querystring?: unknown;
  response?: Record<string | number, unknown>;
}

/**
 * The errors every API route can answer, declared on each so /api/docs tells the truth without each route
 * repeating them: 400 (an address or body the input rule refuses), 503 (the database away), 401 where a
 * route needs someone signed in, 404 and 414 (a parameter too long) where the address names something, 422
 * where there is input to check, 413 where a body is taken (over 1 MB). What only some routes answer (403,
 * 409, 429) they declare themselves.
 */
export function declareCommonProblems(route: RouteOptions): void {
  const schema = route.schema as RouteSchema | undefined;
  if (!schema || schema.hide || !route.url.startsWith('/api/')) return;
  const statuses = [400, 503];
  if (schema.security) statuses.push(401);
  if (route.url.includes(':')) statuses.push(404, 414);
  if (schema.body || schema.querystring || schema.params) statuses.push(422);
  if (schema.body) statuses.push(413);
  const declared = schema.response ?? {};
  // Without a success schema the document would list errors only: keep the default answer beside them.
  const success = Object.keys(declared).some((status) => /^2/.test(status)) ? {} : { 200: z.unknown().describe('Default Response') };
  schema.response = { ...success, ...problems(...statuses), ...declared };
}

/** Error responses are sent as application/problem+json (RFC 9457): the API document says so. */
export function problemMediaTypes(document: Record<string, unknown>): Record<string, unknown> {
  const paths = (document.paths ?? {}) as Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>
  >;
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const json = response.content?.['application/json'];
        if (Number(status) >= 400 && json) response.content = { 'application/problem+json': json };
      }
    }
  }
  return document;
}
