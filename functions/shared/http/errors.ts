import { DomainError } from '../../../domain/errors.ts';
import { logger } from '../logger.ts';
import { errorResult, internalErrorMessage, type HttpResult } from './responses.ts';

/** HTTP-level failures found before a use case runs (bad JSON, wrong media type, too large, …). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

const statusByKind: Record<DomainError['kind'], number> = {
  validation: 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  gone: 410,
};

/**
 * THE mapping from thrown errors to answers. Domain and HTTP errors keep their code and message;
 * anything else is logged in full and answered with the generic 500, so no stack trace, SDK text or
 * internal name ever reaches a client.
 */
export function errorToResult(error: unknown, requestId: string): HttpResult {
  if (error instanceof DomainError) {
    return errorResult(statusByKind[error.kind], error.code, error.message, requestId, error.details);
  }
  if (error instanceof HttpError) {
    return errorResult(error.status, error.code, error.message, requestId, error.details);
  }
  logger.error('Unhandled error', { requestId, error: error as Error });
  return errorResult(500, 'INTERNAL', internalErrorMessage(), requestId);
}
