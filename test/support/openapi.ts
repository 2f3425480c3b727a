import type { FastifyInstance } from 'fastify';

/**
 * The OpenAPI document as the tests read it, and the check that an answer is one it declares: the
 * status among the operation's responses, the media type the one it gives for that status (none for a
 * 204), and — where the body is at hand — the body valid against the declared schema.
 */
export interface JsonSchema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
}
export interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
}
export interface ApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export const apiDocument = (app: FastifyInstance) => (app as unknown as { swagger(): ApiDocument }).swagger();

/** The operation a route serves: ":id" in the route is "{id}" in the document; HEAD is served by GET. */
export function operationOf(doc: ApiDocument, method: string, routeUrl: string): Operation | undefined {
  const path = routeUrl.replace(/:(\w+)/g, '{$1}');
  return doc.paths[path]?.[(method === 'HEAD' ? 'GET' : method).toLowerCase()];
}

/** Where a schema breaks for `value` ('' when it holds), following `$ref`s into the document's components. */
export function schemaErrors(doc: ApiDocument, schema: JsonSchema | undefined, value: unknown, at = '$'): string[] {
  if (!schema) return [];
  if (schema.$ref) return schemaErrors(doc, doc.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')], value, at);
  if (value === null) return schema.nullable || schema.enum?.includes(null) || !schemaHasType(schema) ? [] : [`${at}: null`];
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives && !alternatives.some((s) => schemaErrors(doc, s, value, at).length === 0)) return [`${at}: matches no alternative`];
  const errors = (schema.allOf ?? []).flatMap((s) => schemaErrors(doc, s, value, at));
  if (schema.enum && !schema.enum.includes(value))
    errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  const type = schema.type;
  const actual = Array.isArray(value) ? 'array' : typeof value;
  if (type === 'integer' ? !Number.isInteger(value) : type === 'number' ? actual !== 'number' : type && type !== actual) {
    return [...errors, `${at}: ${actual} where the document says ${type}`];
  }
  if (schema.format === 'uri' && typeof value === 'string' && !URL.canParse(value)) errors.push(`${at}: not a URI`);
  if (typeof value === 'number' && schema.minimum !== undefined && value < schema.minimum) errors.push(`${at}: below ${schema.minimum}`);
  if (typeof value === 'number' && schema.maximum !== undefined && value > schema.maximum) errors.push(`${at}: above ${schema.maximum}`);
  if (Array.isArray(value)) errors.push(...value.flatMap((v, i) => schemaErrors(doc, schema.items, v, `${at}[${i}]`)));
  else if (actual === 'object') {
    const object = value as Record<string, unknown>;
    for (const name of schema.required ?? []) if (!(name in object)) errors.push(`${at}.${name}: missing`);
    for (const [name, v] of Object.entries(object)) {
      const property = schema.properties?.[name];
      if (property) errors.push(...schemaErrors(doc, property, v, `${at}.${name}`));
      else if (schema.additionalProperties === false) errors.push(`${at}.${name}: not in the document`);
      else if (typeof schema.additionalProperties === 'object')
        errors.push(...schemaErrors(doc, schema.additionalProperties, v, `${at}.${name}`));
    }
  }
  return errors;
}
const schemaHasType = (s: JsonSchema) => Boolean(s.type || s.properties || s.enum);

export interface Answer {
  method: string;
  routeUrl: string;
  status: number;
  contentType: string;
  /** The body, when the check should validate it too. */
  body?: string;
}

/** What is wrong with an answer against the document: [] when the document declares it. */
export function undeclared(doc: ApiDocument, answer: Answer): string[] {
  const label = `${answer.method} ${answer.routeUrl} → ${answer.status}`;
  const op = operationOf(doc, answer.method, answer.routeUrl);
  if (!op) return [`${label}: no such operation in the document`];
  const response = op.responses?.[String(answer.status)];
  if (!response) return [`${label}: status not declared (declared: ${Object.keys(op.responses ?? {}).join(', ')})`];
  const mediaType = answer.contentType.split(';')[0]!.trim().toLowerCase();
  const declared = Object.keys(response.content ?? {});
  if (!declared.length) {
    const empty = mediaType === '' && (answer.body === undefined || answer.body === '');
    return empty ? [] : [`${label}: declared without content, answered ${mediaType || 'a body'}`];
  }
  if (!declared.includes(mediaType)) return [`${label}: answered ${mediaType || 'no media type'}, declared ${declared.join(', ')}`];
  if (answer.body === undefined || answer.method === 'HEAD' || !mediaType.endsWith('json')) return [];
  return schemaErrors(doc, response.content![mediaType]!.schema, JSON.parse(answer.body)).map((e) => `${label}: ${e}`);
}

/**
 * Records every answer of a documented API route (status and media type), for `check` to hold them
 * against the document: the harness does, so an undocumented answer in any test that uses it fails.
 * Call before `app.ready()`.
 */
export function recordApiAnswers(app: FastifyInstance) {
  const answers: Answer[] = [];
  app.addHook('onSend', async (req, reply, payload) => {
    const routeUrl = req.routeOptions.url;
    if (!routeUrl?.startsWith('/api/') || routeUrl.startsWith('/api/docs') || req.routeOptions.schema?.hide) return payload;
    const contentType = reply.getHeader('content-type');
    // Problems are checked against the Problem schema too (a code the document does not list fails).
    const body = reply.statusCode >= 400 && typeof payload === 'string' ? payload : undefined;
    answers.push({
      method: req.method,
      routeUrl,
      status: reply.statusCode,
      contentType: typeof contentType === 'string' ? contentType : '',
      body,
    });
    return payload;
  });
  return {
    answers,
    check(): string[] {
      if (!answers.length) return [];
      const doc = apiDocument(app);
      return [...new Set(answers.flatMap((a) => undeclared(doc, a)))];
    },
  };
}
