import { actorOf } from '../shared/http/actor.ts';
import { httpHandler } from '../shared/http/handler.ts';
import { accepted, noContent, ok } from '../shared/http/responses.ts';
import { sharingWiring } from '../shared/wiring/sharing.ts';
import { suppliersRoutes } from './routes/suppliers.ts';

const sharing = sharingWiring();

/** A supplier's linked clients, the teams they shared, and the staff it shares with them (seed 002). */
export const handler = httpHandler(suppliersRoutes, {
  'GET /v1/clients': async (request) =>
    request.list((page) => sharing.clients(actorOf(request.caller), page)),
  'GET /v1/clients/{clientOrgId}/teams': async (request) =>
    request.list((page) => sharing.clientTeams(actorOf(request.caller), request.params.clientOrgId, page)),
  'POST /v1/clients/{clientOrgId}/staff-shares/summary': async ({ caller, params, body }) =>
    ok(await sharing.shareSummary(actorOf(caller), params.clientOrgId, body)),
  'POST /v1/clients/{clientOrgId}/staff-shares': async ({ caller, params, body }) => {
    const share = await sharing.requestShare(actorOf(caller), params.clientOrgId, body);
    return accepted(
      share,
      `/v1/clients/${encodeURIComponent(params.clientOrgId)}/staff-shares/${encodeURIComponent(share.id)}`,
    );
  },
  'GET /v1/clients/{clientOrgId}/staff-shares/{shareId}': async ({ caller, params }) =>
    ok(await sharing.shareJob(actorOf(caller), params.clientOrgId, params.shareId)),
  'GET /v1/clients/{clientOrgId}/staff': async (request) =>
    request.list((page) => sharing.sharedStaff(actorOf(request.caller), request.params.clientOrgId, page)),
  'DELETE /v1/clients/{clientOrgId}/staff/{staffId}': async ({ caller, params }) => {
    await sharing.revokeStaff(actorOf(caller), params.clientOrgId, params.staffId);
    return noContent();
  },
});
