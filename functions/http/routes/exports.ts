import { route, type RouteSpec } from '../route-definition.ts';
import type { NeedsByEntry } from '../../shared/function-needs.ts';
import * as s from '../schemas/exports.ts';

/** Bulk profile exports of a team (seed 001). Part of THE route table (../routes.ts); method and path share a line on purpose. */
export const exportsRoutes = [
  // Learners and teams: download and share (seed 001)
  route({
    method: 'POST', path: '/v1/teams/{teamId}/profile-exports/summary',
    entry: 'functions/http/profile-exports.ts', operationId: 'summariseProfileExport', tags: ['teams'],
    summary: 'Before an export: how many selected learners have a latest profile, and who has none', access: ['admin', 'supplier'],
    params: s.teamExportParams, body: s.exportSummaryBody,
    responses: { 200: { description: 'The summary', schema: s.exportSummaryAnswer } },
  }),
  route({
    method: 'POST', path: '/v1/teams/{teamId}/profile-exports',
    entry: 'functions/http/profile-exports.ts', operationId: 'exportProfiles', tags: ['teams'],
    summary: "Download (one zip, emailed as a link) or share (one email per learner, then a summary) the selected learners' latest profiles; carried out by workers", access: ['admin', 'supplier'], idempotent: true,
    params: s.teamExportParams, body: s.exportBody,
    responses: { 202: { description: 'Accepted', schema: s.exportAcceptedAnswer, headers: { Location: 'The export, to follow its progress' } } },
  }),
  route({
    method: 'GET', path: '/v1/profile-exports/{exportId}',
    entry: 'functions/http/profile-exports.ts', operationId: 'getProfileExport', tags: ['teams'],
    summary: "An export's progress (counts over the whole job) and a page of its results", access: ['admin', 'supplier'],
    params: s.exportParams, query: s.exportQuery,
    responses: { 200: { description: 'The export', schema: s.exportJobAnswer } },
  }),
] as const satisfies readonly RouteSpec[];

/**
 * The job and the message it owes are one transaction in the table (the outbox relay queues it), so
 * this function sends to no queue and touches no bucket.
 */
export const exportsNeeds = {
  'functions/http/profile-exports.ts': { table: 'readWrite' },
} as const satisfies NeedsByEntry;
