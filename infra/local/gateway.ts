import { internalErrorMessage } from '../../functions/http/error-wording.ts';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { JWTPayload } from 'jose';
import * as z from 'zod';
import { routes } from '../../functions/http/routes.ts';
import type { RouteSpec } from '../../functions/http/route-definition.ts';
import { lambdaContext, loadHandler } from './lambda-context.ts';
import type { RunDueFilter } from './scheduler-standin.ts';
import { tokenRequest, type TokenIssuer } from './token-issuer.ts';

/**
 * The local API Gateway (HTTP API, payload 2.0): matches requests against THE route table, checks
 * bearer tokens as the JWT authorizer does, applies CORS and API Gateway's 10 MB body ceiling, builds
 * the same event API Gateway builds and invokes the route's Lambda entry in-process. It also serves
 * the local-only routes: POST /_local/token, POST /_local/scheduler/run-due and the issuer's JWKS.
 */
export const gatewayBodyLimitBytes = 10 * 1024 * 1024;
/**
 * API Gateway's HTTP API quota for the request line and headers together (10,240 bytes). Node's
 * parser enforces it; the 431 it would send with an empty body is answered in the contract's shape
 * instead, with the code `HEADERS_TOO_LARGE` (beside the body's `PAYLOAD_TOO_LARGE`).
 */
export const gatewayHeaderLimitBytes = 10 * 1024;

interface ErrorDetail {
  path: string;
  message: string;
}

/**
 * The header a request the parser refused was refused for: Node only says "invalid header token",
 * so the raw request is read for the first header line holding a control character (the parser
 * refuses every C0 control but HTAB, and DEL, in a header).
 */
function headerWithControlCharacter(raw: Buffer | undefined): string | undefined {
  if (!raw) return undefined;
  const lines = raw.toString('latin1').split('\r\n').slice(1);
  for (const line of lines) {
    if (line === '') break;
    const colon = line.indexOf(':');
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    if (colon > 0 && /[\x00-\x08\x0a-\x1f\x7f]/.test(line)) return line.slice(0, colon).trim();
  }
  return undefined;
}

/** The canonical spelling of a header name in an error's details (`Idempotency-Key`). */
const headerLabel = (name: string) => name.toLowerCase().replace(/(^|-)([a-z])/g, (m) => m.toUpperCase());

interface CompiledRoute {
  spec: RouteSpec;
  pattern: RegExp;
  paramNames: string[];
}

function compile(spec: RouteSpec): CompiledRoute {
  const paramNames: string[] = [];
  const pattern = spec.path
    .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    .replace(/\\?\{([^}]+)\\?\}/g, (_m, name: string) => {
      paramNames.push(name);
      return '([^/]+)';
    });
  return { spec, pattern: new RegExp(`^${pattern}$`), paramNames };
}

