import type { MessageKey, Params } from './i18n/index.ts';

/** A field-level problem: the field's name and a message key with its parameters. */
export interface FieldError {
  field: string;
  message: MessageKey;
  params?: Params;
}

/**
 * Errors services return for rule violations. `type` is stable (clients match on it); the message
 * key is translated at the edge, in the reader's language.
 */
export class DomainError extends Error {
  constructor(
    readonly type: string,
    readonly status: number,
    readonly messageKey: MessageKey,
    readonly params: Params = {},
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(type);
  }
}

export class NotFoundError extends DomainError {
  constructor() {
    super('not-found', 404, 'error.notFound');
  }
}

export class UnauthenticatedError extends DomainError {
  constructor() {
    super('unauthenticated', 401, 'error.unauthenticated');
  }
}

export class ForbiddenError extends DomainError {
  constructor() {
    super('forbidden', 403, 'error.forbidden');
  }
}

export class ValidationError extends DomainError {
  constructor(fieldErrors: FieldError[]) {
    super('invalid-field', 422, 'error.validation', {}, fieldErrors);
  }
}

export class ConflictError extends DomainError {
  constructor(type: string, messageKey: MessageKey, params: Params = {}, fieldErrors: FieldError[] = []) {
    super(type, 409, messageKey, params, fieldErrors);
  }
}

/** A passing condition (503): the client is told, with Retry-After, to send the same request again shortly. */
export class TryAgainError extends DomainError {
  constructor(
    type: string,
    messageKey: MessageKey,
    readonly retryAfterSeconds: number,
  ) {
    super(type, 503, messageKey);
  }
}
