import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../functions/http/openapi-document.ts';

/** The published OpenAPI 3.1 document says which error codes each route answers, as api.md does. */
const document = buildOpenApiDocument({ includeLocalOnly: false }) as any;
const operation = (method: string, path: string) => document.paths[path][method];
const codesOf = (method: string, path: string, status: number): string[] =>
  (operation(method, path).responses[status]?.description ?? '').split(', ').filter(Boolean);

describe('the OpenAPI document', () => {
  it('lists a redemption’s specific refusals beside the shared ones', () => {
    const path = '/v1/codes/{code}/redemptions';
    expect(codesOf('post', path, 403)).toEqual(['EMAIL_DOMAIN_NOT_ALLOWED']);
    expect(codesOf('post', path, 404)).toEqual(['NOT_FOUND']);
    expect(codesOf('post', path, 409)).toEqual(
      expect.arrayContaining(['NO_USES_LEFT', 'IDEMPOTENCY_KEY_REUSED']),
    );
    expect(codesOf('post', path, 410)).toEqual(['CODE_REVOKED', 'CODE_EXPIRED']);
    expect(operation('post', path).responses[410].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Error',
    });
  });

  it('names the Location header of an accepted share and of a followed link', () => {
    const share = operation('post', '/v1/learners/{learnerId}/profiles/{profileId}/shares');
    expect(share.responses[202].headers.Location).toMatchObject({ schema: { type: 'string' } });
    const link = operation('get', '/v1/links/{token}');
    expect(link.responses[302].headers.Location).toBeDefined();
    expect(codesOf('get', '/v1/links/{token}', 410)).toEqual(['LINK_EXPIRED', 'LINK_REVOKED']);
    expect(link.responses[401]).toBeUndefined();
  });

  it('publishes every specific error code the domain can raise on at least one route', () => {
    const root = resolve(fileURLToPath(new URL('../../domain', import.meta.url)));
    const raised = new Set<string>();
    for (const file of readdirSync(root, { recursive: true }) as string[]) {
      if (!file.endsWith('.ts')) continue;
      const source = readFileSync(join(root, file), 'utf8');
      for (const [, code] of source.matchAll(/new (?:Conflict|Gone|Forbidden)Error\(\s*'([A-Z_]+)'/g))
        raised.add(code!);
    }
    expect(raised.size).toBeGreaterThan(10);
    const published = new Set(
      Object.values(document.paths).flatMap((methods: any) =>
        Object.values(methods).flatMap((op: any) =>
          Object.values(op.responses).flatMap((response: any) => response.description.split(', ')),
        ),
      ),
    );
    expect([...raised].filter((code) => !published.has(code))).toEqual([]);
  });
});
