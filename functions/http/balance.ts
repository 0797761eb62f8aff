import { actorOf } from '../shared/http/actor.ts';
import { httpHandler } from '../shared/http/handler.ts';
import { practiceRoutes } from './routes/practice.ts';
import { created, ok } from '../shared/http/responses.ts';
import { practiceWiring } from '../shared/wiring/practice.ts';

const practice = practiceWiring();

export const handler = httpHandler(practiceRoutes, {
  'POST /v1/balance/purchases': async ({ caller, body }) => {
    const { purchase, balance } = await practice.purchase(actorOf(caller), body);
    return created({ purchase, balance: { products: balance } });
  },
  'GET /v1/balance': async ({ caller }) => ok({ products: await practice.balance(caller.org) }),
});
