import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type * as z from 'zod';
import { ForbiddenError } from '../../../domain/errors.ts';
import { roleRefusal, routeKey, type RouteSpec } from '../../http/route-definition.ts';
import { signingSecret } from '../../adapters/dynamo/secrets.ts';
import { envNames } from '../env-names.ts';
import { requiredEnv } from '../env.ts';
import { logger } from '../logger.ts';
import { callerFromClaims, type Caller } from './caller.ts';
import type { Page, PageRequest } from '../../../domain/kernel.ts';
import { cursorCodec } from './cursor.ts';
import { errorToResult, HttpError } from './errors.ts';
import { fingerprint, runIdempotent } from './idempotency.ts';
import { refuseOddIdempotencyKey, refuseOddPathParameters } from './request-text.ts';
import { declaredAnswer, ok, toApiGatewayResult, type HttpResult } from './responses.ts';

/** Bodies over 1 MB are refused (api.md); API Gateway's own ceiling is 10 MB. */
export const maxBodyBytes = 1024 * 1024;
const maxIdempotencyKeyLength = 128;

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteRequest<R extends RouteSpec> {
  params: Parsed<R['params']>;
  query: Parsed<R['query']>;
  body: Parsed<R['body']>;
  /** Always present on routes that need a token (the wrapper answers 401 otherwise). */
  caller: R['access'] extends 'public' ? Caller | undefined : Caller;
  requestId: string;
  headers: Readonly<Record<string, string | undefined>>;
  /**
   * Answers a list route: reads the page `?limit=&cursor=` asks for (the cursor opened under the
   * caller's organisation, user and this list) and seals the next position into the opaque
   * `nextCursor`, which is null when `fetch` says nothing is left.
   */
  list<T, U = T>(fetch: (page: PageRequest) => Promise<Page<T>>, view?: (item: T) => U): Promise<HttpResult>;
}

export type RouteImplementation<R extends RouteSpec> = (request: RouteRequest<R>) => Promise<HttpResult>;

type KeyOf<R extends RouteSpec> = R extends RouteSpec ? `${R['method']} ${R['path']}` : never;
type RouteIn<R extends RouteSpec, K extends string> = R extends RouteSpec
  ? `${R['method']} ${R['path']}` extends K
    ? R
    : never
  : never;

/**
 * Builds a Lambda handler serving some routes of the route table (given its family's part of the
 * table, so the bundle builds no other family's schemas): it parses and validates the
 * request against the route's schemas, authorises the caller's roles, honours Idempotency-Key,
 * runs the implementation and maps every error to the contract's error shape.
 */
export function httpHandler<const T extends readonly RouteSpec[], K extends KeyOf<T[number]>>(
  table: T,
  implementations: { [P in K]: RouteImplementation<RouteIn<T[number], P>> },
) {
  const specs = new Map<string, RouteSpec>(table.map((spec) => [routeKey(spec), spec]));
  const served = new Map<string, { spec: RouteSpec; run: RouteImplementation<RouteSpec> }>();
  for (const [key, run] of Object.entries(implementations)) {
    const spec = specs.get(key);
    if (!spec) throw new Error(`No route ${key} in the route table`);
    served.set(key, { spec, run: run as RouteImplementation<RouteSpec> });
  }

  const handle = async (
    event: APIGatewayProxyEventV2WithJWTAuthorizer,
  ): Promise<APIGatewayProxyStructuredResultV2> => {
    const requestId = event.requestContext.requestId;
    let result: HttpResult;
    try {
      const route = served.get(event.routeKey);
      if (!route) throw new HttpError(404, 'NOT_FOUND', 'No such route.');
      // Whitelisted by the route's response schema: only declared fields reach the client.
      result = declaredAnswer(route.spec, await serve(route.spec, route.run, event));
    } catch (error) {
      result = errorToResult(error, requestId);
    }
    return toApiGatewayResult(result, requestId);
  };

  return middy<APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(handle);
}

