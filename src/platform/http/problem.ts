import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemCodes } from './problem-types.ts';

/**
 * The body of every API error (RFC 9457 problem details, sent as application/problem+json; see
 * `sendError`), for routes to declare their error responses so /api/docs tells the truth.
 */
export const Problem = z
  .object({
    type: z.string().describe('The address of a page that explains this kind of problem (GET it, in a browser or with curl)'),
    code: z.string().describe('stable: clients match on it'),
    title: z.string().describe("localized, in the request's language"),
    status: z.number(),
    instance: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .describe('Problem details (application/problem+json)');

/**
 * `Problem` as the document states it (components.schemas.Problem): the same fields, `code` one of the
 * known types. The routes serialize with the looser `Problem`, so an error never fails on its own schema.
 */
const DocumentedProblem = Problem.extend({
  type: z
    .url()
    .describe('The address of a page that explains this kind of problem: BASE_URL/problems/{code} (HTML, or plain text for curl)'),
  code: z.enum(problemCodes).describe('The kind of problem, stable: clients match on it'),
  title: z.string().describe("What happened, in the request's language (?lang=, Accept-Language)"),
  status: z.number().int().min(400).max(599).describe('The HTTP status again'),
  instance: z.string().describe('The path that was asked for (without the query)'),
  errors: z
    .array(
      z.object({
        field: z.string().describe('The field, dotted for a nested one (venue.city, contacts.0.email); a parameter by its name'),
        message: z.string().describe("What is wrong with it, in the request's language"),
      }),
    )
    .optional()
    .describe('The fields to correct (422 invalid-field, and a few others)'),
});

/** `{ 401: Problem, 409: Problem, … }` for a route's `response` schema. */
export function problems<S extends number>(...statuses: S[]): Record<S, typeof Problem> {
  return Object.fromEntries(statuses.map((s) => [s, Problem])) as Record<S, typeof Problem>;
}

declare module 'fastify' {
  interface FastifySchema {
    /**
     * The fields of a multipart/form-data body that the handler reads itself (`readUpload`): documented as
     * the operation's request body, never validated by the framework.
     */
    multipartBody?: z.ZodType;
  }
}

interface RouteSchema {
  hide?: boolean;
  security?: Record<string, unknown>[];
  params?: unknown;
  body?: unknown;
  multipartBody?: unknown;
  querystring?: unknown;
  headers?: unknown;
  response?: Record<string | number, unknown>;
}

/** Security that demands a token: no `{}` alternative (an optional token is `[{}, { bearer: [] }]`). */
const requiresToken = (security: RouteSchema['security']) =>
  Boolean(security?.length) && !security!.some((s) => Object.keys(s).length === 0);

/** Methods whose body the framework reads: a body of another media type is 415, one over 1 MB 413. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The errors every API route can answer, declared on each so /api/docs tells the truth without each route
 * repeating them: 400 (an address or body the input rule refuses), 500 (a fault of ours) and 503 (the
 * database away); 401 where a route needs a token; 404 and 414 (a parameter too long) where the address
 * names something; 422 where there is input to check; 403 (a browser session without its CSRF token), 413
 * (over 1 MB) and 415 (a media type not taken) where the method carries a body. What only some routes
 * answer (403 otherwise, 409, 410, 429) they declare themselves.
 */
export function declareCommonProblems(route: RouteOptions): void {
  const schema = route.schema as RouteSchema | undefined;
  if (!schema || schema.hide || !route.url.startsWith('/api/')) return;
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const statuses = [400, 500, 503];
  if (requiresToken(schema.security)) statuses.push(401);
  if (route.url.includes(':')) statuses.push(404, 414);
  if (schema.body || schema.multipartBody || schema.querystring || schema.params || schema.headers) statuses.push(422);
  if (methods.some((m) => BODY_METHODS.has(m))) statuses.push(403, 413, 415);
  const declared = schema.response ?? {};
  // Without a success schema the document would list errors only: keep the default answer beside them.
  const success = Object.keys(declared).some((status) => /^2/.test(status)) ? {} : { 200: z.unknown().describe('Default Response') };
  schema.response = { ...success, ...problems(...statuses), ...declared };
}

/**
 * A 204 goes out bare: no body and no media type (a route's `z.null()` schema would otherwise label the
 * empty answer application/json). An onSend hook of the root instance, so every route has it.
 */
export async function bareNoContent(_req: FastifyRequest, reply: FastifyReply, payload: unknown) {
  if (reply.statusCode !== 204) return payload;
  reply.removeHeader('content-type');
  return null;
}

type SwaggerTransformInput = Parameters<typeof jsonSchemaTransform>[0];

/** @fastify/swagger's per-route transform: zod → JSON Schema, a `multipartBody` as a multipart/form-data request body. */
export function apiSchemaTransform(input: SwaggerTransformInput) {
  const schema = input.schema as (RouteSchema & Record<string, unknown>) | undefined;
  if (!schema?.multipartBody) return jsonSchemaTransform(input);
  const { multipartBody, ...rest } = schema;
  return jsonSchemaTransform({
    ...input,
    schema: { ...rest, body: multipartBody, consumes: ['multipart/form-data'] },
  } as SwaggerTransformInput);
}

const statusDescriptions: Record<string, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No content',
  400: 'Bad request: an address, parameter or body that cannot be read as sent (bad-request, invalid-parameter, malformed-body …)',
  401: 'Not authenticated: no valid API token (unauthenticated), or a wrong password or code where one is asked for',
  403: 'Not allowed (forbidden …); with a browser session instead of a token, a change without its X-CSRF-Token header (csrf)',
  404: 'Not found, or not visible to the caller (not-found)',
  409: 'In conflict with the current state (the code says which: a deadline passed, a duplicate, a decision taken …)',
  410: 'Gone for good',
  413: 'Too large: a JSON body over 1 MB (too-large), a file over 50 MB (file-too-large)',
  414: 'A path parameter too long (bad-request)',
  415: 'A body of a media type the operation does not take (unsupported-media-type)',
  422: 'Invalid input: `errors` names each field to correct (invalid-field …)',
  429: 'Too many attempts or requests: `title` says how many minutes to wait',
  500: 'A fault of ours, logged (internal, stored-file-missing)',
  503: 'A passing condition (database-unavailable, upload-retry …): send the same request again after Retry-After seconds',
};

interface Operation {
  operationId?: string;
  security?: unknown[];
  responses?: Record<string, { description?: string; content?: Record<string, unknown>; headers?: Record<string, unknown> }>;
}

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };

