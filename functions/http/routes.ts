import { route, routeKey, type RouteSpec } from './route-definition.ts';
import { healthBody, listQuery, page } from './schemas/common.ts';
import * as practice from './schemas/practice.ts';
import * as learning from './schemas/learning.ts';
import * as invitations from './schemas/invitations.ts';
import * as z from 'zod';

/**
 * THE route table. Read by CDK (infra/constructs/api.ts), the local gateway, every handler's
 * wrapper and the OpenAPI generator. A route's method and path sit on one line on purpose: it keeps
 * the table greppable against api.md (so .prettierignore leaves this file to its authors).
 */
export const routes = [
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
      200: { description: 'OpenAPI 3.1 document', schema: z.looseObject({ openapi: z.string() }) },
    },
  }),

  // Practitioner: balance, groups, codes (seed 000)
  route({
    method: 'POST', path: '/v1/balance/purchases',
    entry: 'functions/http/balance.ts',
    operationId: 'purchaseUses',
    tags: ['balance'],
    summary: 'Record a paid order of uses (confirmed by billing) into the balance',
    access: ['practitioner'],
    idempotent: true,
    body: practice.purchaseBody,
    responses: { 201: { description: 'Purchase and the new balance', schema: practice.purchaseAnswer } },
  }),
  route({
    method: 'GET', path: '/v1/balance',
    entry: 'functions/http/balance.ts',
    operationId: 'getBalance',
    tags: ['balance'],
    summary: 'Uses available, in groups and used, per product',
    access: ['practitioner'],
    responses: { 200: { description: 'Balance', schema: practice.balanceAnswer } },
  }),
  route({
    method: 'POST', path: '/v1/groups',
    entry: 'functions/http/groups.ts',
    operationId: 'createGroup',
    tags: ['groups'],
    summary: 'Create a group',
    access: ['practitioner'],
    body: practice.groupBody,
    responses: { 201: { description: 'The group', schema: practice.groupAnswer } },
  }),
  route({
    method: 'GET', path: '/v1/groups',
    entry: 'functions/http/groups.ts',
    operationId: 'listGroups',
    tags: ['groups'],
    summary: 'List groups',
    access: ['practitioner'],
    query: listQuery,
    responses: { 200: { description: 'A page of groups', schema: page(practice.groupAnswer) } },
  }),
  route({
    method: 'GET', path: '/v1/groups/{groupId}',
    entry: 'functions/http/groups.ts',
    operationId: 'getGroup',
    tags: ['groups'],
    summary: 'Group overview: uses per product, codes and member count',
    access: ['practitioner'],
    params: practice.groupParams,
    responses: { 200: { description: 'Overview', schema: practice.groupOverviewAnswer } },
  }),
  route({
    method: 'PATCH', path: '/v1/groups/{groupId}',
    entry: 'functions/http/groups.ts',
    operationId: 'updateGroup',
    tags: ['groups'],
    summary: 'Rename or describe a group',
    access: ['practitioner'],
    params: practice.groupParams,
    body: practice.groupPatchBody,
    responses: { 200: { description: 'The group', schema: practice.groupAnswer } },
  }),
  route({
    method: 'DELETE', path: '/v1/groups/{groupId}',
    entry: 'functions/http/groups.ts',
    operationId: 'deleteGroup',
    tags: ['groups'],
    summary: 'Delete a group: unused uses go back to the balance, its codes stop working',
    access: ['practitioner'],
    params: practice.groupParams,
    responses: { 204: { description: 'Deleted' } },
  }),
  route({
    method: 'POST', path: '/v1/groups/{groupId}/uses',
    entry: 'functions/http/groups.ts',
    operationId: 'allocateUses',
    tags: ['groups'],
    summary: 'Move uses from the balance into the group (409 INSUFFICIENT_BALANCE)',
    access: ['practitioner'],
    idempotent: true,
    params: practice.groupParams,
    body: practice.usesBody,
    responses: { 200: { description: 'Overview', schema: practice.groupOverviewAnswer } },
  }),
  route({
    method: 'POST', path: '/v1/groups/{groupId}/uses/return',
    entry: 'functions/http/groups.ts',
    operationId: 'returnUses',
    tags: ['groups'],
    summary: 'Move unused uses back to the balance (409 NOT_ENOUGH_UNUSED)',
    access: ['practitioner'],
    idempotent: true,
    params: practice.groupParams,
    body: practice.usesBody,
    responses: { 200: { description: 'Overview', schema: practice.groupOverviewAnswer } },
  }),
  route({
    method: 'POST', path: '/v1/groups/{groupId}/codes',
    entry: 'functions/http/groups.ts',
    operationId: 'createCode',
    tags: ['codes'],
    summary: 'Create a shareable code for the group',
    access: ['practitioner'],
    idempotent: true,
    params: practice.groupParams,
    body: practice.codeBody,
    responses: {
      201: { description: 'The code with its ready-to-paste shareText', schema: practice.codeAnswer },
    },
  }),
  route({
    method: 'GET', path: '/v1/groups/{groupId}/codes',
    entry: 'functions/http/groups.ts',
    operationId: 'listCodes',
    tags: ['codes'],
    summary: "The group's codes",
    access: ['practitioner'],
    params: practice.groupParams,
    responses: { 200: { description: 'Codes', schema: page(practice.codeAnswer) } },
  }),
  route({
    method: 'DELETE', path: '/v1/groups/{groupId}/codes/{code}',
    entry: 'functions/http/groups.ts',
    operationId: 'revokeCode',
    tags: ['codes'],
    summary: 'Revoke a code: it stops working at once',
    access: ['practitioner'],
    params: practice.groupCodeParams,
    responses: { 204: { description: 'Revoked' } },
  }),
  route({
    method: 'GET', path: '/v1/groups/{groupId}/members',
    entry: 'functions/http/groups.ts',
    operationId: 'listMembers',
    tags: ['groups'],
    summary: "The group's members",
    access: ['practitioner'],
    params: practice.groupParams,
    query: listQuery,
    responses: { 200: { description: 'A page of members', schema: page(practice.memberAnswer) } },
  }),
  route({
    method: 'GET', path: '/v1/codes/{code}',
    entry: 'functions/http/codes.ts',
    operationId: 'describeCode',
    tags: ['codes'],
    summary: 'What a code offers (410 CODE_REVOKED / CODE_EXPIRED)',
    access: 'signed-in',
    params: practice.codeParams,
    responses: { 200: { description: 'The offer', schema: practice.codeDescriptionAnswer } },
  }),
  route({
    method: 'POST', path: '/v1/codes/{code}/redemptions',
    entry: 'functions/http/codes.ts',
    operationId: 'redeemCode',
    tags: ['codes'],
    summary: 'Redeem a code: 201 first time, 200 with the same assignment after',
    access: 'signed-in',
    idempotent: true,
    params: practice.codeParams,
    responses: {
      201: { description: 'Redeemed', schema: practice.redemptionAnswer },
      200: {
        description: 'Already redeemed by this user: the same assignment',
        schema: practice.redemptionAnswer,
      },
    },
  }),
  route({
    method: 'GET', path: '/v1/audit',
    entry: 'functions/http/audit.ts',
    operationId: 'listAudit',
    tags: ['audit'],
    summary: "The organisation's audit trail, newest first",
    access: ['practitioner', 'admin', 'supplier', 'client'],
    query: listQuery,
    responses: { 200: { description: 'A page of audit entries', schema: page(practice.auditEntryAnswer) } },
  }),

  // Practitioner: invitations and withheld profiles (seed 000)
  route({
    method: 'POST', path: '/v1/invitations',
    entry: 'functions/http/invitations.ts', operationId: 'invite', tags: ['invitations'],
    summary: 'Invite one person by email: spends one use (409 INSUFFICIENT_BALANCE)', access: ['practitioner'], idempotent: true,
    body: invitations.invitationBody,
    responses: { 201: { description: 'Sent', schema: invitations.invitationAnswer } },
  }),
  route({
    method: 'POST', path: '/v1/invitations/preview',
    entry: 'functions/http/invitations.ts', operationId: 'previewInvitation', tags: ['invitations'],
    summary: 'The invitation email exactly as it would be sent; spends and sends nothing', access: ['practitioner'],
    body: invitations.invitationBody,
    responses: { 200: { description: 'The email', schema: invitations.previewAnswer } },
  }),
  route({
    method: 'GET', path: '/v1/invitations',
    entry: 'functions/http/invitations.ts', operationId: 'listInvitations', tags: ['invitations'],
    summary: 'List invitations, newest first, optionally by status', access: ['practitioner'], query: invitations.invitationListQuery,
    responses: { 200: { description: 'A page of invitations', schema: page(invitations.invitationAnswer) } },
  }),
  route({
    method: 'GET', path: '/v1/invitations/{invitationId}',
    entry: 'functions/http/invitations.ts', operationId: 'getInvitation', tags: ['invitations'],
    summary: 'An invitation, with its profile once completed', access: ['practitioner'], params: invitations.invitationParams,
    responses: { 200: { description: 'The invitation', schema: invitations.invitationAnswer } },
  }),
  route({
    method: 'DELETE', path: '/v1/invitations/{invitationId}',
    entry: 'functions/http/invitations.ts', operationId: 'revokeInvitation', tags: ['invitations'],
    summary: 'Revoke while not accepted: the use returns to the balance (409 ALREADY_ACCEPTED)', access: ['practitioner'], params: invitations.invitationParams,
    responses: { 204: { description: 'Revoked' } },
  }),
  route({
    method: 'POST', path: '/v1/invitations/{invitationId}/release',
    entry: 'functions/http/invitations.ts', operationId: 'releaseInvitation', tags: ['invitations'],
    summary: 'Release a withheld profile now and cancel its schedule', access: ['practitioner'], params: invitations.invitationParams,
    responses: { 200: { description: 'The invitation', schema: invitations.invitationAnswer } },
  }),
  route({
    method: 'POST', path: '/v1/invitations/accept',
    entry: 'functions/http/invitations.ts', operationId: 'acceptInvitation', tags: ['invitations'],
    summary: 'Accept an invitation as the invited email (403 EMAIL_MISMATCH, 410 INVITATION_REVOKED)', access: 'signed-in', idempotent: true,
    body: invitations.acceptBody,
    responses: {
      201: { description: 'Accepted', schema: practice.redemptionAnswer },
      200: { description: 'Already accepted by this user: the same assignment', schema: practice.redemptionAnswer },
    },
  }),

  // Everyone: my assignments and profiles
  route({
    method: 'GET', path: '/v1/me/assignments',
    entry: 'functions/http/me.ts', operationId: 'myAssignments', tags: ['me'],
    summary: 'My assignments', access: 'signed-in', query: listQuery,
    responses: { 200: { description: 'A page of assignments', schema: page(practice.assignmentAnswer) } },
  }),
  route({
    method: 'POST', path: '/v1/me/assignments/{assignmentId}/completion',
    entry: 'functions/http/me.ts', operationId: 'completeAssignment', tags: ['me'],
    summary: 'Finish the questionnaire: creates the profile', access: 'signed-in', idempotent: true,
    params: invitations.assignmentParams, body: invitations.completionBody,
    responses: { 201: { description: 'The profile', schema: invitations.myProfileAnswer } },
  }),
  route({
    method: 'GET', path: '/v1/me/profiles',
    entry: 'functions/http/me.ts', operationId: 'myProfiles', tags: ['me'],
    summary: 'My profiles (withheld ones say until when)', access: 'signed-in', query: listQuery,
    responses: { 200: { description: 'A page of profiles', schema: page(invitations.myProfileAnswer) } },
  }),
  route({
    method: 'GET', path: '/v1/me/profiles/{profileId}/download',
    entry: 'functions/http/downloads.ts', operationId: 'downloadMyProfile', tags: ['me'],
    summary: 'My profile as PDF (403 PROFILE_WITHHELD while withheld)', access: 'signed-in',
    params: invitations.myProfileParams, query: learning.downloadQuery,
    responses: { 200: { description: 'A short-lived download URL', schema: learning.downloadAnswer } },
  }),

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
    method: 'GET', path: '/v1/learners/{learnerId}/profiles/{profileId}/download',
    entry: 'functions/http/downloads.ts', operationId: 'downloadLearnerProfile', tags: ['learners'],
    summary: "Any of the learner's profiles as PDF, in the asked or preferred language", access: ['admin', 'supplier'],
    params: learning.learnerProfileParams, query: learning.downloadQuery,
    responses: { 200: { description: 'A short-lived download URL', schema: learning.downloadAnswer } },
  }),
  route({
    method: 'POST', path: '/v1/learners/{learnerId}/profiles/{profileId}/shares',
    entry: 'functions/http/learners.ts', operationId: 'shareLearnerProfile', tags: ['learners'],
    summary: 'Email the learner that profile: a link, or the PDF attached', access: ['admin', 'supplier'], idempotent: true,
    params: learning.learnerProfileParams, body: learning.shareBody,
    responses: { 202: { description: 'Queued', schema: learning.shareAnswer } },
  }),
  route({
    method: 'GET', path: '/v1/learners/{learnerId}/profiles/{profileId}/shares/{shareId}',
    entry: 'functions/http/learners.ts', operationId: 'getLearnerProfileShare', tags: ['learners'],
    summary: 'A single share: queued, then emailed (and how: attached, or as a link)', access: ['admin', 'supplier'],
    params: learning.shareParams,
    responses: { 200: { description: 'The share', schema: learning.shareAnswer } },
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

  // Links in emails
  route({
    method: 'GET', path: '/v1/links/{token}',
    entry: 'functions/http/links.ts', operationId: 'followLink', tags: ['links'],
    summary: 'Follow an emailed link: 302 to a freshly signed, minutes-long download URL (410 LINK_EXPIRED / LINK_REVOKED)',
    access: 'public', params: z.object({ token: z.string().min(1).max(200) }),
    responses: { 302: { description: 'Redirect to the file' } },
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
