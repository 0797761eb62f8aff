import { httpHandler } from '../shared/http/handler.ts';
import { metaRoutes } from './routes/meta.ts';
import { ok } from '../shared/http/responses.ts';
import { buildOpenApiDocument } from './openapi-document.ts';

/** Built once per container: the document only changes with a deployment. */
let document: ReturnType<typeof buildOpenApiDocument> | undefined;

export const handler = httpHandler(metaRoutes, {
  'GET /v1/openapi.json': async () => ok((document ??= buildOpenApiDocument({ includeLocalOnly: false }))),
});
