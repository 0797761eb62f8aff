import { actorOf } from '../shared/http/actor.ts';
import { httpHandler } from '../shared/http/handler.ts';
import { practiceRoutes } from './routes/practice.ts';
import { created, noContent, ok } from '../shared/http/responses.ts';
import { practiceWiring } from '../shared/wiring/practice.ts';

const practice = practiceWiring();

export const handler = httpHandler(practiceRoutes, {
  'POST /v1/groups': async ({ caller, body }) => created(await practice.createGroup(actorOf(caller), body)),
  'GET /v1/groups': async (request) => request.list((page) => practice.groups(request.caller.org, page)),
  'GET /v1/groups/{groupId}': async ({ caller, params }) =>
    ok(await practice.overview(caller.org, params.groupId)),
  'PATCH /v1/groups/{groupId}': async ({ caller, params, body }) =>
    ok(await practice.updateGroup(actorOf(caller), params.groupId, body)),
  'DELETE /v1/groups/{groupId}': async ({ caller, params }) => {
    await practice.deleteGroup(actorOf(caller), params.groupId);
    return noContent();
  },
  'POST /v1/groups/{groupId}/uses': async ({ caller, params, body }) =>
    ok(await practice.allocate(actorOf(caller), params.groupId, body.product, body.quantity)),
  'POST /v1/groups/{groupId}/uses/return': async ({ caller, params, body }) =>
    ok(await practice.returnUses(actorOf(caller), params.groupId, body.product, body.quantity)),
  'POST /v1/groups/{groupId}/codes': async ({ caller, params, body }) =>
    created(await practice.createCode(actorOf(caller), params.groupId, body)),
  'GET /v1/groups/{groupId}/codes': async (request) =>
    request.list((page) => practice.codes(request.caller.org, request.params.groupId, page)),
  'DELETE /v1/groups/{groupId}/codes/{code}': async ({ caller, params }) => {
    await practice.revokeCode(actorOf(caller), params.groupId, params.code);
    return noContent();
  },
  'GET /v1/groups/{groupId}/members': async (request) =>
    request.list((page) => practice.members(request.caller.org, request.params.groupId, page)),
});
