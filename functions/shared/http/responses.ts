import { internalErrorMessage as contractInternalErrorMessage } from '../../http/error-wording.ts';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { FieldProblem } from '../../../domain/errors.ts';
import type { RouteSpec } from '../../http/route-definition.ts';
import { supportEmail } from '../env.ts';

/** What a route implementation answers; the wrapper turns it into API Gateway's result. */
export interface HttpResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const ok = (body: unknown): HttpResult => ({ status: 200, body });
export const created = (body: unknown): HttpResult => ({ status: 201, body });
export const accepted = (body: unknown, location: string): HttpResult => ({
  status: 202,
  body,
  headers: { location },
});
export const noContent = (): HttpResult => ({ status: 204 });

/**
 * A success answer that does not fit the route's declaration: a server bug. Its message names the
 * route, the status and each problem (paths and zod's wording, no values) for the log; the client
 * only ever sees the generic 500 (errors.ts).
 */
export class UndeclaredAnswerError extends Error {
  override readonly name = 'UndeclaredAnswerError';
}

/**
 * Whitelists an answer: its body goes through the route's response schema for its status, which
 * keeps only the fields the schema declares (zod objects strip unknown keys, and no answer schema is
 * loose), so a field added to a stored item never reaches a client by accident and the OpenAPI
 * document tells the whole truth. A status the route does not declare, a body that does not fit,
 * a body where none is declared or a declared header that is missing is a server bug: it throws
 * UndeclaredAnswerError, logged in full and answered with the generic 500. Error answers are left
 * alone: `errorResult` is the only way to build them and they have the contract's shape.
 */
export function declaredAnswer(spec: RouteSpec, result: HttpResult): HttpResult {
  if (result.status >= 400) return result;
  const route = `${spec.method} ${spec.path}`;
  const declared = spec.responses[result.status];
  if (!declared)
    throw new UndeclaredAnswerError(`${route} answered ${result.status}, which it does not declare.`);
  const answered = new Set(Object.keys(result.headers ?? {}).map((name) => name.toLowerCase()));
  const missing = Object.keys(declared.headers ?? {}).filter((name) => !answered.has(name.toLowerCase()));
  if (missing.length > 0) {
    throw new UndeclaredAnswerError(
      `${route} answered ${result.status} without its ${missing.join(', ')} header.`,
    );
  }
  if (!declared.schema) {
    if (result.body === undefined) return result;
    throw new UndeclaredAnswerError(`${route} answered ${result.status} with a body it does not declare.`);
  }
  const parsed = declared.schema.safeParse(result.body);
  if (parsed.success) return { ...result, body: parsed.data };
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(body)'}: ${issue.message}`,
  );
  throw new UndeclaredAnswerError(
    `${route} answered ${result.status} with a body its schema refuses: ${problems.join('; ')}`,
  );
}

const jsonHeaders = { 'content-type': 'application/json; charset=utf-8' };

export function toApiGatewayResult(result: HttpResult, requestId: string): APIGatewayProxyStructuredResultV2 {
  const headers = { ...result.headers, 'x-request-id': requestId };
  if (result.body === undefined) return { statusCode: result.status, headers };
  return {
    statusCode: result.status,
    headers: { ...jsonHeaders, ...headers },
    body: JSON.stringify(result.body),
  };
}

/** The contract's error shape; the only way any handler answers an error. */
export function errorResult(
  status: number,
  code: string,
  message: string,
  requestId: string,
  details?: FieldProblem[],
): HttpResult {
  return {
    status,
    body: {
      error: {
        code,
        message,
        ...(details && details.length > 0 ? { details } : {}),
        requestId,
        support: supportEmail(),
      },
    },
  };
}

/** The 500 wording of the contract (../../http/error-wording.ts); nothing internal is ever added. */
export const internalErrorMessage = (): string => contractInternalErrorMessage(supportEmail());
