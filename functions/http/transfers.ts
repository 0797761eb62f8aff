import { actorOf } from '../shared/http/actor.ts';
import { httpHandler } from '../shared/http/handler.ts';
import { transfersRoutes } from './routes/transfers.ts';
import { created, noContent, ok } from '../shared/http/responses.ts';
import { transferWiring } from '../shared/wiring/transfers.ts';

const transfers = transferWiring();

export const handler = httpHandler(transfersRoutes, {
  'POST /v1/transfers': async ({ caller, body }) => created(await transfers.send(actorOf(caller), body)),
  'POST /v1/transfers/preview': async ({ caller, body }) =>
    ok(await transfers.preview(actorOf(caller), body)),
  'GET /v1/transfers': async (request) =>
    request.list((page) => transfers.list(request.caller.org, request.query.direction, page)),
  'DELETE /v1/transfers/{transferId}': async ({ caller, params }) => {
    await transfers.cancel(actorOf(caller), params.transferId);
    return noContent();
  },
  'POST /v1/transfers/accept': async ({ caller, body }) => {
    const { transfer, balance, firstTime } = await transfers.accept(actorOf(caller), body.token);
    return (firstTime ? created : ok)({ transfer, balance: { products: balance } });
  },
});
