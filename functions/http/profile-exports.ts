import { actorOf } from '../shared/http/actor.ts';
import { httpHandler } from '../shared/http/handler.ts';
import { accepted, ok } from '../shared/http/responses.ts';
import { profileExportWiring } from '../shared/wiring/exports.ts';
import { exportsRoutes } from './routes/exports.ts';

const exportsUseCases = profileExportWiring();

/** A team's bulk profile exports (seed 001): the summary, the job, its progress and results. */
export const handler = httpHandler(exportsRoutes, {
  'POST /v1/teams/{teamId}/profile-exports/summary': async ({ caller, params, body }) =>
    ok(await exportsUseCases.summary(actorOf(caller), params.teamId, body)),
  'POST /v1/teams/{teamId}/profile-exports': async ({ caller, params, body }) => {
    const job = await exportsUseCases.request(actorOf(caller), params.teamId, body);
    return accepted(job, `/v1/profile-exports/${encodeURIComponent(job.id)}`);
  },
  'GET /v1/profile-exports/{exportId}': async (request) => {
    // The counts cover the whole job; `results` is paged like any list (sealed cursor, this list only).
    let view: object = {};
    const listed = await request.list(async (page) => {
      const found = await exportsUseCases.job(actorOf(request.caller), request.params.exportId, page);
      view = found.view;
      return found.results;
    });
    const { items, nextCursor } = listed.body as { items: unknown[]; nextCursor: string | null };
    return ok({ ...view, results: items, nextCursor });
  },
});
