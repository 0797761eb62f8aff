import { actorOf } from '../shared/http/actor.ts';
import { accepted, created, noContent, ok } from '../shared/http/responses.ts';
import { httpHandler } from '../shared/http/handler.ts';
import { learningRoutes } from './routes/learning.ts';
import { learningWiring } from '../shared/wiring/learning.ts';

const learning = learningWiring();

export const handler = httpHandler(learningRoutes, {
  'POST /v1/learners': async ({ caller, body }) =>
    created(await learning.createLearner(actorOf(caller), body)),
  'GET /v1/learners': async (request) => request.list((page) => learning.learners(request.caller.org, page)),
  'GET /v1/learners/{learnerId}': async ({ caller, params }) =>
    ok(await learning.learner(caller.org, params.learnerId)),
  'POST /v1/learners/{learnerId}/profiles': async ({ caller, params, body }) =>
    created(await learning.importProfile(actorOf(caller), params.learnerId, body)),
  'POST /v1/learners/{learnerId}/profiles/{profileId}/shares': async ({ caller, params, body }) => {
    const share = await learning.share(actorOf(caller), params.learnerId, params.profileId, body);
    return accepted(
      share,
      `/v1/learners/${params.learnerId}/profiles/${params.profileId}/shares/${share.id}`,
    );
  },
  'GET /v1/learners/{learnerId}/profiles/{profileId}/shares/{shareId}': async ({ caller, params }) =>
    ok(await learning.shareStatus(caller.org, params.learnerId, params.profileId, params.shareId)),
  'DELETE /v1/learners/{learnerId}/profiles/{profileId}/shares/{shareId}': async ({ caller, params }) => {
    await learning.revokeShare(actorOf(caller), params.learnerId, params.profileId, params.shareId);
    return noContent();
  },
});
