import { resolveLanguage } from '../../domain/documents/languages.ts';
import type { Assignment } from '../../domain/practice/model.ts';
import { profileFileName } from '../../domain/learning/use-cases.ts';
import { s3ProfileDocuments } from '../adapters/s3/profile-documents.ts';
import { actorOf } from '../shared/http/actor.ts';
import { httpHandler } from '../shared/http/handler.ts';
import { created, ok } from '../shared/http/responses.ts';
import { invitationWiring } from '../shared/wiring.ts';

const invitations = invitationWiring();
const documents = s3ProfileDocuments();

const assignmentView = ({ org: _org, userId: _user, createdAt: _created, ...assignment }: Assignment) =>
  assignment;

export const handler = httpHandler({
  'GET /v1/me/assignments': async (request) =>
    request.list((page) => invitations.assignments(request.caller.userId, page), assignmentView),
  'POST /v1/me/assignments/{assignmentId}/completion': async ({ caller, params, body }) =>
    created(await invitations.complete(actorOf(caller), params.assignmentId, body.results)),
  'GET /v1/me/profiles': async (request) =>
    request.list((page) => invitations.profiles(request.caller.userId, page)),
  'GET /v1/me/profiles/{profileId}/download': async ({ caller, params, query }) => {
    const profile = await invitations.downloadableProfile(caller.userId, params.profileId);
    const language = resolveLanguage(query.language);
    const rendered = await documents.ensureRendered(profile.org, profile, profile.personName, language);
    return ok(
      await documents.downloadUrl(
        rendered.key,
        profileFileName(profile.personName, profile.completedAt, language),
      ),
    );
  },
});
