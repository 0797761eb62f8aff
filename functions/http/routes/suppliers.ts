import { routeFamily, type RouteSpec } from '../route-definition.ts';
import type { NeedsByEntry } from '../../shared/function-needs.ts';
import { answer, listing } from '../schemas/answers.ts';
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

/** Each entry's rows: its Lambda, its tag, and who may call it. */
const suppliers = routeFamily({ entry: 'functions/http/suppliers.ts', tags: ['suppliers'], access: clientAdmin });
const clients = routeFamily({ entry: 'functions/http/clients.ts', tags: ['clients'], access: supplier });
const clientStaff = routeFamily({ entry: 'functions/http/client-staff.ts', tags: ['client-staff'], access: client });
const courses = routeFamily({ entry: 'functions/http/courses.ts', tags: ['courses'], access: client });

/**
 * Suppliers and clients: share staff (seed 002). Part of THE route table (../routes.ts); method and
 * path share a line on purpose. One Lambda per side and topic, so each bundle stays small; the client's
 * profile download is served by the downloads family (the one that renders PDFs).
 */
export const suppliersRoutes = [
  // Suppliers and clients: share staff (seed 002) — the client's administrator
  suppliers('POST', '/v1/suppliers', 'linkSupplier', { summary: 'Link a supplier organisation (linking one already linked answers the link as it stands)', body: s.linkSupplierBody, responses: answer.created('The link', s.supplierLinkAnswer) }),
  suppliers('DELETE', '/v1/suppliers/{supplierOrgId}', 'unlinkSupplier', { summary: "Unlink a supplier: it can share no more, and the client no longer sees any of its staff", params: s.supplierParams, responses: answer.noContent('Unlinked') }),
  suppliers('POST', '/v1/suppliers/{supplierOrgId}/shared-teams', 'shareTeamWithSupplier', { summary: 'Let a linked supplier pick one of my teams when sharing staff', params: s.supplierParams, body: s.shareTeamBody, responses: answer.created('The team, shared', s.teamSharedAnswer) }),
  // Suppliers and clients: share staff (seed 002) — the supplier
  clients('GET', '/v1/clients', 'listClients', { summary: 'My linked clients: name, linked since, shared teams', ...listing('A page of linked clients', s.clientLinkAnswer) }),
  clients('GET', '/v1/clients/{clientOrgId}/teams', 'listClientTeams', { summary: 'The teams a linked client shared with me', params: s.clientParams, ...listing('A page of shared teams', s.sharedTeamAnswer) }),
  clients('POST', '/v1/clients/{clientOrgId}/staff-shares/summary', 'summariseStaffShare', { summary: 'Review a share: the client, the team and each person, with whether they are shared already', params: s.clientParams, body: s.staffShareBody, responses: answer.ok('The summary', s.shareSummaryAnswer) }),
  clients('POST', '/v1/clients/{clientOrgId}/staff-shares', 'shareStaff', { summary: 'Share staff with a linked client (and its team); carried out shortly by a worker', idempotent: true, params: s.clientParams, body: s.staffShareBody, responses: answer.accepted('Accepted', s.shareAcceptedAnswer, { Location: 'The share job, to follow its status' }) }),
  clients('GET', '/v1/clients/{clientOrgId}/staff-shares/{shareId}', 'getStaffShare', { summary: 'A staff share job: queued, then done with how many were shared', params: s.shareJobParams, responses: answer.ok('The share job', s.shareJobAnswer) }),
  clients('GET', '/v1/clients/{clientOrgId}/staff', 'listStaffSharedWithClient', { summary: 'My staff shared with that client', params: s.clientParams, ...listing('A page of shared staff', s.sharedStaffAnswer) }),
  clients('DELETE', '/v1/clients/{clientOrgId}/staff/{staffId}', 'revokeStaffShare', { summary: 'Take a staff member back: the client loses sight of them at once, and links it was given stop working', params: s.clientStaffMemberParams, responses: answer.noContent('Revoked') }),
  // Suppliers and clients: share staff (seed 002) — the client
  clientStaff('GET', '/v1/client-staff', 'listClientStaff', { summary: 'Staff shared with me, with their latest profile (filters: supplierOrgId, teamId)', ...listing('A page of shared staff', s.clientStaffAnswer, s.clientStaffQuery) }),
  courses('POST', '/v1/courses', 'createCourse', { summary: 'Create an onboarding or learn course', body: s.courseBody, responses: answer.created('The course', s.courseAnswer) }),
  courses('GET', '/v1/courses', 'listCourses', { summary: 'My courses', ...listing('A page of courses', s.courseAnswer) }),
  courses('POST', '/v1/client-staff/{staffId}/courses', 'issueCourse', { summary: 'Issue a course to a staff member shared with me; they are emailed in their language', idempotent: true, params: s.staffParams, body: s.assignCourseBody, responses: answer.created('The course assignment', s.courseAssignmentAnswer) }),
  courses('GET', '/v1/client-staff/{staffId}/courses', 'listIssuedCourses', { summary: "A shared staff member's course assignments", params: s.staffParams, ...listing('A page of course assignments', s.courseAssignmentAnswer) }),
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
