import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../errors.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { FormState } from '../ui/forms.tsx';
import { formFieldOf } from './form-data.ts';
import { InputError } from './input.ts';

/** Statuses whose cause the user can fix in the form they just sent. */
const FIXABLE = new Set([400, 401, 409, 422, 429]);

/** Turns a fixable domain error into the form state to show again; anything else propagates. */
export function formFailure(error: unknown, values: Record<string, unknown>): { form: FormState; status: number } {
  if (error instanceof DomainError && FIXABLE.has(error.status)) {
    const errors = error.fieldErrors.length
      ? error.fieldErrors.map((e) => ({ ...e, field: formFieldOf(e.field) }))
      : [{ field: '_form', message: error.messageKey, params: error.params }];
    const { _csrf, password, ...kept } = values;
    return { form: { values: kept, errors }, status: error.status };
  }
  throw error;
}

/**
 * The fields of a submitted page form, normalised by the input rule. Throws a 422 naming the fields the
 * rule refused (control characters, invalid text): call it inside the `try` whose `catch` shows the form
 * again with `formFailure(error, sentValues(req))`.
 */
export function formBody(req: FastifyRequest): Record<string, unknown> {
  if (req.rejectedInput) throw new InputError(req.rejectedInput);
  return sentValues(req);
}

/** The fields as sent, to fill a form in again (refused characters shown as U+FFFD); never throws. */
export function sentValues(req: FastifyRequest): Record<string, unknown> {
  const body = req.body;
  return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
}

/** Notices shown once after a redirect (?notice=…); only known keys are accepted. */
const notices = {
  saved: 'notice.saved',
  created: 'notice.created',
  deleted: 'notice.deleted',
  verified: 'notice.verified',
  verificationSent: 'notice.verificationSent',
  loggedOut: 'notice.loggedOut',
  cancelled: 'notice.cancelled',
  accountDeleted: 'notice.accountDeleted',
  // issue 10: accounts
  loginExpired: 'notice.loginExpired',
  twoFactorOff: 'notice.twoFactorOff',
} as const satisfies Record<string, MessageKey>;

export function noticeFrom(req: FastifyRequest): string | undefined {
  const key = (req.query as Record<string, unknown> | undefined)?.notice;
  return typeof key === 'string' && key in notices ? req.t(notices[key as keyof typeof notices]) : undefined;
}

export function redirectWithNotice(reply: FastifyReply, path: string, notice: keyof typeof notices) {
  return reply.redirect(`${path}${path.includes('?') ? '&' : '?'}notice=${notice}`, 303);
}
