import { routeFamily, type RouteSpec } from '../route-definition.ts';
import type { NeedsByEntry } from '../../shared/function-needs.ts';
import { answer, listing } from '../schemas/answers.ts';
import * as practice from '../schemas/practice.ts';
import * as s from '../schemas/invitations.ts';

/** Each entry's rows: its Lambda, its tag, and who may call it. */
const invitations = routeFamily({ entry: 'functions/http/invitations.ts', tags: ['invitations'], access: ['practitioner'] });
const me = routeFamily({ entry: 'functions/http/me.ts', tags: ['me'], access: 'signed-in' });

/** Practitioner invitations and withheld profiles (seed 000); everyone's assignments and profiles. Part of THE route table (../routes.ts); one route a line, as api.md's tables list them. */
export const invitationsRoutes = [
  // Practitioner: invitations and withheld profiles (seed 000)
  invitations('POST', '/v1/invitations', 'invite', { summary: 'Invite one person by email: spends one use (409 INSUFFICIENT_BALANCE)', idempotent: true, body: s.invitationBody, errors: { 404: ['NOT_FOUND'], 409: ['INSUFFICIENT_BALANCE'] }, responses: answer.created('Sent', s.invitationAnswer) }),
  invitations('POST', '/v1/invitations/preview', 'previewInvitation', { summary: 'The invitation email exactly as it would be sent; spends and sends nothing', body: s.invitationBody, responses: answer.ok('The email', s.previewAnswer) }),
  invitations('GET', '/v1/invitations', 'listInvitations', { summary: 'List invitations, newest first, optionally by status', ...listing('A page of invitations', s.invitationAnswer, s.invitationListQuery) }),
  invitations('GET', '/v1/invitations/{invitationId}', 'getInvitation', { summary: 'An invitation, with its profile once completed and what became of its email', params: s.invitationParams, responses: answer.ok('The invitation', s.invitationDetailAnswer) }),
  invitations('DELETE', '/v1/invitations/{invitationId}', 'revokeInvitation', { summary: 'Revoke while not accepted: the use returns to the balance (409 ALREADY_ACCEPTED)', params: s.invitationParams, errors: { 409: ['ALREADY_ACCEPTED'] }, responses: answer.noContent('Revoked') }),
  invitations('POST', '/v1/invitations/{invitationId}/release', 'releaseInvitation', { summary: 'Release a withheld profile now and cancel its schedule', params: s.invitationParams, errors: { 410: ['INVITATION_REVOKED'] }, responses: answer.ok('The invitation', s.invitationAnswer) }),
  invitations('POST', '/v1/invitations/{invitationId}/reminders', 'remindInvitation', { summary: 'Email the invitee again with the same accept link (409 ALREADY_ACCEPTED; 409 REMINDER_TOO_SOON within 24 h of the last email, its details holding { path: "retryAfter", message: <when a reminder may go> }; 410 INVITATION_REVOKED / INVITATION_EXPIRED)', params: s.invitationParams, errors: { 409: ['ALREADY_ACCEPTED', 'REMINDER_TOO_SOON'], 410: ['INVITATION_REVOKED', 'INVITATION_EXPIRED'] }, responses: answer.accepted('The reminder is on its way', s.reminderAnswer) }),
  invitations('POST', '/v1/groups/{groupId}/reminders', 'remindGroup', { summary: 'Remind every member of the group whose assignment is unfinished, each at most once per 24 h', params: s.groupReminderParams, responses: answer.accepted('How many were reminded now', s.groupReminderAnswer) }),
  invitations('POST', '/v1/invitations/accept', 'acceptInvitation', { summary: 'Accept an invitation as the invited email (403 EMAIL_MISMATCH, 410 INVITATION_REVOKED)', access: 'signed-in', idempotent: true, body: s.acceptBody, errors: { 403: ['EMAIL_MISMATCH'], 404: ['NOT_FOUND'], 409: ['ALREADY_ACCEPTED'], 410: ['INVITATION_REVOKED', 'INVITATION_EXPIRED'] }, responses: answer.createdOnce('Accepted', 'Already accepted by this user: the same assignment', practice.redemptionAnswer) }),

  // Everyone: my assignments and profiles
  me('GET', '/v1/me/assignments', 'myAssignments', { summary: 'My assignments', ...listing('A page of assignments', practice.assignmentAnswer) }),
  me('POST', '/v1/me/assignments/{assignmentId}/completion', 'completeAssignment', { summary: 'Finish the questionnaire: creates the profile', idempotent: true, params: s.assignmentParams, body: s.completionBody, errors: { 409: ['ALREADY_COMPLETED'] }, responses: answer.created('The profile', s.myProfileAnswer) }),
  me('GET', '/v1/me/profiles', 'myProfiles', { summary: 'My profiles (withheld ones say until when)', ...listing('A page of profiles', s.myProfileAnswer) }),
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
