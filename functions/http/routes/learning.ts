import { routeFamily, type RouteSpec } from '../route-definition.ts';
import type { NeedsByEntry } from '../../shared/function-needs.ts';
import { listQuery, page } from '../schemas/common.ts';
import * as learning from '../schemas/learning.ts';

/** Each entry's rows: its Lambda, its tag, and who may call it (an organisation's admin or supplier). */
const learners = routeFamily({ entry: 'functions/http/learners.ts', tags: ['learners'], access: ['admin', 'supplier'] });
const teams = routeFamily({ entry: 'functions/http/teams.ts', tags: ['teams'], access: ['admin', 'supplier'] });

/** Learners, their profiles and teams (seed 001). Part of THE route table (../routes.ts); method and path share a line on purpose. */
export const learningRoutes = [
  // Learners and teams: single profiles (seed 001)
  learners({
    method: 'POST', path: '/v1/learners', operationId: 'createLearner',
    summary: 'Add a learner', body: learning.learnerBody,
    responses: { 201: { description: 'The learner', schema: learning.learnerAnswer } },
  }),
  learners({
    method: 'GET', path: '/v1/learners', operationId: 'listLearners',
    summary: 'List learners, each with profiles newest first', query: listQuery,
    responses: { 200: { description: 'A page of learners', schema: page(learning.learnerAnswer) } },
  }),
  learners({
    method: 'GET', path: '/v1/learners/{learnerId}', operationId: 'getLearner',
    summary: 'A learner with profiles newest first', params: learning.learnerParams,
    responses: { 200: { description: 'The learner', schema: learning.learnerAnswer } },
  }),
  learners({
    method: 'POST', path: '/v1/learners/{learnerId}/profiles', operationId: 'importProfile',
    summary: 'Import a completed profile (results from the assessment)', idempotent: true,
    params: learning.learnerParams, body: learning.profileImportBody,
    responses: { 201: { description: 'The profile', schema: learning.learnerProfileAnswer } },
  }),
  learners({
    method: 'POST', path: '/v1/learners/{learnerId}/profiles/{profileId}/shares', operationId: 'shareLearnerProfile',
    summary: 'Email the learner that profile: a link, or the PDF attached', idempotent: true,
    params: learning.learnerProfileParams, body: learning.shareBody,
    responses: { 202: { description: 'Queued', schema: learning.shareAnswer, headers: { Location: 'The share, to follow its status' } } },
  }),
  learners({
    method: 'GET', path: '/v1/learners/{learnerId}/profiles/{profileId}/shares/{shareId}', operationId: 'getLearnerProfileShare',
    summary: 'A single share: queued, then emailed (and how: attached, or as a link)',
    params: learning.shareParams,
    responses: { 200: { description: 'The share', schema: learning.shareAnswer } },
  }),
  learners({
    method: 'DELETE', path: '/v1/learners/{learnerId}/profiles/{profileId}/shares/{shareId}', operationId: 'revokeLearnerProfileShare',
    summary: 'Withdraw a share sent as a download link: the link answers 410 LINK_REVOKED from then on (409 SHARE_NOT_REVOCABLE for attachments, digital links and shares still queued)',
    params: learning.shareParams,
    errors: { 409: ['SHARE_NOT_REVOCABLE'] },
    responses: { 204: { description: 'The link is revoked' } },
  }),
  teams({
    method: 'POST', path: '/v1/teams', operationId: 'createTeam',
    summary: 'Create a team', body: learning.teamBody,
    responses: { 201: { description: 'The team', schema: learning.teamAnswer } },
  }),
  teams({
    method: 'GET', path: '/v1/teams', operationId: 'listTeams',
    summary: 'List teams', query: listQuery,
    responses: { 200: { description: 'A page of teams', schema: page(learning.teamAnswer) } },
  }),
  teams({
    method: 'POST', path: '/v1/teams/{teamId}/members', operationId: 'addTeamMembers',
    summary: 'Add learners to a team', params: learning.teamParams, body: learning.teamMembersBody,
    responses: { 200: { description: 'The team with its members', schema: learning.teamDetailAnswer } },
  }),
  teams({
    method: 'GET', path: '/v1/teams/{teamId}', operationId: 'getTeam',
    summary: "A team's members with each one's latest profile", params: learning.teamParams,
    responses: { 200: { description: 'The team with its members', schema: learning.teamDetailAnswer } },
  }),
] as const satisfies readonly RouteSpec[];

/**
 * What each entry of this family may touch (functions/shared/function-needs.ts; CDK grants exactly
 * this). A single share's job for the documents worker is recorded in the table's outbox with the
 * share, and the outbox relay queues it: no HTTP function sends to a queue.
 */
export const learningNeeds = {
  'functions/http/learners.ts': { table: 'readWrite' },
  'functions/http/teams.ts': { table: 'readWrite' },
} as const satisfies NeedsByEntry;
