import { actorOf } from '../shared/http/actor.ts';
import { httpHandler } from '../shared/http/handler.ts';
import { invitationsRoutes } from './routes/invitations.ts';
import { accepted, created, noContent, ok } from '../shared/http/responses.ts';
import { invitationWiring } from '../shared/wiring/invitations.ts';

const invitations = invitationWiring();

export const handler = httpHandler(invitationsRoutes, {
  'POST /v1/invitations': async ({ caller, body }) =>
    created(await invitations.invite(actorOf(caller), body)),
  'POST /v1/invitations/preview': async ({ caller, body }) =>
    ok(await invitations.preview(actorOf(caller), body)),
  'GET /v1/invitations': async (request) =>
    request.list((page) => invitations.invitations(request.caller.org, request.query.status, page)),
  'GET /v1/invitations/{invitationId}': async ({ caller, params }) =>
    ok(await invitations.invitation(caller.org, params.invitationId)),
  'DELETE /v1/invitations/{invitationId}': async ({ caller, params }) => {
    await invitations.revoke(actorOf(caller), params.invitationId);
    return noContent();
  },
  'POST /v1/invitations/{invitationId}/release': async ({ caller, params }) =>
    ok(await invitations.releaseNow(actorOf(caller), params.invitationId)),
  'POST /v1/invitations/{invitationId}/reminders': async ({ caller, params }) =>
    // The reminder's email is on its way; the invitation shows it among its reminders.
    accepted(
      await invitations.remindNow(actorOf(caller), params.invitationId),
      `/v1/invitations/${encodeURIComponent(params.invitationId)}`,
    ),
  'POST /v1/groups/{groupId}/reminders': async ({ caller, params }) =>
    accepted(
      await invitations.remindGroup(actorOf(caller), params.groupId),
      `/v1/groups/${encodeURIComponent(params.groupId)}/members`,
    ),
  'POST /v1/invitations/accept': async ({ caller, body }) => {
    const { assignment, firstTime } = await invitations.accept(actorOf(caller), body.token);
    return (firstTime ? created : ok)({ assignment });
  },
});
