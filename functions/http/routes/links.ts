import { route, type RouteSpec } from '../route-definition.ts';
import type { NeedsByEntry } from '../../shared/function-needs.ts';
import * as z from 'zod';

/** Links in emails. Part of THE route table (../routes.ts); method and path share a line on purpose. */
export const linksRoutes = [
  // Links in emails
  route({
    method: 'GET', path: '/v1/links/{token}',
    entry: 'functions/http/links.ts', operationId: 'followLink', tags: ['links'],
    summary: 'Follow an emailed link: 302 to a freshly signed, minutes-long download URL (410 LINK_EXPIRED / LINK_REVOKED)',
    access: 'public', params: z.object({ token: z.string().min(1).max(200) }),
    errors: { 410: ['LINK_EXPIRED', 'LINK_REVOKED'] },
    responses: { 302: { description: 'Redirect to the file', headers: { Location: 'A presigned download URL, valid for minutes' } } },
  }),
] as const satisfies readonly RouteSpec[];

/**
 * What this family's entry may touch (functions/shared/function-needs.ts; CDK grants exactly this):
 * it records a link's first opening and signs a GET of the file it names, which a link may keep in
 * either bucket (functions/adapters/s3/buckets.ts).
 */
export const linksNeeds = {
  'functions/http/links.ts': { table: 'readWrite', buckets: { profiles: 'read', exports: 'read' } },
} as const satisfies NeedsByEntry;
