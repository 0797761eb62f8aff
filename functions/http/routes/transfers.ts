import { route, type RouteSpec } from '../route-definition.ts';
import type { NeedsByEntry } from '../../shared/function-needs.ts';
import { page } from '../schemas/common.ts';
import * as invitations from '../schemas/invitations.ts';
import * as transfers from '../schemas/transfers.ts';

/** Practitioner transfers of uses (seed 000, "Invites & Transfers"). Part of THE route table (../routes.ts); method and path share a line on purpose. */
export const transfersRoutes = [
  route({
    method: 'POST', path: '/v1/transfers',
    entry: 'functions/http/transfers.ts', operationId: 'sendTransfer', tags: ['transfers'],
    summary: 'Give uses to one email address: they are held (inTransfers) until accepted, cancelled or expired after 30 days (409 INSUFFICIENT_BALANCE)', access: ['practitioner'], idempotent: true,
    body: transfers.transferBody,
    errors: { 409: ['INSUFFICIENT_BALANCE'] },
    responses: { 201: { description: 'Pending', schema: transfers.transferAnswer } },
  }),
  route({
    method: 'POST', path: '/v1/transfers/preview',
    entry: 'functions/http/transfers.ts', operationId: 'previewTransfer', tags: ['transfers'],
    summary: 'The transfer email exactly as it would be sent; holds and sends nothing', access: ['practitioner'],
    body: transfers.transferBody,
    responses: { 200: { description: 'The email', schema: invitations.previewAnswer } },
  }),
  route({
    method: 'GET', path: '/v1/transfers',
    entry: 'functions/http/transfers.ts', operationId: 'listTransfers', tags: ['transfers'],
    summary: 'Transfers sent by this organisation, or (direction=received) accepted into it, newest first', access: ['practitioner'], query: transfers.transferListQuery,
    responses: { 200: { description: 'A page of transfers', schema: page(transfers.transferAnswer) } },
  }),
  route({
    method: 'DELETE', path: '/v1/transfers/{transferId}',
    entry: 'functions/http/transfers.ts', operationId: 'cancelTransfer', tags: ['transfers'],
    summary: 'Cancel while pending: the uses return to available (409 ALREADY_ACCEPTED, 410 TRANSFER_EXPIRED)', access: ['practitioner'], params: transfers.transferParams,
    errors: { 409: ['ALREADY_ACCEPTED'], 410: ['TRANSFER_EXPIRED'] },
    responses: { 204: { description: 'Cancelled' } },
  }),
  route({
    method: 'POST', path: '/v1/transfers/accept',
    entry: 'functions/http/transfers.ts', operationId: 'acceptTransfer', tags: ['transfers'],
    summary: "Accept a transfer as the named email: the uses join this organisation's balance (403 EMAIL_MISMATCH, 410 TRANSFER_CANCELLED / TRANSFER_EXPIRED)", access: ['practitioner'], idempotent: true,
    body: transfers.transferAcceptBody,
    errors: { 403: ['EMAIL_MISMATCH'], 404: ['NOT_FOUND'], 409: ['ALREADY_ACCEPTED'], 410: ['TRANSFER_CANCELLED', 'TRANSFER_EXPIRED'] },
    responses: {
      201: { description: 'Accepted', schema: transfers.transferAcceptAnswer },
      200: { description: 'Already accepted by this user: nothing moved again', schema: transfers.transferAcceptAnswer },
    },
  }),
] as const satisfies readonly RouteSpec[];

/**
 * What each entry of this family may touch (functions/shared/function-needs.ts; CDK grants exactly
 * this). Transfers write the table (their emails go through the outbox with them) and create and
 * delete their expiry schedules.
 */
export const transfersNeeds = {
  'functions/http/transfers.ts': { table: 'readWrite', schedules: true },
} as const satisfies NeedsByEntry;
