import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, type FieldError } from '../errors.ts';
import type { MessageKey } from '../i18n/index.ts';
import { ErrorPage } from '../ui/error-page.tsx';
import { sendPage } from '../ui/render.ts';
import { viewContext } from './request-context.ts';

export const isApiRequest = (req: FastifyRequest) => req.url === '/api' || req.url.startsWith('/api/');

interface Problem {
  status: number;
  type: string;
  messageKey: MessageKey;
  params?: Record<string, string | number>;
  fieldErrors?: FieldError[];
}

function classify(error: FastifyError | Error): Problem {
  if (error instanceof DomainError) {
    return { status: error.status, type: error.type, messageKey: error.messageKey, params: error.params, fieldErrors: error.fieldErrors };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    return {
      status: 422,
      type: 'invalid-field',
      messageKey: 'error.validation',
      fieldErrors: error.validation.map((v) => ({
        field: `${String(error.validationContext ?? '')}${v.instancePath.replace(/\//g, '.')}`.replace(/^body\./, ''),
        message: (String(v.message).startsWith('error.') ? v.message : 'error.invalid') as MessageKey,
      })),
    };
  }
  const status = (error as FastifyError).statusCode;
  if (status === 413) return { status, type: 'too-large', messageKey: 'error.tooLarge' };
  if (status === 415) return { status, type: 'unsupported-media-type', messageKey: 'error.badRequest' };
  if (status && status >= 400 && status < 500) return { status, type: 'bad-request', messageKey: 'error.badRequest' };
  return { status: 500, type: 'internal', messageKey: 'error.internal' };
}

/** RFC 9457 problem details on /api, a localized page elsewhere; never a stack trace. */
export function sendError(error: FastifyError | Error, req: FastifyRequest, reply: FastifyReply, baseUrl: string) {
  const problem = classify(error);
  if (problem.status >= 500) req.log.error({ err: error }, 'request failed');
  const t = req.t;
  if (isApiRequest(req)) {
    return reply
      .code(problem.status)
      .type('application/problem+json')
      .send({
        type: `${baseUrl}/problems/${problem.type}`,
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
  return sendPage(reply, ErrorPage({ ctx: viewContext(req), status: problem.status, message: t(problem.messageKey, problem.params), details }), problem.status);
}