async function serve(
  spec: RouteSpec,
  run: RouteImplementation<RouteSpec>,
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
): Promise<HttpResult> {
  const caller = callerFromClaims(event.requestContext.authorizer?.jwt?.claims);
  if (spec.access !== 'public') {
    if (!caller) throw new HttpError(401, 'UNAUTHENTICATED', 'Sign in to use this API.');
    const refusal = roleRefusal(spec.access, caller.roles);
    if (refusal) throw new ForbiddenError('FORBIDDEN', refusal);
  }

  const rawBody = readBody(event, spec);
  refuseOddPathParameters(event.pathParameters);
  const idempotencyKey = spec.idempotent && caller ? event.headers?.['idempotency-key'] : undefined;
  if (idempotencyKey === undefined) return run(parsedRequest(spec, event, rawBody, caller));
  refuseOddIdempotencyKey(idempotencyKey, maxIdempotencyKeyLength);
  // A "do once" context (idempotency.ts): the use case's first committed transaction also commits
  // the key's record, so no retry can apply the work twice. The key is looked up before the request
  // is validated: a retry gets the first answer even when the same body would no longer pass (a
  // code's `expiresAt` "in the future" has passed since).
  return runIdempotent(
    { org: caller!.org, userId: caller!.userId, key: idempotencyKey },
    fingerprint(event.routeKey, event.rawPath, rawBody),
    () => run(parsedRequest(spec, event, rawBody, caller)),
  );
}

/** The request as the implementation sees it: parameters, query and body validated by the route's schemas. */
function parsedRequest(
  spec: RouteSpec,
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  rawBody: unknown,
  caller: Caller | undefined,
): RouteRequest<RouteSpec> {
  const requestId = event.requestContext.requestId;
  const params = validate(spec.params, event.pathParameters ?? {});
  const query = validate(spec.query, event.queryStringParameters ?? {});
  const body = validate(spec.body, rawBody);

  const cursors = () => signingSecret(requiredEnv(envNames.tableName), 'cursor').then(cursorCodec);
  // A cursor is good for this caller's organisation, this user and this one list only (the path
  // names the list: one group's members are not another's).
  const cursorScope = {
    org: caller?.org ?? '',
    userId: caller?.userId ?? '',
    list: `${event.routeKey} ${event.rawPath}`,
  };
  return {
    params,
    query,
    body,
    caller: caller as Caller,
    requestId,
    headers: event.headers ?? {},
    async list(fetch, view) {
      const { limit = 25, cursor } = (query ?? {}) as { limit?: number; cursor?: string };
      const after = cursor === undefined ? undefined : (await cursors()).decode(cursorScope, cursor);
      const found = await fetch({ limit, after });
      return ok({
        items: view ? found.items.map(view) : found.items,
        nextCursor: found.next ? (await cursors()).encode(cursorScope, found.next) : null,
      });
    },
  };
}

/** JSON body of the request: 413 when too large, 415 when not JSON, 400 when malformed. */
function readBody(event: APIGatewayProxyEventV2WithJWTAuthorizer, spec: RouteSpec): unknown {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const bytes = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (bytes.length > maxBodyBytes) {
    throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `Request bodies are limited to ${maxBodyBytes} bytes.`);
  }
  if (!spec.body) return undefined;
  const contentType = (event.headers?.['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (contentType !== 'application/json' && !contentType.endsWith('+json')) {
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json.');
  }
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'VALIDATION_FAILED', 'The request body is not valid JSON.', [
      { path: '(body)', message: 'is not valid JSON' },
    ]);
  }
}

function validate(schema: z.ZodType | undefined, input: unknown): never {
  if (!schema) return undefined as never;
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data as never;
  throw new HttpError(
    400,
    'VALIDATION_FAILED',
    'Some fields are not valid.',
    parsed.error.issues.map((issue) => ({
      path: issue.path.length > 0 ? issue.path.join('.') : '(body)',
      message: issue.message,
    })),
  );
}
