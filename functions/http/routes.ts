import { route, routeKey, type RouteSpec } from './route-definition.ts';
import { healthBody, listQuery, page } from './schemas/common.ts';
import * as practice from './schemas/practice.ts';
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
