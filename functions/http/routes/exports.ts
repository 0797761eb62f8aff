import { routeFamily, type RouteSpec } from '../route-definition.ts';
import type { NeedsByEntry } from '../../shared/function-needs.ts';
import { answer } from '../schemas/answers.ts';
import * as s from '../schemas/exports.ts';

/** The rows' Lambda, tag, and who may call them (an organisation's admin or supplier). */
const profileExports = routeFamily({ entry: 'functions/http/profile-exports.ts', tags: ['teams'], access: ['admin', 'supplier'] });

/** Bulk profile exports of a team (seed 001). Part of THE route table (../routes.ts); one route a line, as api.md's tables list them. */
export const exportsRoutes = [
  // Learners and teams: download and share (seed 001)
  profileExports('POST', '/v1/teams/{teamId}/profile-exports/summary', 'summariseProfileExport', { summary: 'Before an export: how many selected learners have a latest profile, and who has none', params: s.teamExportParams, body: s.exportSummaryBody, responses: answer.ok('The summary', s.exportSummaryAnswer) }),
  profileExports('POST', '/v1/teams/{teamId}/profile-exports', 'exportProfiles', { summary: "Download (one zip, emailed as a link) or share (one email per learner, then a summary) the selected learners' latest profiles; carried out by workers", idempotent: true, params: s.teamExportParams, body: s.exportBody, responses: answer.accepted('Accepted', s.exportAcceptedAnswer, { Location: 'The export, to follow its progress' }) }),
  profileExports('GET', '/v1/profile-exports/{exportId}', 'getProfileExport', { summary: "An export's progress (counts over the whole job) and a page of its results", params: s.exportParams, query: s.exportQuery, responses: answer.ok('The export', s.exportJobAnswer) }),
] as const satisfies readonly RouteSpec[];

/**
 * The job and the message it owes are one transaction in the table (the outbox relay queues it), so
 * this function sends to no queue and touches no bucket.
 */
export const exportsNeeds = {
  'functions/http/profile-exports.ts': { table: 'readWrite' },
} as const satisfies NeedsByEntry;
