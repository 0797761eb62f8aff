import { actorOf } from '../shared/http/actor.ts';
import { httpHandler } from '../shared/http/handler.ts';
import { created, noContent } from '../shared/http/responses.ts';
import { sharingWiring } from '../shared/wiring/sharing.ts';
import { suppliersRoutes } from './routes/suppliers.ts';

const sharing = sharingWiring();

/** A client's administrator links and unlinks suppliers and shares teams with them (seed 002). */
export const handler = httpHandler(suppliersRoutes, {
  'POST /v1/suppliers': async ({ caller, body }) =>
    created(await sharing.linkSupplier(actorOf(caller), body)),
  'DELETE /v1/suppliers/{supplierOrgId}': async ({ caller, params }) => {
    await sharing.unlinkSupplier(actorOf(caller), params.supplierOrgId);
    return noContent();
  },
  'POST /v1/suppliers/{supplierOrgId}/shared-teams': async ({ caller, params, body }) =>
    created(await sharing.shareTeam(actorOf(caller), params.supplierOrgId, body.teamId)),
});
