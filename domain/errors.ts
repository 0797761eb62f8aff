/**
 * Errors the domain raises. Each carries the contract's stable `code`; the HTTP layer maps the
 * class (not the message) to a status in one place (functions/shared/http/errors.ts), so a use case
 * never thinks about HTTP and a client never sees internal wording it could come to depend on.
 */
export interface FieldProblem {
  path: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly kind: 'validation' | 'forbidden' | 'not-found' | 'conflict' | 'gone';
  constructor(
    readonly code: string,
    message: string,
    readonly details: FieldProblem[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** 400 VALIDATION_FAILED: the request is malformed; `details` names each bad field. */
export class ValidationError extends DomainError {
  readonly kind = 'validation';
  constructor(message: string, details: FieldProblem[] = []) {
    super('VALIDATION_FAILED', message, details);
  }
}

/** 403: the caller is known but may not do this (FORBIDDEN or a specific code like EMAIL_MISMATCH). */
export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';
  constructor(code = 'FORBIDDEN', message = 'You are not allowed to do this.') {
    super(code, message);
  }
}

/** 404: unknown id, or another tenant's id (which must look exactly like an unknown one). */
export class NotFoundError extends DomainError {
  readonly kind = 'not-found';
  constructor(what: string) {
    super('NOT_FOUND', `${what} was not found.`);
  }
}

/** What a lookup found, or 404 naming what was looked for: `orNotFound(await store.team(org, id), 'Team')`. */
export function orNotFound<T>(item: T | null | undefined, what: string): T {
  if (item === null || item === undefined) throw new NotFoundError(what);
  return item;
}

/** 409: the request is valid but the current state forbids it (INSUFFICIENT_BALANCE, …). */
export class ConflictError extends DomainError {
  readonly kind = 'conflict';
}

/** 410: the thing existed but is no longer usable (CODE_REVOKED, LINK_EXPIRED, …). */
export class GoneError extends DomainError {
  readonly kind = 'gone';
}