/**
 * The finished document (@fastify/swagger's `transformObject`): the shared Problem schema, every error
 * response as application/problem+json referring to it, 204 without content, an explicit `security` on
 * every operation (`[]` for the public ones) and each status described.
 */
export function finishApiDocument(document: Record<string, unknown>): Record<string, unknown> {
  const components = (document.components ?? {}) as Record<string, Record<string, unknown>>;
  const { $schema: _, ...problemSchema } = z.toJSONSchema(DocumentedProblem, { target: 'openapi-3.0', io: 'output' }) as Record<
    string,
    unknown
  >;
  document.components = { ...components, schemas: { ...components.schemas, Problem: problemSchema } };
  const paths = (document.paths ?? {}) as Record<string, Record<string, Operation>>;
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) {
      operation.security ??= [];
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const code = Number(status);
        if (!response.description || response.description === 'Default Response')
          response.description = statusDescriptions[status] ?? 'Answer';
        if (code === 204 || code === 304) {
          delete response.content;
          continue;
        }
        if (code < 400) continue;
        response.description = statusDescriptions[status] ?? 'Problem details';
        response.content = { 'application/problem+json': { schema: PROBLEM_REF } };
        if (code === 503) {
          response.headers = {
            'Retry-After': {
              description: 'Seconds to wait before sending the same request again',
              schema: { type: 'integer', minimum: 1 },
            },
          };
        }
      }
    }
  }
  return document;
}

/**
 * `schema` as the framework validates it, documented as `documented`: for a body the service checks itself
 * (with its own messages, once it knows who asks), so the document still gives every field and its type.
 */
export function documentedAs<S extends z.ZodType>(schema: S, documented: z.ZodType): S {
  const { $schema: _, ...json } = z.toJSONSchema(documented, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return schema.meta(json) as S;
}

/**
 * A string the document lists the values of (`values`, the service's own list), for a field the framework
 * takes or gives as any string: the service checks what comes in, and what goes out is what it stored.
 */
export const documentedEnum = (values: readonly string[]) => z.string().meta({ enum: [...values] });
