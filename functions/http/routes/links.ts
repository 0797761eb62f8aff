import { routeFamily, type RouteSpec } from '../route-definition.ts';
import type { NeedsByEntry } from '../../shared/function-needs.ts';
import { answer } from '../schemas/answers.ts';
import * as z from 'zod';

const links = routeFamily({ entry: 'functions/http/links.ts', tags: ['links'], access: 'public' });

/** Links in emails. Part of THE route table (../routes.ts); one route a line, as api.md's tables list them. */
export const linksRoutes = [
  // Links in emails
  links('GET', '/v1/links/{token}', 'followLink', { summary: 'Follow an emailed link: 302 to a freshly signed, minutes-long download URL (410 LINK_EXPIRED / LINK_REVOKED)', params: z.object({ token: z.string().min(1).max(200) }), errors: { 410: ['LINK_EXPIRED', 'LINK_REVOKED'] }, responses: answer.redirect('Redirect to the file', 'A presigned download URL, valid for minutes') }),
] as const satisfies readonly RouteSpec[];

/**
 * What this family's entry may touch (functions/shared/function-needs.ts; CDK grants exactly this):
 * it records a link's first opening and signs a GET of the file it names, which a link may keep in
 * either bucket (functions/adapters/s3/buckets.ts).
 */
export const linksNeeds = {
  'functions/http/links.ts': { table: 'readWrite', buckets: { profiles: 'read', exports: 'read' } },
} as const satisfies NeedsByEntry;
