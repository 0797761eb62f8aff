import { actorOf } from '../shared/http/actor.ts';
import { created, ok } from '../shared/http/responses.ts';
import { httpHandler } from '../shared/http/handler.ts';
import { learningRoutes } from './routes/learning.ts';
import { learningWiring } from '../shared/wiring/learning.ts';

const learning = learningWiring();

export const handler = httpHandler(learningRoutes, {
  'POST /v1/teams': async ({ caller, body }) => created(await learning.createTeam(actorOf(caller), body)),
  'GET /v1/teams': async (request) => request.list((page) => learning.teams(request.caller.org, page)),
  'POST /v1/teams/{teamId}/members': async ({ caller, params, body }) =>
    ok(await learning.addTeamMembers(actorOf(caller), params.teamId, body.learnerIds)),
  'GET /v1/teams/{teamId}': async ({ caller, params }) => ok(await learning.team(caller.org, params.teamId)),
});
