import { internalErrorMessage as contractInternalErrorMessage } from '../../http/error-wording.ts';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { FieldProblem } from '../../../domain/errors.ts';
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
