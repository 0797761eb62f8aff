import { actorOf } from '../shared/http/actor.ts';
import { httpHandler } from '../shared/http/handler.ts';
import { created } from '../shared/http/responses.ts';
import { courseWiring } from '../shared/wiring/sharing.ts';
import { suppliersRoutes } from './routes/suppliers.ts';

const courses = courseWiring();

/** A client's courses, issued to staff shared with it (seed 002). */
export const handler = httpHandler(suppliersRoutes, {
  'POST /v1/courses': async ({ caller, body }) => created(await courses.createCourse(actorOf(caller), body)),
  'GET /v1/courses': async (request) =>
    request.list((page) => courses.courses(actorOf(request.caller), page)),
  'POST /v1/client-staff/{staffId}/courses': async ({ caller, params, body }) =>
    created(await courses.assignCourse(actorOf(caller), params.staffId, body)),
  'GET /v1/client-staff/{staffId}/courses': async (request) =>
    request.list((page) => courses.staffCourses(actorOf(request.caller), request.params.staffId, page)),
});
