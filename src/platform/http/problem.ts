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
