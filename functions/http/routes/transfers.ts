import { routeFamily, type RouteSpec } from '../route-definition.ts';
import type { NeedsByEntry } from '../../shared/function-needs.ts';
import { answer, listing } from '../schemas/answers.ts';
import * as invitations from '../schemas/invitations.ts';
import * as s from '../schemas/transfers.ts';

/** The rows' Lambda, tag, and who may call them. */
const transfers = routeFamily({ entry: 'functions/http/transfers.ts', tags: ['transfers'], access: ['practitioner'] });

/** Practitioner transfers of uses (seed 000, "Invites & Transfers"). Part of THE route table (../routes.ts); one route a line, as api.md's tables list them. */
export const transfersRoutes = [
  transfers('POST', '/v1/transfers', 'sendTransfer', { summary: 'Give uses to one email address: they are held (inTransfers) until accepted, cancelled or expired after 30 days (409 INSUFFICIENT_BALANCE)', idempotent: true, body: s.transferBody, errors: { 409: ['INSUFFICIENT_BALANCE'] }, responses: answer.created('Pending', s.transferAnswer) }),
  transfers('POST', '/v1/transfers/preview', 'previewTransfer', { summary: 'The transfer email exactly as it would be sent; holds and sends nothing', body: s.transferBody, responses: answer.ok('The email', invitations.previewAnswer) }),
  transfers('GET', '/v1/transfers', 'listTransfers', { summary: 'Transfers sent by this organisation, or (direction=received) accepted into it, newest first', ...listing('A page of transfers', s.transferAnswer, s.transferListQuery) }),
  transfers('DELETE', '/v1/transfers/{transferId}', 'cancelTransfer', { summary: 'Cancel while pending: the uses return to available (409 ALREADY_ACCEPTED, 410 TRANSFER_EXPIRED)', params: s.transferParams, errors: { 409: ['ALREADY_ACCEPTED'], 410: ['TRANSFER_EXPIRED'] }, responses: answer.noContent('Cancelled') }),
  transfers('POST', '/v1/transfers/accept', 'acceptTransfer', { summary: "Accept a transfer as the named email: the uses join this organisation's balance (403 EMAIL_MISMATCH, 410 TRANSFER_CANCELLED / TRANSFER_EXPIRED)", idempotent: true, body: s.transferAcceptBody, errors: { 403: ['EMAIL_MISMATCH'], 404: ['NOT_FOUND'], 409: ['ALREADY_ACCEPTED'], 410: ['TRANSFER_CANCELLED', 'TRANSFER_EXPIRED'] }, responses: answer.createdOnce('Accepted', 'Already accepted by this user: nothing moved again', s.transferAcceptAnswer) }),
] as const satisfies readonly RouteSpec[];

/**
 * What each entry of this family may touch (functions/shared/function-needs.ts; CDK grants exactly
 * this). Transfers write the table (their emails go through the outbox with them) and create and
 * delete their expiry schedules.
 */
export const transfersNeeds = {
  'functions/http/transfers.ts': { table: 'readWrite', schedules: true },
} as const satisfies NeedsByEntry;
