import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError, type FieldError } from '../errors.ts';
import { cleanInput, type InputProblem, parseUrlEncoded } from '../input.ts';
import { textProblemMessages } from '../validation.ts';
import { isApiRequest } from './errors.ts';

/**
 * The input rule (platform/input.ts) applied where every request passes, before any handler or
 * schema sees the request: the address (path parameters and query) in `onRequest`, parsed bodies
 * (JSON, forms) in `preValidation`; multipart fields in `readUpload`. Strings are normalised in place.
 */

declare module 'fastify' {
  interface FastifyRequest {
    /** Fields of a page form the input rule refused; `formBody` throws them so the form is shown again. */
    rejectedInput: FieldError[] | null;
  }
}

/** A path parameter or query value that breaks the rule: 400, naming the parameter. */
class BadParameterError extends DomainError {
  constructor(fieldErrors: FieldError[] = []) {
    super('invalid-parameter', 400, 'error.badAddress', {}, fieldErrors);
  }
}

/** A body that is not well-formed (malformed escapes, bytes that are not UTF-8): 400. */
class MalformedBodyError extends DomainError {
  constructor() {
    super('malformed-body', 400, 'error.malformedBody');
  }
}

/** Body fields that break the rule: 422, like any invalid field. */
export class InputError extends DomainError {
  constructor(fieldErrors: FieldError[]) {
    super('invalid-field', 422, 'error.validation', {}, fieldErrors);
  }
}

export const fieldErrorsOf = (problems: InputProblem[]): FieldError[] =>
  problems.map((p) => ({ field: p.field, message: textProblemMessages[p.problem] }));

/** Query values and path parameters: one line, no controls, bounded. */
const ADDRESS_RULE = { lines: false, max: 2000 };
/** Body strings: lines allowed here (single-line fields refuse them in their schema); 100,000 at most. */
export const BODY_RULE = { lines: true, max: 100_000 };

function checkAddress(req: FastifyRequest): void {
  const q = req.url.indexOf('?');
  if (q >= 0 && parseUrlEncoded(req.url.slice(q + 1)) === null) throw new BadParameterError();
  for (const part of ['params', 'query'] as const) {
    const value = req[part];
    if (!value || typeof value !== 'object') continue;
    const cleaned = cleanInput(value, ADDRESS_RULE);
    // A repeated query name ("?q=a&q=b") is one parameter: name it, not its index.
    if (cleaned.problems.length)
      throw new BadParameterError(fieldErrorsOf(cleaned.problems.map((p) => ({ ...p, field: p.field.split('.')[0]! }))));
    (req as { [k in typeof part]: unknown })[part] = cleaned.value;
  }
  // A page reads its query values as strings; only a route whose schema says so takes a name twice.
  if (!req.routeOptions.schema?.querystring) {
    const repeated = Object.entries(req.query as Record<string, unknown>).filter(([, v]) => Array.isArray(v));
    if (repeated.length) throw new BadParameterError(repeated.map(([field]) => ({ field, message: 'error.repeatedParameter' })));
  }
}

const isFormBody = (req: FastifyRequest) =>
  (req.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');

function checkBody(req: FastifyRequest): void {
  if (req.body === undefined || req.body === null) return;
  const cleaned = cleanInput(req.body, BODY_RULE);
  if (!cleaned.problems.length) {
    req.body = cleaned.value;
    return;
  }
  if (isApiRequest(req) || !isFormBody(req)) throw new InputError(fieldErrorsOf(cleaned.problems));
  // A page form: its handler shows the form again with the refused fields marked (see formBody).
  const byField = new Map(cleaned.problems.map((p) => [p.field.split('.')[0]!, p]));
  req.rejectedInput = fieldErrorsOf([...byField.values()].map((p) => ({ ...p, field: p.field.split('.')[0]! })));
  req.body = cleaned.display;
}

/** Strict parsers for JSON and form bodies (no silent U+FFFD), and the hooks that apply the rule. */
export function installInputRule(app: FastifyInstance): void {
  app.decorateRequest('rejectedInput', null);
  const { onProtoPoisoning = 'error', onConstructorPoisoning = 'error' } = app.initialConfig;
  const json = app.getDefaultJsonParser(onProtoPoisoning, onConstructorPoisoning);
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(new MalformedBodyError(), undefined);
      return;
    }
    json(req, text, done);
  });
  app.addHook('onRequest', async (req) => checkAddress(req));
  app.addHook('preValidation', async (req) => checkBody(req));
}

/** For @fastify/formbody: the body's fields, or a 400 when they are not well-formed. */
export function parseFormBody(raw: string): Record<string, string | string[]> {
  const fields = parseUrlEncoded(raw);
  if (!fields) throw new MalformedBodyError();
  return fields;
}
