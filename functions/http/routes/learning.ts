import { route, type RouteSpec } from '../route-definition.ts';
import type { NeedsByEntry } from '../../shared/function-needs.ts';
import { listQuery, page } from '../schemas/common.ts';
import * as learning from '../schemas/learning.ts';

/** Learners, their profiles and teams (seed 001). Part of THE route table (../routes.ts); method and path share a line on purpose. */
export const learningRoutes = [
  // Learners and teams: single profiles (seed 001)
  route({
    method: 'POST', path: '/v1/learners',
    entry: 'functions/http/learners.ts', operationId: 'createLearner', tags: ['learners'],
    summary: 'Add a learner', access: ['admin', 'supplier'], body: learning.learnerBody,
    responses: { 201: { description: 'The learner', schema: learning.learnerAnswer } },
  }),
  route({
    method: 'GET', path: '/v1/learners',
    entry: 'functions/http/learners.ts', operationId: 'listLearners', tags: ['learners'],
    summary: 'List learners, each with profiles newest first', access: ['admin', 'supplier'], query: listQuery,
    responses: { 200: { description: 'A page of learners', schema: page(learning.learnerAnswer) } },
  }),
  route({
    method: 'GET', path: '/v1/learners/{learnerId}',
    entry: 'functions/http/learners.ts', operationId: 'getLearner', tags: ['learners'],
    summary: 'A learner with profiles newest first', access: ['admin', 'supplier'], params: learning.learnerParams,
    responses: { 200: { description: 'The learner', schema: learning.learnerAnswer } },
  }),
  route({
    method: 'POST', path: '/v1/learners/{learnerId}/profiles',
    entry: 'functions/http/learners.ts', operationId: 'importProfile', tags: ['learners'],
    summary: 'Import a completed profile (results from the assessment)', access: ['admin', 'supplier'], idempotent: true,
    params: learning.learnerParams, body: learning.profileImportBody,
    responses: { 201: { description: 'The profile', schema: learning.learnerProfileAnswer } },
  }),
  route({
    method: 'POST', path: '/v1/learners/{learnerId}/profiles/{profileId}/shares',
    entry: 'functions/http/learners.ts', operationId: 'shareLearnerProfile', tags: ['learners'],
    summary: 'Email the learner that profile: a link, or the PDF attached', access: ['admin', 'supplier'], idempotent: true,
    params: learning.learnerProfileParams, body: learning.shareBody,
    responses: { 202: { description: 'Queued', schema: learning.shareAnswer, headers: { Location: 'The share, to follow its status' } } },
  }),
  route({
    method: 'GET', path: '/v1/learners/{learnerId}/profiles/{profileId}/shares/{shareId}',
    entry: 'functions/http/learners.ts', operationId: 'getLearnerProfileShare', tags: ['learners'],
    summary: 'A single share: queued, then emailed (and how: attached, or as a link)', access: ['admin', 'supplier'],
    params: learning.shareParams,
    responses: { 200: { description: 'The share', schema: learning.shareAnswer } },
  }),
  route({
    method: 'DELETE', path: '/v1/learners/{learnerId}/profiles/{profileId}/shares/{shareId}',
    entry: 'functions/http/learners.ts', operationId: 'revokeLearnerProfileShare', tags: ['learners'],
    summary: 'Withdraw a share sent as a download link: the link answers 410 LINK_REVOKED from then on (409 SHARE_NOT_REVOCABLE for attachments, digital links and shares still queued)', access: ['admin', 'supplier'],
    params: learning.shareParams,
    errors: { 409: ['SHARE_NOT_REVOCABLE'] },
    responses: { 204: { description: 'The link is revoked' } },
  }),
  route({
    method: 'POST', path: '/v1/teams',
    entry: 'functions/http/teams.ts', operationId: 'createTeam', tags: ['teams'],
    summary: 'Create a team', access: ['admin', 'supplier'], body: learning.teamBody,
    responses: { 201: { description: 'The team', schema: learning.teamAnswer } },
  }),
  route({
    method: 'GET', path: '/v1/teams',
    entry: 'functions/http/teams.ts', operationId: 'listTeams', tags: ['teams'],
    summary: 'List teams', access: ['admin', 'supplier'], query: listQuery,
    responses: { 200: { description: 'A page of teams', schema: page(learning.teamAnswer) } },
  }),
  route({
    method: 'POST', path: '/v1/teams/{teamId}/members',
    entry: 'functions/http/teams.ts', operationId: 'addTeamMembers', tags: ['teams'],
    summary: 'Add learners to a team', access: ['admin', 'supplier'], params: learning.teamParams, body: learning.teamMembersBody,
    responses: { 200: { description: 'The team with its members', schema: learning.teamDetailAnswer } },
  }),
  route({
    method: 'GET', path: '/v1/teams/{teamId}',
    entry: 'functions/http/teams.ts', operationId: 'getTeam', tags: ['teams'],
    summary: "A team's members with each one's latest profile", access: ['admin', 'supplier'], params: learning.teamParams,
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
