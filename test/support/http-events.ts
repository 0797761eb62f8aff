import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';

/** The Lambda context the HTTP handler wrapper reads (its request id, the time left). */
export const lambdaContext = {
  functionName: 'test',
  awsRequestId: 'r',
  getRemainingTimeInMillis: () => 1000,
} as unknown as Context;

/**
 * An HTTP API (payload 2.0) event as API Gateway builds it for a route: path parameters already
 * percent-decoded, the JWT authorizer's claims when signed in, and a JSON content type with a body.
 */
export function httpEvent(
  routeKey: string,
  options: {
    claims?: Record<string, string>;
    pathParameters?: Record<string, string>;
    headers?: Record<string, string>;
    body?: string;
  } = {},
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const { claims, pathParameters, headers, body } = options;
  return {
    version: '2.0',
    routeKey,
    rawPath: routeKey.split(' ')[1]!,
    rawQueryString: '',
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(pathParameters ? { pathParameters } : {}),
    body,
    isBase64Encoded: false,
    requestContext: {
      requestId: 'req-1',
      routeKey,
      ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {}),
    },
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}
