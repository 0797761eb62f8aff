import { routeFamily, type RouteSpec } from '../route-definition.ts';
import type { NeedsByEntry } from '../../shared/function-needs.ts';
import { answer } from '../schemas/answers.ts';
import { healthBody } from '../schemas/common.ts';
import * as z from 'zod';

const health = routeFamily({ entry: 'functions/http/health.ts', tags: ['local'], access: 'public' });
const openApi = routeFamily({ entry: 'functions/http/openapi.ts', tags: ['meta'], access: 'public' });

/** Local health and the OpenAPI document. Part of THE route table (../routes.ts); one route a line, as api.md's tables list them. */
export const metaRoutes = [
  health('GET', '/v1/health', 'getHealth', { summary: 'Local stack health: 200 once every emulated service answers', localOnly: true, responses: answer.ok('Every service answers', healthBody) }),
  // The one loose answer schema: the document's shape is OpenAPI's own, generated, holding no stored data.
  openApi('GET', '/v1/openapi.json', 'getOpenApi', { summary: 'This API as an OpenAPI 3.1 document', responses: answer.ok('OpenAPI 3.1 document', z.looseObject({ openapi: z.string() })) }),
] as const satisfies readonly RouteSpec[];

/**
 * What each entry of this family may touch (functions/shared/function-needs.ts; CDK grants exactly
 * this). The OpenAPI document is built from code and answers unknown paths: no data at all. The
 * health check is local-only and never deployed.
 */
export const metaNeeds = { 'functions/http/openapi.ts': {} } as const satisfies NeedsByEntry;
