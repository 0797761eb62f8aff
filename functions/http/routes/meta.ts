import { route, type RouteSpec } from '../route-definition.ts';
import type { NeedsByEntry } from '../../shared/function-needs.ts';
import { healthBody } from '../schemas/common.ts';
import * as z from 'zod';

/** Local health and the OpenAPI document. Part of THE route table (../routes.ts); method and path share a line on purpose. */
export const metaRoutes = [
  route({
    method: 'GET', path: '/v1/health',
    entry: 'functions/http/health.ts',
    operationId: 'getHealth',
    summary: 'Local stack health: 200 once every emulated service answers',
    tags: ['local'],
    access: 'public',
    localOnly: true,
    responses: { 200: { description: 'Every service answers', schema: healthBody } },
  }),
  route({
    method: 'GET', path: '/v1/openapi.json',
    entry: 'functions/http/openapi.ts',
    operationId: 'getOpenApi',
    summary: 'This API as an OpenAPI 3.1 document',
    tags: ['meta'],
    access: 'public',
    responses: {
      // The one loose answer schema: the document's shape is OpenAPI's own, generated, holding no stored data.
      200: { description: 'OpenAPI 3.1 document', schema: z.looseObject({ openapi: z.string() }) },
    },
  }),
] as const satisfies readonly RouteSpec[];

/**
 * What each entry of this family may touch (functions/shared/function-needs.ts; CDK grants exactly
 * this). The OpenAPI document is built from code and answers unknown paths: no data at all. The
 * health check is local-only and never deployed.
 */
export const metaNeeds = { 'functions/http/openapi.ts': {} } as const satisfies NeedsByEntry;
