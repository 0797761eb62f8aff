import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { RouteSpec } from './route-definition.ts';
import { routes } from './routes.ts';
import { errorBody } from './schemas/common.ts';

/** Error answers every route may give, beyond the success answers in its row of the route table. */
function errorResponses(spec: RouteSpec) {
  const error = (description: string) => ({
    description,
    content: { 'application/json': { schema: errorBody } },
  });
  return {
    ...(spec.access === 'public' ? {} : { 401: error('UNAUTHENTICATED: missing or bad token') }),
    ...(Array.isArray(spec.access) ? { 403: error('FORBIDDEN, or a specific code of this route') } : {}),
    400: error('VALIDATION_FAILED: details name each bad field'),
    ...(spec.method !== 'GET'
      ? { 413: error('PAYLOAD_TOO_LARGE'), 415: error('UNSUPPORTED_MEDIA_TYPE') }
      : {}),
    500: error('INTERNAL'),
  };
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
