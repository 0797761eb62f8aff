import { route, routeKey, type RouteSpec } from './route-definition.ts';
import { healthBody } from './schemas/common.ts';
import { z } from 'zod';

/**
 * THE route table. Read by CDK (infra/constructs/api.ts), the local gateway, every handler's
 * wrapper and the OpenAPI generator. A route's method and path sit on one line on purpose: it keeps
 * the table greppable against api.md.
 */
export const routes = [
  route({
    method: 'GET',
    path: '/v1/health',
    entry: 'functions/http/health.ts',
    operationId: 'getHealth',
    summary: 'Local stack health: 200 once every emulated service answers',
    tags: ['local'],
    access: 'public',
    localOnly: true,
    responses: { 200: { description: 'Every service answers', schema: healthBody } },
  }),
  route({
    method: 'GET',
    path: '/v1/openapi.json',
    entry: 'functions/http/openapi.ts',
    operationId: 'getOpenApi',
    summary: 'This API as an OpenAPI 3.1 document',
    tags: ['meta'],
    access: 'public',
    responses: {
      200: { description: 'OpenAPI 3.1 document', schema: z.looseObject({ openapi: z.string() }) },
    },
  }),
] as const satisfies readonly RouteSpec[];

export type AppRoute = (typeof routes)[number];
export type AppRouteKey = `${AppRoute['method']} ${AppRoute['path']}`;
export type RouteFor<K extends AppRouteKey> = AppRoute extends infer R
  ? R extends RouteSpec
    ? `${R['method']} ${R['path']}` extends K
      ? R
      : never
    : never
  : never;

export const routesByKey: ReadonlyMap<string, RouteSpec> = new Map(routes.map((r) => [routeKey(r), r]));
