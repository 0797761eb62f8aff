import { route, type RouteSpec } from '../route-definition.ts';
import type { NeedsByEntry } from '../../shared/function-needs.ts';
import { listQuery, page } from '../schemas/common.ts';
import * as s from '../schemas/suppliers.ts';

/**
 * Who is who on these routes. A client's administrator is a token holding both `client` and `admin`
 * (`{ allOf }`): only they link and unlink suppliers and choose which teams a supplier may pick. Any
 * `client` user sees the staff shared with the client and issues courses; any `supplier` user shares
 * its staff. A token of the other side is refused with 403, whatever the ids.
 */
const clientAdmin = { allOf: ['client', 'admin'] } as const;
const client = ['client'] as const;
const supplier = ['supplier'] as const;

/**
 * Suppliers and clients: share staff (seed 002). Part of THE route table (../routes.ts); method and
 * path share a line on purpose. One Lambda per side and topic, so each bundle stays small; the client's
 * profile download is served by the downloads family (the one that renders PDFs).
 */
export const suppliersRoutes = [
  // Suppliers and clients: share staff (seed 002) — the client's administrator
  route({
    method: 'POST', path: '/v1/suppliers',
    entry: 'functions/http/suppliers.ts', operationId: 'linkSupplier', tags: ['suppliers'],
    summary: 'Link a supplier organisation (linking one already linked answers the link as it stands)', access: clientAdmin,
    body: s.linkSupplierBody,
    responses: { 201: { description: 'The link', schema: s.supplierLinkAnswer } },
  }),
  route({
    method: 'DELETE', path: '/v1/suppliers/{supplierOrgId}',
    entry: 'functions/http/suppliers.ts', operationId: 'unlinkSupplier', tags: ['suppliers'],
    summary: "Unlink a supplier: it can share no more, and the client no longer sees any of its staff", access: clientAdmin,
    params: s.supplierParams,
    responses: { 204: { description: 'Unlinked' } },
  }),
  route({
    method: 'POST', path: '/v1/suppliers/{supplierOrgId}/shared-teams',
    entry: 'functions/http/suppliers.ts', operationId: 'shareTeamWithSupplier', tags: ['suppliers'],
    summary: 'Let a linked supplier pick one of my teams when sharing staff', access: clientAdmin,
    params: s.supplierParams, body: s.shareTeamBody,
    responses: { 201: { description: 'The team, shared', schema: s.teamSharedAnswer } },
  }),
  // Suppliers and clients: share staff (seed 002) — the supplier
  route({
    method: 'GET', path: '/v1/clients',
    entry: 'functions/http/clients.ts', operationId: 'listClients', tags: ['clients'],
    summary: 'My linked clients: name, linked since, shared teams', access: supplier, query: listQuery,
    responses: { 200: { description: 'A page of linked clients', schema: page(s.clientLinkAnswer) } },
  }),
  route({
    method: 'GET', path: '/v1/clients/{clientOrgId}/teams',
    entry: 'functions/http/clients.ts', operationId: 'listClientTeams', tags: ['clients'],
    summary: 'The teams a linked client shared with me', access: supplier, params: s.clientParams, query: listQuery,
    responses: { 200: { description: 'A page of shared teams', schema: page(s.sharedTeamAnswer) } },
  }),
  route({
    method: 'POST', path: '/v1/clients/{clientOrgId}/staff-shares/summary',
    entry: 'functions/http/clients.ts', operationId: 'summariseStaffShare', tags: ['clients'],
    summary: 'Review a share: the client, the team and each person, with whether they are shared already', access: supplier,
    params: s.clientParams, body: s.staffShareBody,
    responses: { 200: { description: 'The summary', schema: s.shareSummaryAnswer } },
  }),
  route({
    method: 'POST', path: '/v1/clients/{clientOrgId}/staff-shares',
    entry: 'functions/http/clients.ts', operationId: 'shareStaff', tags: ['clients'],
    summary: 'Share staff with a linked client (and its team); carried out shortly by a worker', access: supplier, idempotent: true,
    params: s.clientParams, body: s.staffShareBody,
    responses: { 202: { description: 'Accepted', schema: s.shareAcceptedAnswer, headers: { Location: 'The share job, to follow its status' } } },
  }),
  route({
    method: 'GET', path: '/v1/clients/{clientOrgId}/staff-shares/{shareId}',
    entry: 'functions/http/clients.ts', operationId: 'getStaffShare', tags: ['clients'],
    summary: 'A staff share job: queued, then done with how many were shared', access: supplier, params: s.shareJobParams,
    responses: { 200: { description: 'The share job', schema: s.shareJobAnswer } },
  }),
  route({
    method: 'GET', path: '/v1/clients/{clientOrgId}/staff',
    entry: 'functions/http/clients.ts', operationId: 'listStaffSharedWithClient', tags: ['clients'],
    summary: 'My staff shared with that client', access: supplier, params: s.clientParams, query: listQuery,
    responses: { 200: { description: 'A page of shared staff', schema: page(s.sharedStaffAnswer) } },
  }),
  route({
    method: 'DELETE', path: '/v1/clients/{clientOrgId}/staff/{staffId}',
    entry: 'functions/http/clients.ts', operationId: 'revokeStaffShare', tags: ['clients'],
    summary: 'Take a staff member back: the client loses sight of them at once, and links it was given stop working', access: supplier,
    params: s.clientStaffMemberParams,
    responses: { 204: { description: 'Revoked' } },
  }),
  // Suppliers and clients: share staff (seed 002) — the client
  route({
    method: 'GET', path: '/v1/client-staff',
    entry: 'functions/http/client-staff.ts', operationId: 'listClientStaff', tags: ['client-staff'],
    summary: 'Staff shared with me, with their latest profile (filters: supplierOrgId, teamId)', access: client,
    query: s.clientStaffQuery,
    responses: { 200: { description: 'A page of shared staff', schema: page(s.clientStaffAnswer) } },
  }),
  route({
    method: 'POST', path: '/v1/courses',
    entry: 'functions/http/courses.ts', operationId: 'createCourse', tags: ['courses'],
    summary: 'Create an onboarding or learn course', access: client, body: s.courseBody,
    responses: { 201: { description: 'The course', schema: s.courseAnswer } },
  }),
  route({
    method: 'GET', path: '/v1/courses',
    entry: 'functions/http/courses.ts', operationId: 'listCourses', tags: ['courses'],
    summary: 'My courses', access: client, query: listQuery,
    responses: { 200: { description: 'A page of courses', schema: page(s.courseAnswer) } },
  }),
  route({
    method: 'POST', path: '/v1/client-staff/{staffId}/courses',
    entry: 'functions/http/courses.ts', operationId: 'issueCourse', tags: ['courses'],
    summary: 'Issue a course to a staff member shared with me; they are emailed in their language', access: client, idempotent: true,
    params: s.staffParams, body: s.assignCourseBody,
    responses: { 201: { description: 'The course assignment', schema: s.courseAssignmentAnswer } },
  }),
  route({
    method: 'GET', path: '/v1/client-staff/{staffId}/courses',
    entry: 'functions/http/courses.ts', operationId: 'listIssuedCourses', tags: ['courses'],
    summary: "A shared staff member's course assignments", access: client, params: s.staffParams, query: listQuery,
    responses: { 200: { description: 'A page of course assignments', schema: page(s.courseAssignmentAnswer) } },
  }),
] as const satisfies readonly RouteSpec[];

/**
 * What each entry of this family may touch (functions/shared/function-needs.ts; CDK grants exactly
 * this). Only the table: a staff share's job and a course's email are recorded in the table's outbox
 * with the work that owes them, and the outbox relay queues them.
 */
export const suppliersNeeds = {
  'functions/http/suppliers.ts': { table: 'readWrite' },
  'functions/http/clients.ts': { table: 'readWrite' },
  // Reads only; its list creates the cursor secret the first time a page has a next one.
  'functions/http/client-staff.ts': { table: 'read', createsSecrets: true },
  'functions/http/courses.ts': { table: 'readWrite' },
} as const satisfies NeedsByEntry;
