import { actorOf } from '../shared/http/actor.ts';
import { httpHandler } from '../shared/http/handler.ts';
import { invitationsRoutes } from './routes/invitations.ts';
import { created } from '../shared/http/responses.ts';
import { invitationWiring } from '../shared/wiring/invitations.ts';

const invitations = invitationWiring();

export const handler = httpHandler(invitationsRoutes, {
  'GET /v1/me/assignments': async (request) =>
    request.list((page) => invitations.assignments(request.caller.userId, page)),
  'POST /v1/me/assignments/{assignmentId}/completion': async ({ caller, params, body }) =>
    created(await invitations.complete(actorOf(caller), params.assignmentId, body.results)),
  'GET /v1/me/profiles': async (request) =>
    request.list((page) => invitations.profiles(request.caller.userId, page)),
});
