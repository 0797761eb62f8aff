import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { RouteSpec } from './route-definition.ts';
import { routes } from './routes.ts';
import { errorBodyWith } from './schemas/common.ts';

/** Every tag a route may carry, with what it groups (listed in the document, in this order). */
export const tagDescriptions: Readonly<Record<string, string>> = {
  balance: "The organisation's uses per product: bought, in groups, used",
  groups: 'Groups of people a practitioner hands uses to, with their members',
  codes: 'Shareable codes that let people join a group and take a profile',
  invitations: 'Invitations of one person by email, and withheld profiles',
  transfers: 'Transfers of uses to another practitioner by email: held until accepted, cancelled or expired',
  me: "The signed-in user's own assignments and profiles",
  learners: 'Learners, their imported profiles, downloads and single shares',
  teams: 'Teams of learners',
  suppliers: "A client's administrator: linked suppliers and the teams they may pick",
  clients: 'A supplier: linked clients, their shared teams, and staff shared with them',
  'client-staff': 'A client: staff shared with it, with their latest profile',
  courses: "A client's onboarding and learn courses, issued to shared staff",
  audit: "The organisation's audit trail",
  links: 'Links sent in emails',
  meta: 'This document',
  local: 'Served by the local stack only',
};

/** What an error status means, before the codes that say why. */
const statusMeaning: Record<number, string> = {
  400: 'The request is not valid',
  401: 'No valid token',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflicts with the current state',
  410: 'Gone',
  413: 'Body too large',
  415: 'Body not JSON',
  429: 'Too many requests',
  500: 'Server error',
};

const namesRoles = (access: RouteSpec['access']) => access !== 'public' && access !== 'signed-in';

/**
 * The codes each error status of a route may carry: those every route may give, plus the route's
 * own from the route table (and 404 NOT_FOUND wherever the path names something).
 */
export function errorCodes(spec: RouteSpec): Map<number, string[]> {
  const codes = new Map<number, string[]>();
  const add = (status: number, ...more: string[]) =>
    codes.set(status, [...new Set([...(codes.get(status) ?? []), ...more])]);
  add(400, 'VALIDATION_FAILED');
  if (spec.access !== 'public') add(401, 'UNAUTHENTICATED');
  if (namesRoles(spec.access)) add(403, 'FORBIDDEN');
  if (spec.path.includes('{')) add(404, 'NOT_FOUND');
  for (const [status, specific] of Object.entries(spec.errors ?? {})) add(Number(status), ...specific);
  if (spec.idempotent) add(409, 'IDEMPOTENCY_KEY_REUSED', 'REQUEST_IN_PROGRESS');
  if (spec.method !== 'GET') {
    add(413, 'PAYLOAD_TOO_LARGE');
    add(415, 'UNSUPPORTED_MEDIA_TYPE');
  }
  add(429, 'RATE_LIMITED');
  add(500, 'INTERNAL');
  return new Map([...codes].sort(([a], [b]) => a - b));
}

/** Error answers of a route, each with `code` an enum of exactly the codes it may carry. */
function errorResponses(spec: RouteSpec) {
  return Object.fromEntries(
    [...errorCodes(spec)].map(([status, codes]) => [
      status,
      {
        description: `${statusMeaning[status] ?? 'Error'}: ${codes.join(', ')}`,
        content: { 'application/json': { schema: errorBodyWith(codes as [string, ...string[]]) } },
      },
    ]),
  );
}

/** Who may call a route, in words, for its description. */
function accessNote(access: RouteSpec['access']): string {
  if (access === 'public') return 'Public: no token needed.';
  if (access === 'signed-in') return 'Any signed-in user.';
  if ('allOf' in access) return `Needs all of the roles: ${(access.allOf as readonly string[]).join(', ')}.`;
  return `Needs one of the roles: ${access.join(', ')}.`;
}

/** The API as OpenAPI 3.1, generated from the route table's own zod schemas (never hand-written). */
export function buildOpenApiDocument(options: { includeLocalOnly: boolean }) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'A JWT of the configured issuer (Cognito by default) with the org and roles claims',
  });
  const served = (routes as readonly RouteSpec[]).filter(
    (spec) => !spec.localOnly || options.includeLocalOnly,
  );
  for (const spec of served) {
    registry.registerPath({
      method: spec.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete',
      path: spec.path,
      operationId: spec.operationId,
      summary: spec.summary,
      description: `${spec.summary}. ${accessNote(spec.access)}`,
      tags: [...spec.tags],
      // Public routes say so: an operation without `security` would inherit none and read as an omission.
      security: spec.access === 'public' ? [] : [{ bearer: [] }],
      request: {
        ...(spec.params ? { params: spec.params } : {}),
        ...(spec.query ? { query: spec.query } : {}),
        ...(spec.body
          ? { body: { content: { 'application/json': { schema: spec.body } }, required: true } }
          : {}),
      },
      ...(spec.idempotent
        ? {
            parameters: [
              {
                in: 'header' as const,
                name: 'Idempotency-Key',
                required: false,
                description:
                  'Same key and body: the first answer again, nothing done twice; another body: 409',
                schema: { type: 'string' as const, minLength: 1, maxLength: 128 },
              },
            ],
          }
        : {}),
      responses: {
        ...Object.fromEntries(
          Object.entries(spec.responses).map(([status, response]) => [
            status,
            {
              description: response.description,
              ...(response.schema ? { content: { 'application/json': { schema: response.schema } } } : {}),
              ...(response.headers
                ? {
                    // Every header a route declares is one it always sends (responses.ts checks it).
                    headers: Object.fromEntries(
                      Object.entries(response.headers).map(([name, description]) => [
                        name,
                        { description, required: true, schema: { type: 'string' as const } },
                      ]),
                    ),
                  }
                : {}),
            },
          ]),
        ),
        ...errorResponses(spec),
      },
    });
  }
  // Described tags first, in their order; a tag without a description is still listed (and the
  // document's test asks for its description).
  const used = [...new Set([...Object.keys(tagDescriptions), ...served.flatMap((spec) => spec.tags)])].filter(
    (tag) => served.some((spec) => spec.tags.includes(tag)),
  );
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Profile sharing API',
      version: '1.0.0',
      description: 'Distributing and sharing assessment profiles. Contract: shared/api.md.',
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
      contact: { name: 'The profile sharing team' },
    },
    // Relative: the API is wherever this document is served from (GET /v1/openapi.json).
    servers: [{ url: '/', description: 'The API serving this document' }],
    tags: used.map((name) => ({
      name,
      ...(tagDescriptions[name] ? { description: tagDescriptions[name] } : {}),
    })),
  });
}
