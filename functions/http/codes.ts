import { actorOf } from '../shared/http/actor.ts';
import { httpHandler } from '../shared/http/handler.ts';
import { practiceRoutes } from './routes/practice.ts';
import { created, ok } from '../shared/http/responses.ts';
import { practiceWiring } from '../shared/wiring/practice.ts';

const practice = practiceWiring();

export const handler = httpHandler(practiceRoutes, {
  'GET /v1/codes/{code}': async ({ params }) => ok(await practice.describeCode(params.code)),
  'POST /v1/codes/{code}/redemptions': async ({ caller, params }) => {
    const { assignment, firstTime } = await practice.redeem(actorOf(caller), params.code);
    return (firstTime ? created : ok)({ assignment });
  },
});
