import { actorOf } from '../shared/http/actor.ts';
import { httpHandler } from '../shared/http/handler.ts';
import { sharingWiring } from '../shared/wiring/sharing.ts';
import { suppliersRoutes } from './routes/suppliers.ts';

const sharing = sharingWiring();

/** The staff shared with a client, each with their latest profile (seed 002). */
export const handler = httpHandler(suppliersRoutes, {
  'GET /v1/client-staff': async (request) =>
    request.list((page) =>
      sharing.clientStaff(
        actorOf(request.caller),
        { supplierOrgId: request.query.supplierOrgId, teamId: request.query.teamId },
        page,
      ),
    ),
});
