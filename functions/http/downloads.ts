import { actorOf } from '../shared/http/actor.ts';
import { httpHandler } from '../shared/http/handler.ts';
import { downloadsRoutes } from './routes/downloads.ts';
import { ok } from '../shared/http/responses.ts';
import { clientDownloadWiring, downloadWiring } from '../shared/wiring/downloads.ts';

/**
 * The profile downloads: the one HTTP entry that renders PDFs, so only this bundle carries the
 * renderer and its fonts (npm run bench:coldstart).
 */
const downloads = downloadWiring();
const clientDownloads = clientDownloadWiring();

export const handler = httpHandler(downloadsRoutes, {
  'GET /v1/learners/{learnerId}/profiles/{profileId}/download': async ({ caller, params, query }) =>
    ok(await downloads.learnerProfile(actorOf(caller), params.learnerId, params.profileId, query.language)),
  'GET /v1/me/profiles/{profileId}/download': async ({ caller, params, query }) =>
    ok(await downloads.myProfile(caller.userId, params.profileId, query.language)),
  'GET /v1/client-staff/{staffId}/profiles/latest/download': async ({ caller, params, query }) =>
    ok(await clientDownloads.latestProfile(actorOf(caller), params.staffId, query.language)),
});
