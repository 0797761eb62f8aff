import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { RouteSpec } from './route-definition.ts';
import { routes } from './routes.ts';
import { errorBody } from './schemas/common.ts';

/**
 * Error answers of a route: those every route may give, plus its own codes from the route table
 * (and 404 NOT_FOUND wherever the path names something), each listing its codes.
 */
function errorResponses(spec: RouteSpec) {
  const codes = new Map<number, string[]>();
  const add = (status: number, ...more: string[]) =>
    codes.set(status, [...(codes.get(status) ?? []), ...more]);
  add(400, 'VALIDATION_FAILED');
  if (spec.access !== 'public') add(401, 'UNAUTHENTICATED');
  if (Array.isArray(spec.access)) add(403, 'FORBIDDEN');
  if (spec.path.includes('{')) add(404, 'NOT_FOUND');
  for (const [status, specific] of Object.entries(spec.errors ?? {})) add(Number(status), ...specific);
  if (spec.idempotent) add(409, 'IDEMPOTENCY_KEY_REUSED', 'REQUEST_IN_PROGRESS');
  if (spec.method !== 'GET') {
    add(413, 'PAYLOAD_TOO_LARGE');
    add(415, 'UNSUPPORTED_MEDIA_TYPE');
  }
  add(429, 'RATE_LIMITED');
  add(500, 'INTERNAL');
  return Object.fromEntries(
    [...codes].map(([status, list]) => [
      status,
      {
        description: [...new Set(list)].join(', '),
        content: { 'application/json': { schema: errorBody } },
      },
    ]),
  );
}

/** The API as OpenAPI 3.1, generated from the route table's own zod schemas (never hand-written). */
export function buildOpenApiDocument(options: { includeLocalOnly: boolean }) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  for (const spec of routes as readonly RouteSpec[]) {
    if (spec.localOnly && !options.includeLocalOnly) continue;
    registry.registerPath({
      method: spec.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete',
      path: spec.path,
      operationId: spec.operationId,
      summary: spec.summary,
      tags: [...spec.tags],
      ...(spec.access === 'public' ? {} : { security: [{ bearer: [] }] }),
      request: {
        ...(spec.params ? { params: spec.params } : {}),
        ...(spec.query ? { query: spec.query } : {}),
        ...(spec.body
          ? { body: { content: { 'application/json': { schema: spec.body } }, required: true } }
          : {}),
      },
      ...(spec.idempotent
        ? {
            parameters: [
              {
                in: 'header' as const,
                name: 'Idempotency-Key',
                required: false,
                description:
                  'Same key and body: the first answer again, nothing done twice; another body: 409',
                schema: { type: 'string' as const, maxLength: 128 },
              },
            ],
          }
        : {}),
      responses: {
        ...Object.fromEntries(
          Object.entries(spec.responses).map(([status, response]) => [
            status,
            {
              description: response.description,
              ...(response.schema ? { content: { 'application/json': { schema: response.schema } } } : {}),
              ...(response.headers
                ? {
                    headers: Object.fromEntries(
                      Object.entries(response.headers).map(([name, description]) => [
                        name,
                        { description, schema: { type: 'string' as const } },
                      ]),
                    ),
                  }
                : {}),
            },
          ]),
        ),
        ...errorResponses(spec),
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Profile sharing API',
      version: '1.0.0',
      description: 'Distributing and sharing assessment profiles. Contract: shared/api.md.',
    },
  });
}
