import { routeFamily, type RouteSpec } from '../route-definition.ts';
import type { NeedsByEntry } from '../../shared/function-needs.ts';
import { answer, listing } from '../schemas/answers.ts';
import * as learning from '../schemas/learning.ts';

/** Each entry's rows: its Lambda, its tag, and who may call it (an organisation's admin or supplier). */
const learners = routeFamily({ entry: 'functions/http/learners.ts', tags: ['learners'], access: ['admin', 'supplier'] });
const teams = routeFamily({ entry: 'functions/http/teams.ts', tags: ['teams'], access: ['admin', 'supplier'] });

/** Learners, their profiles and teams (seed 001). Part of THE route table (../routes.ts); one route a line, as api.md's tables list them. */
export const learningRoutes = [
  // Learners and teams: single profiles (seed 001)
  learners('POST', '/v1/learners', 'createLearner', { summary: 'Add a learner', body: learning.learnerBody, responses: answer.created('The learner', learning.learnerAnswer) }),
  learners('GET', '/v1/learners', 'listLearners', { summary: 'List learners, each with profiles newest first', ...listing('A page of learners', learning.learnerAnswer) }),
  learners('GET', '/v1/learners/{learnerId}', 'getLearner', { summary: 'A learner with profiles newest first', params: learning.learnerParams, responses: answer.ok('The learner', learning.learnerAnswer) }),
  learners('POST', '/v1/learners/{learnerId}/profiles', 'importProfile', { summary: 'Import a completed profile (results from the assessment)', idempotent: true, params: learning.learnerParams, body: learning.profileImportBody, responses: answer.created('The profile', learning.learnerProfileAnswer) }),
  learners('POST', '/v1/learners/{learnerId}/profiles/{profileId}/shares', 'shareLearnerProfile', { summary: 'Email the learner that profile: a link, or the PDF attached', idempotent: true, params: learning.learnerProfileParams, body: learning.shareBody, responses: answer.accepted('Queued', learning.shareAnswer, { Location: 'The share, to follow its status' }) }),
  learners('GET', '/v1/learners/{learnerId}/profiles/{profileId}/shares/{shareId}', 'getLearnerProfileShare', { summary: 'A single share: queued, then emailed (and how: attached, or as a link)', params: learning.shareParams, responses: answer.ok('The share', learning.shareAnswer) }),
  learners('DELETE', '/v1/learners/{learnerId}/profiles/{profileId}/shares/{shareId}', 'revokeLearnerProfileShare', { summary: 'Withdraw a share sent as a download link: the link answers 410 LINK_REVOKED from then on (409 SHARE_NOT_REVOCABLE for attachments, digital links and shares still queued)', params: learning.shareParams, errors: { 409: ['SHARE_NOT_REVOCABLE'] }, responses: answer.noContent('The link is revoked') }),
  teams('POST', '/v1/teams', 'createTeam', { summary: 'Create a team', body: learning.teamBody, responses: answer.created('The team', learning.teamAnswer) }),
  teams('GET', '/v1/teams', 'listTeams', { summary: 'List teams', ...listing('A page of teams', learning.teamAnswer) }),
  teams('POST', '/v1/teams/{teamId}/members', 'addTeamMembers', { summary: 'Add learners to a team', params: learning.teamParams, body: learning.teamMembersBody, responses: answer.ok('The team with its members', learning.teamDetailAnswer) }),
  teams('GET', '/v1/teams/{teamId}', 'getTeam', { summary: "A team's members with each one's latest profile", params: learning.teamParams, responses: answer.ok('The team with its members', learning.teamDetailAnswer) }),
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
