import { routeFamily, type RouteSpec } from '../route-definition.ts';
import type { NeedsByEntry } from '../../shared/function-needs.ts';
import { answer, listing } from '../schemas/answers.ts';
import * as practice from '../schemas/practice.ts';

/** Each entry's rows, by tag: its Lambda, its tag, and who may call it. */
const balance = routeFamily({ entry: 'functions/http/balance.ts', tags: ['balance'], access: ['practitioner'] });
const groups = routeFamily({ entry: 'functions/http/groups.ts', tags: ['groups'], access: ['practitioner'] });
const groupCodes = routeFamily({ entry: 'functions/http/groups.ts', tags: ['codes'], access: ['practitioner'] });
const codes = routeFamily({ entry: 'functions/http/codes.ts', tags: ['codes'], access: 'signed-in' });
const audit = routeFamily({ entry: 'functions/http/audit.ts', tags: ['audit'] });

/** Practitioner: balance, groups and shareable codes (seed 000), and the audit trail. Part of THE route table (../routes.ts); one route a line, as api.md's tables list them. */
export const practiceRoutes = [
  // Practitioner: balance, groups, codes (seed 000)
  balance('POST', '/v1/balance/purchases', 'purchaseUses', { summary: 'Record a paid order of uses (confirmed by billing) into the balance', idempotent: true, body: practice.purchaseBody, responses: answer.created('Purchase and the new balance', practice.purchaseAnswer) }),
  balance('GET', '/v1/balance', 'getBalance', { summary: 'Uses available, in groups and used, per product', responses: answer.ok('Balance', practice.balanceAnswer) }),
  groups('POST', '/v1/groups', 'createGroup', { summary: 'Create a group', body: practice.groupBody, responses: answer.created('The group', practice.groupAnswer) }),
  groups('GET', '/v1/groups', 'listGroups', { summary: 'List groups', ...listing('A page of groups', practice.groupAnswer) }),
  groups('GET', '/v1/groups/{groupId}', 'getGroup', { summary: 'Group overview: uses per product, codes and member count', params: practice.groupParams, responses: answer.ok('Overview', practice.groupOverviewAnswer) }),
  groups('PATCH', '/v1/groups/{groupId}', 'updateGroup', { summary: 'Rename or describe a group', params: practice.groupParams, body: practice.groupPatchBody, responses: answer.ok('The group', practice.groupAnswer) }),
  groups('DELETE', '/v1/groups/{groupId}', 'deleteGroup', { summary: 'Delete a group: unused uses go back to the balance, its codes stop working', params: practice.groupParams, responses: answer.noContent('Deleted') }),
  groups('POST', '/v1/groups/{groupId}/uses', 'allocateUses', { summary: 'Move uses from the balance into the group (409 INSUFFICIENT_BALANCE)', idempotent: true, params: practice.groupParams, body: practice.usesBody, errors: { 409: ['INSUFFICIENT_BALANCE'] }, responses: answer.ok('Overview', practice.groupOverviewAnswer) }),
  groups('POST', '/v1/groups/{groupId}/uses/return', 'returnUses', { summary: 'Move unused uses back to the balance (409 NOT_ENOUGH_UNUSED)', idempotent: true, params: practice.groupParams, body: practice.usesBody, errors: { 409: ['NOT_ENOUGH_UNUSED'] }, responses: answer.ok('Overview', practice.groupOverviewAnswer) }),
  groupCodes('POST', '/v1/groups/{groupId}/codes', 'createCode', { summary: 'Create a shareable code for the group', idempotent: true, params: practice.groupParams, body: practice.codeBody, responses: answer.created('The code with its ready-to-paste shareText', practice.codeAnswer) }),
  groupCodes('GET', '/v1/groups/{groupId}/codes', 'listCodes', { summary: "The group's codes, oldest first", params: practice.groupParams, ...listing('Codes', practice.codeAnswer) }),
  groupCodes('DELETE', '/v1/groups/{groupId}/codes/{code}', 'revokeCode', { summary: 'Revoke a code: it stops working at once', params: practice.groupCodeParams, responses: answer.noContent('Revoked') }),
  groups('GET', '/v1/groups/{groupId}/members', 'listMembers', { summary: "The group's members", params: practice.groupParams, ...listing('A page of members', practice.memberAnswer) }),
  codes('GET', '/v1/codes/{code}', 'describeCode', { summary: 'What a code offers (410 CODE_REVOKED / CODE_EXPIRED)', params: practice.codeParams, errors: { 410: ['CODE_REVOKED', 'CODE_EXPIRED'] }, responses: answer.ok('The offer', practice.codeDescriptionAnswer) }),
  codes('POST', '/v1/codes/{code}/redemptions', 'redeemCode', { summary: 'Redeem a code: 201 first time, 200 with the same assignment after', idempotent: true, params: practice.codeParams, errors: { 403: ['EMAIL_DOMAIN_NOT_ALLOWED'], 409: ['NO_USES_LEFT'], 410: ['CODE_REVOKED', 'CODE_EXPIRED'] }, responses: answer.createdOnce('Redeemed', 'Already redeemed by this user: the same assignment', practice.redemptionAnswer) }),
  // Who administers an organisation: in a practice (seed 000) the practitioner, who owns its
  // balance, groups and codes; elsewhere its admins (seed 001's team admins, and in seed 002 the
  // supplier's and the client's admins, who hold `admin` beside `supplier` or `client`). A plain
  // supplier or client user is refused: the trail names every member and every code of the
  // organisation.
  audit('GET', '/v1/audit', 'listAudit', { summary: "The organisation's audit trail, newest first (practitioners and admins; codes masked)", access: ['practitioner', 'admin'], ...listing('A page of audit entries', practice.auditEntryAnswer) }),
] as const satisfies readonly RouteSpec[];

/**
 * What each entry of this family may touch (functions/shared/function-needs.ts; CDK grants exactly
 * this). The audit trail is only read; its wrapper may create the cursor secret on first use.
 */
export const practiceNeeds = {
  'functions/http/balance.ts': { table: 'readWrite' },
  'functions/http/groups.ts': { table: 'readWrite' },
  'functions/http/codes.ts': { table: 'readWrite' },
  'functions/http/audit.ts': { table: 'read', createsSecrets: true },
} as const satisfies NeedsByEntry;
