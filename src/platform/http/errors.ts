import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { databaseFault } from '../db/faults.ts';
import { DomainError, type FieldError, TryAgainError } from '../errors.ts';
import { FileNotFoundError } from '../files/store.ts';
import type { MessageKey } from '../i18n/index.ts';
import { errorMessageKey } from '../i18n/message-key.ts';
import { ErrorPage } from '../ui/error-page.tsx';
import { sendPage } from '../ui/render.ts';
import { problemTypeUri } from './problem-types.ts';
import { viewContext } from './request-context.ts';

export const isApiRequest = (req: FastifyRequest) => req.url === '/api' || req.url.startsWith('/api/');

interface Problem {
  status: number;
  type: string;
  messageKey: MessageKey;
  params?: Record<string, string | number>;
  fieldErrors?: FieldError[];
  retryAfterSeconds?: number;
}

/** Seconds a client is asked to wait when the database is away (a restart takes a few). */
const RETRY_AFTER_SECONDS = 5;

/** The database is unreachable (restarting, shut down, out of connections): try again shortly. */
export class DatabaseUnavailableError extends TryAgainError {
  constructor() {
    super('database-unavailable', 'error.databaseUnavailable', RETRY_AFTER_SECONDS);
  }
}

/** This process is stopping (SIGTERM): readiness fails so that traffic goes elsewhere. */
export class ShuttingDownError extends TryAgainError {
  constructor() {
    super('shutting-down', 'error.shuttingDown', RETRY_AFTER_SECONDS);
  }
}

function classify(error: FastifyError | Error): Problem {
  if (databaseFault(error)) error = new DatabaseUnavailableError();
  if (error instanceof DomainError) {
    const retryAfterSeconds = error instanceof TryAgainError ? error.retryAfterSeconds : undefined;
    return {
      status: error.status,
      type: error.type,
      messageKey: error.messageKey,
      params: error.params,
      fieldErrors: error.fieldErrors,
      retryAfterSeconds,
    };
  }
  // A row names a file the store does not have (lost or removed outside convene): a fault of ours, said plainly.
  if (error instanceof FileNotFoundError) return { status: 500, type: 'stored-file-missing', messageKey: 'error.fileMissing' };
  if (hasZodFastifySchemaValidationErrors(error)) {
    return {
      status: 422,
      type: 'invalid-field',
      messageKey: 'error.validation',
      fieldErrors: error.validation.map((v) => ({
        field: `${String(error.validationContext ?? '')}${v.instancePath.replace(/\//g, '.')}`.replace(/^body\./, ''),
        message: errorMessageKey(v.message),
      })),
    };
  }
  const status = (error as FastifyError).statusCode;
  if (status === 413) return { status, type: 'too-large', messageKey: 'error.tooLarge' };
  // An upload route sent anything but multipart/form-data: the multipart plugin says 406, but it is the body's type.
  if (status === 415 || (error as FastifyError).code === 'FST_INVALID_MULTIPART_CONTENT_TYPE')
    return { status: 415, type: 'unsupported-media-type', messageKey: 'error.badRequest' };
  if (status && status >= 400 && status < 500) return { status, type: 'bad-request', messageKey: 'error.badRequest' };
  return { status: 500, type: 'internal', messageKey: 'error.internal' };
}

/**
 * RFC 9457 problem details on /api (or when `asProblem`), a localized page elsewhere; never a stack trace.
 * A database outage is a 503 with Retry-After, logged by the pool once per outage rather than per request,
 * and without the statement or its parameters.
 */
export function sendError(error: FastifyError | Error, req: FastifyRequest, reply: FastifyReply, baseUrl: string, asProblem = false) {
  const problem = classify(error);
  if (problem.retryAfterSeconds !== undefined) reply.header('Retry-After', String(problem.retryAfterSeconds));
  if (problem.type === 'database-unavailable') {
    req.log.debug({ database: databaseFault(error) }, 'database unavailable');
  } else if (problem.status >= 500) {
    req.log.error({ err: error }, 'request failed');
  }
  const t = req.t;
  if (asProblem || isApiRequest(req)) {
    return reply
      .code(problem.status)
      .type('application/problem+json')
      .send({
        type: problemTypeUri(baseUrl, problem.type),
        code: problem.type,
        title: t(problem.messageKey, problem.params),
        status: problem.status,
        instance: req.url.split('?')[0],
        ...(problem.fieldErrors?.length
          ? { errors: problem.fieldErrors.map((e) => ({ field: e.field, message: t(e.message, e.params) })) }
          : {}),
      });
  }
  const details = problem.fieldErrors?.map((e) => ({ field: e.field, message: t(e.message, e.params) }));
  return sendPage(
    reply,
    ErrorPage({ ctx: viewContext(req), status: problem.status, message: t(problem.messageKey, problem.params), details }),
    problem.status,
  );
}
