import { routeFamily, type RouteSpec } from '../route-definition.ts';
import type { NeedsByEntry } from '../../shared/function-needs.ts';
import { answer } from '../schemas/answers.ts';
import * as z from 'zod';
import * as downloads from '../schemas/downloads.ts';

/**
 * The profile PDF downloads, served by their own Lambda (the one HTTP entry that renders PDFs). Part
 * of THE route table (../routes.ts); one route a line, as api.md's tables list them.
 */
const download = routeFamily({ entry: 'functions/http/downloads.ts' });

export const downloadsRoutes = [
  // Learners and teams: single profiles (seed 001)
  download('GET', '/v1/learners/{learnerId}/profiles/{profileId}/download', 'downloadLearnerProfile', { summary: "Any of the learner's profiles as PDF, in the asked or preferred language", tags: ['learners'], access: ['admin', 'supplier'], params: downloads.learnerProfileParams, query: downloads.downloadQuery, responses: answer.ok('A short-lived download URL', downloads.downloadAnswer) }),
  // My assignments and profiles (seed 000)
  download('GET', '/v1/me/profiles/{profileId}/download', 'downloadMyProfile', { summary: 'My profile as PDF (403 PROFILE_WITHHELD while withheld)', tags: ['me'], access: 'signed-in', params: downloads.myProfileParams, query: downloads.downloadQuery, errors: { 403: ['PROFILE_WITHHELD'] }, responses: answer.ok('A short-lived download URL', downloads.downloadAnswer) }),
  // Suppliers and clients: share staff (seed 002)
  download('GET', '/v1/client-staff/{staffId}/profiles/latest/download', 'downloadClientStaffProfile', { summary: "The latest profile of a staff member shared with me, as PDF in the asked or their preferred language: a link that stops working when the share is revoked", tags: ['client-staff'], access: ['client'], params: z.object({ staffId: z.string().min(1).max(64) }), query: downloads.downloadQuery, responses: answer.ok('A download link, valid for a day while the share stands', downloads.downloadAnswer) }),
] as const satisfies readonly RouteSpec[];

/**
 * What this family's entry may touch (functions/shared/function-needs.ts; CDK grants exactly this):
 * it audits each download and caches rendered PDFs in the profiles bucket.
 */
export const downloadsNeeds = {
  'functions/http/downloads.ts': { table: 'readWrite', buckets: { profiles: 'readWrite' } },
} as const satisfies NeedsByEntry;
