import { route, type RouteSpec } from '../route-definition.ts';
import type { NeedsByEntry } from '../../shared/function-needs.ts';
import { listQuery, page } from '../schemas/common.ts';
import * as practice from '../schemas/practice.ts';
import * as invitations from '../schemas/invitations.ts';

/** Practitioner invitations and withheld profiles (seed 000); everyone's assignments and profiles. Part of THE route table (../routes.ts); method and path share a line on purpose. */
export const invitationsRoutes = [
  // Practitioner: invitations and withheld profiles (seed 000)
  route({
    method: 'POST', path: '/v1/invitations',
    entry: 'functions/http/invitations.ts', operationId: 'invite', tags: ['invitations'],
    summary: 'Invite one person by email: spends one use (409 INSUFFICIENT_BALANCE)', access: ['practitioner'], idempotent: true,
    body: invitations.invitationBody,
    errors: { 404: ['NOT_FOUND'], 409: ['INSUFFICIENT_BALANCE'] },
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
    errors: { 409: ['ALREADY_ACCEPTED'] },
    responses: { 204: { description: 'Revoked' } },
  }),
  route({
    method: 'POST', path: '/v1/invitations/{invitationId}/release',
    entry: 'functions/http/invitations.ts', operationId: 'releaseInvitation', tags: ['invitations'],
    summary: 'Release a withheld profile now and cancel its schedule', access: ['practitioner'], params: invitations.invitationParams,
    errors: { 410: ['INVITATION_REVOKED'] },
    responses: { 200: { description: 'The invitation', schema: invitations.invitationAnswer } },
  }),
  route({
    method: 'POST', path: '/v1/invitations/{invitationId}/reminders',
    entry: 'functions/http/invitations.ts', operationId: 'remindInvitation', tags: ['invitations'],
    summary: 'Email the invitee again with the same accept link (409 ALREADY_ACCEPTED; 409 REMINDER_TOO_SOON within 24 h of the last email, its details holding { path: "retryAfter", message: <when a reminder may go> }; 410 INVITATION_REVOKED / INVITATION_EXPIRED)', access: ['practitioner'], params: invitations.invitationParams,
    errors: { 409: ['ALREADY_ACCEPTED', 'REMINDER_TOO_SOON'], 410: ['INVITATION_REVOKED', 'INVITATION_EXPIRED'] },
    responses: { 202: { description: 'The reminder is on its way', schema: invitations.reminderAnswer } },
  }),
  route({
    method: 'POST', path: '/v1/groups/{groupId}/reminders',
    entry: 'functions/http/invitations.ts', operationId: 'remindGroup', tags: ['invitations'],
    summary: 'Remind every member of the group whose assignment is unfinished, each at most once per 24 h', access: ['practitioner'], params: invitations.groupReminderParams,
    responses: { 202: { description: 'How many were reminded now', schema: invitations.groupReminderAnswer } },
  }),
  route({
    method: 'POST', path: '/v1/invitations/accept',
    entry: 'functions/http/invitations.ts', operationId: 'acceptInvitation', tags: ['invitations'],
    summary: 'Accept an invitation as the invited email (403 EMAIL_MISMATCH, 410 INVITATION_REVOKED)', access: 'signed-in', idempotent: true,
    body: invitations.acceptBody,
    errors: { 403: ['EMAIL_MISMATCH'], 404: ['NOT_FOUND'], 409: ['ALREADY_ACCEPTED'], 410: ['INVITATION_REVOKED', 'INVITATION_EXPIRED'] },
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
    errors: { 409: ['ALREADY_COMPLETED'] },
    responses: { 201: { description: 'The profile', schema: invitations.myProfileAnswer } },
  }),
  route({
    method: 'GET', path: '/v1/me/profiles',
    entry: 'functions/http/me.ts', operationId: 'myProfiles', tags: ['me'],
    summary: 'My profiles (withheld ones say until when)', access: 'signed-in', query: listQuery,
    responses: { 200: { description: 'A page of profiles', schema: page(invitations.myProfileAnswer) } },
  }),
] as const satisfies readonly RouteSpec[];

/**
 * What each entry of this family may touch (functions/shared/function-needs.ts; CDK grants exactly
 * this). Invitations schedule (and cancel) withheld profiles' releases; their emails are recorded in
 * the table's outbox with the invitation, and the outbox relay queues them, so no HTTP function
 * sends to a queue. `me` only reads and records assignments and profiles: it neither mails nor schedules.
 */
export const invitationsNeeds = {
  'functions/http/invitations.ts': { table: 'readWrite', schedules: true },
  'functions/http/me.ts': { table: 'readWrite' },
} as const satisfies NeedsByEntry;