/** API Gateway hands claims over as strings, arrays flattened to `[a b]`: do the same here. */
function claimsAsApiGatewayPassesThem(payload: JWTPayload): Record<string, string> {
  return Object.fromEntries(
    Object.entries(payload).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(' ')}]` : String(v)]),
  );
}

const textTypes = /^(application\/(json|.*\+json|x-www-form-urlencoded|xml)|text\/)/i;

export async function startGateway(options: {
  port: number;
  host: string;
  root: string;
  issuer: TokenIssuer;
  corsOrigin: string;
  /** The support address the functions put in their errors (SUPPORT_EMAIL), for the gateway's own. */
  support: string;
  runDue: (asOf: Date, only: RunDueFilter) => Promise<number>;
  log: (line: string) => void;
}): Promise<Server> {
  const compiled = (routes as readonly RouteSpec[]).map(compile);

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };
  const errorBody = (code: string, message: string, details?: ErrorDetail[]) => ({
    error: {
      code,
      message,
      ...(details ? { details } : {}),
      requestId: randomUUID(),
      support: options.support,
    },
  });
  const sendError = (
    res: ServerResponse,
    status: number,
    code: string,
    message: string,
    details?: ErrorDetail[],
  ) => send(res, status, errorBody(code, message, details));

  /**
   * A request Node's parser refused never reaches the request handler: Node would answer it with a
   * status and an empty body. Answer in the contract's shape instead, straight on the socket.
   */
  const answerClientError = (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, reason, body] = ((): [number, string, ReturnType<typeof errorBody>] => {
      switch (error.code) {
        case 'HPE_HEADER_OVERFLOW':
          return [
            431,
            'Request Header Fields Too Large',
            errorBody(
              'HEADERS_TOO_LARGE',
              `The request line and headers are limited to ${gatewayHeaderLimitBytes} bytes.`,
            ),
          ];
        case 'ERR_HTTP_REQUEST_TIMEOUT':
          return [
            408,
            'Request Timeout',
            errorBody('REQUEST_TIMEOUT', 'The request took too long to arrive.'),
          ];
        case 'HPE_INVALID_HEADER_TOKEN': {
          const header = headerWithControlCharacter(error.rawPacket);
          return [
            400,
            'Bad Request',
            errorBody(
              'VALIDATION_FAILED',
              'A request header is not valid.',
              header ? [{ path: headerLabel(header), message: 'must not contain control characters' }] : [],
            ),
          ];
        }
        default:
          return [400, 'Bad Request', errorBody('VALIDATION_FAILED', 'The request is not valid HTTP.')];
      }
    })();
    const json = Buffer.from(JSON.stringify(body));
    socket.end(
      [
        `HTTP/1.1 ${status} ${reason}`,
        'content-type: application/json; charset=utf-8',
        `content-length: ${json.length}`,
        `access-control-allow-origin: ${options.corsOrigin}`,
        'connection: close',
        '',
        '',
      ].join('\r\n') + json.toString('latin1'),
      'latin1',
    );
  };

  async function localRoute(
    method: string,
    path: string,
    body: Buffer,
    res: ServerResponse,
  ): Promise<boolean> {
    const json = () => {
      try {
        return JSON.parse(body.toString('utf8') || '{}') as unknown;
      } catch {
        return undefined;
      }
    };
    if (method === 'POST' && path === '/_local/token') {
      const parsed = tokenRequest.safeParse(json());
      if (!parsed.success) {
        send(res, 400, {
          error: {
            code: 'VALIDATION_FAILED',
            message: 'Bad token request',
            details: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
            requestId: randomUUID(),
            support: options.support,
          },
        });
        return true;
      }
      send(res, 200, { token: await options.issuer.mint(parsed.data) });
      return true;
    }
    if (method === 'POST' && path === '/_local/scheduler/run-due') {
      // `groupName` and `names` (additions to the contract's body) limit the run to one schedule
      // group and to those exact schedule names, so parallel test files fire only their own.
      const parsed = z
        .object({
          asOf: z.iso.datetime({ offset: true }),
          groupName: z.string().min(1).optional(),
          names: z.array(z.string().min(1)).min(1).optional(),
        })
        .strict()
        .safeParse(json());
      if (!parsed.success) {
        sendError(
          res,
          400,
          'VALIDATION_FAILED',
          'Send {"asOf": "<ISO-8601 time>", "groupName"?: "<group>", "names"?: ["<schedule name>", …]}.',
        );
        return true;
      }
      const { asOf, groupName, names } = parsed.data;
      send(res, 200, { fired: await options.runDue(new Date(asOf), { groupName, names }) });
      return true;
    }
    if (method === 'GET' && path === '/_local/.well-known/jwks.json') {
      send(res, 200, options.issuer.jwks());
      return true;
    }
    return false;
  }

  async function handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    // The request target is a path: `//x/y` is that path, never the host `x` (as `new URL` with a base
    // would read it), and a target that is no path at all names no route.
    let url: URL;
    try {
      if (!req.url?.startsWith('/')) throw new Error('not an origin-form target');
      url = new URL(`http://localhost${req.url}`);
    } catch {
      return sendError(res, 404, 'NOT_FOUND', 'No such route.');
    }
    const method = (req.method ?? 'GET').toUpperCase();
    if (await localRoute(method, url.pathname, body, res)) return;

    const pathMatches = compiled.filter((r) => r.pattern.test(url.pathname));
    const match = pathMatches.find((r) => r.spec.method === method);
    if (!match) return sendError(res, 404, 'NOT_FOUND', 'No such route.');

    let claims: Record<string, string> | undefined;
    if (match.spec.access !== 'public') {
      const token = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      try {
        if (!token) throw new Error('no token');
        claims = claimsAsApiGatewayPassesThem(await options.issuer.verify(token));
      } catch {
        return sendError(res, 401, 'UNAUTHENTICATED', 'A valid bearer token is required.');
      }
    }

    const values = match.pattern.exec(url.pathname)!.slice(1);
    const pathParameters: Record<string, string> = {};
    const undecodable: ErrorDetail[] = [];
    match.paramNames.forEach((name, i) => {
      try {
        pathParameters[name] = decodeURIComponent(values[i]!);
      } catch {
        // `%`, `%ZZ` or escapes that are not UTF-8 (`%ED%A0%80`, a lone surrogate): nothing can be
        // named by them, but the caller sent them, so it is their request that is wrong.
        undecodable.push({ path: name, message: 'is not valid percent-encoded UTF-8' });
      }
    });
    if (undecodable.length > 0) {
      return sendError(res, 400, 'VALIDATION_FAILED', 'Some path parameters are not valid.', undecodable);
    }
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = query[k] === undefined ? v : `${query[k]},${v}`;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(',') : v;
    const isText = textTypes.test(headers['content-type'] ?? 'application/json');
    const routeKey = `${match.spec.method} ${match.spec.path}`;
    const now = new Date();
    const event = {
      version: '2.0',
      routeKey,
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      headers,
      ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
      ...(match.paramNames.length ? { pathParameters } : {}),
      ...(body.length ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
      isBase64Encoded: body.length > 0 && !isText,
      requestContext: {
        accountId: '123456789012',
        apiId: 'local',
        domainName: headers.host ?? 'localhost',
        domainPrefix: 'local',
        http: {
          method,
          path: url.pathname,
          protocol: 'HTTP/1.1',
          sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
          userAgent: headers['user-agent'] ?? '',
        },
        requestId: randomUUID(),
        routeKey,
        stage: '$default',
        time: now.toISOString(),
        timeEpoch: now.getTime(),
        ...(claims
          ? { authorizer: { principalId: '', integrationLatency: 0, jwt: { claims, scopes: [] } } }
          : {}),
      },
    } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;

    const handler = await loadHandler(options.root, match.spec.entry);
    const result = (await handler(event, lambdaContext(match.spec.entry, 29))) as
      APIGatewayProxyStructuredResultV2 | string;
    if (typeof result === 'string' || !result || result.statusCode === undefined) {
      return send(res, 200, result);
    }
    const responseBody = result.body
      ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8')
      : undefined;
    res.writeHead(result.statusCode, {
      ...Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)])),
      ...(result.cookies?.length ? { 'set-cookie': result.cookies } : {}),
    });
    res.end(responseBody);
  }

  const server = createServer({ maxHeaderSize: gatewayHeaderLimitBytes }, (req, res) => {
    res.setHeader('access-control-allow-origin', options.corsOrigin);
    res.setHeader('access-control-expose-headers', 'location,x-request-id');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-methods': 'GET,POST,PATCH,DELETE,OPTIONS',
        'access-control-allow-headers': 'authorization,content-type,idempotency-key',
        'access-control-max-age': '600',
      });
      res.end();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > gatewayBodyLimitBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) return sendError(res, 413, 'PAYLOAD_TOO_LARGE', 'Request bodies are limited to 10 MB.');
      handle(req, res, Buffer.concat(chunks)).catch((error: unknown) => {
        options.log(`gateway: ${(error as Error).stack ?? String(error)}`);
        if (!res.headersSent) sendError(res, 500, 'INTERNAL', internalErrorMessage(options.support));
        else res.end();
      });
    });
  });
  server.on('clientError', answerClientError);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return server;
}
