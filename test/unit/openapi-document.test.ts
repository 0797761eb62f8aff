import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentLanguages, resolveLanguage } from '../../domain/documents/languages.ts';
import { buildOpenApiDocument, tagDescriptions } from '../../functions/http/openapi-document.ts';
import { routes } from '../../functions/http/routes.ts';
import { languageTag } from '../../functions/http/schemas/downloads.ts';

/** The published OpenAPI 3.1 document: what a front-end team generates its client from. */
const document = buildOpenApiDocument({ includeLocalOnly: false }) as any;
const operation = (method: string, path: string) => document.paths[path][method];
const operations = () =>
  Object.entries(document.paths).flatMap(([path, methods]: [string, any]) =>
    Object.entries(methods).map(([method, op]: [string, any]) => ({ path, method, op })),
  );
/** The `code` enum of one error answer of an operation. */
const codesOfOp = (op: any, status: number | string): string[] =>
  op.responses[status]?.content?.['application/json']?.schema?.properties?.error?.properties?.code?.enum ??
  [];
const codesOf = (method: string, path: string, status: number) => codesOfOp(operation(method, path), status);
const deref = (schema: any): any =>
  schema?.$ref ? deref(document.components.schemas[schema.$ref.split('/').pop()]) : schema;

/** Every property schema reachable from `schema`, by name (refs followed once each). */
function properties(schema: any, seen = new Set<any>()): [string, any][] {
  const resolved = deref(schema);
  if (!resolved || typeof resolved !== 'object' || seen.has(resolved)) return [];
  seen.add(resolved);
  const own = Object.entries(resolved.properties ?? {}) as [string, any][];
  return [
    ...own.map(([name, inner]) => [name, deref(inner)] as [string, any]),
    ...own.flatMap(([, inner]) => properties(inner, seen)),
    ...properties(resolved.items, seen),
    ...(resolved.anyOf ?? resolved.oneOf ?? resolved.allOf ?? []).flatMap((inner: any) =>
      properties(inner, seen),
    ),
  ];
}
const successSchemas = () =>
  operations().flatMap(({ op }) =>
    Object.entries(op.responses)
      .filter(([status]) => Number(status) < 300)
      .map(([, response]: [string, any]) => response.content?.['application/json']?.schema)
      .filter(Boolean),
  );
const typeOf = (schema: any): string[] =>
  [schema.type ?? [], ...(schema.anyOf ?? []).map((inner: any) => inner.type)].flat();

describe('the OpenAPI document', () => {
  it('passes Redocly’s recommended rules with no error', async () => {
    const problems = await lintFromString({
      source: JSON.stringify(document),
      absoluteRef: 'openapi.json',
      config: await createConfig({ extends: ['recommended'] }),
    });
    const errors = problems.filter((problem) => problem.severity === 'error');
    for (const warning of problems.filter((problem) => problem.severity !== 'error'))
      console.warn(`${warning.ruleId}: ${warning.message} (${warning.location[0]?.pointer})`);
    expect(
      errors.map((problem) => `${problem.ruleId}: ${problem.message} ${problem.location[0]?.pointer}`),
    ).toEqual([]);
  });

  it('gives each error answer a code enum of exactly the codes that route can answer', () => {
    const path = '/v1/codes/{code}/redemptions';
    expect(codesOf('post', path, 403)).toEqual(['EMAIL_DOMAIN_NOT_ALLOWED']);
    expect(codesOf('post', path, 404)).toEqual(['NOT_FOUND']);
    expect(codesOf('post', path, 409)).toEqual([
      'NO_USES_LEFT',
      'IDEMPOTENCY_KEY_REUSED',
      'REQUEST_IN_PROGRESS',
    ]);
    expect(codesOf('post', path, 410)).toEqual(['CODE_REVOKED', 'CODE_EXPIRED']);
    expect(codesOf('post', path, 400)).toEqual(['VALIDATION_FAILED']);
    // A route that names roles may answer 403 FORBIDDEN; one for any signed-in user may not.
    expect(codesOf('get', '/v1/balance', 403)).toEqual(['FORBIDDEN']);
    expect(operation('get', '/v1/balance').responses[404]).toBeUndefined();
    expect(operation('get', '/v1/codes/{code}').responses[403]).toBeUndefined();
    expect(codesOf('post', '/v1/groups/{groupId}/uses', 409)).toEqual([
      'INSUFFICIENT_BALANCE',
      'IDEMPOTENCY_KEY_REUSED',
      'REQUEST_IN_PROGRESS',
    ]);
  });

  it('declares public routes public and every other route behind the bearer token', () => {
    for (const { path, method, op } of operations()) {
      const spec = routes.find((route) => route.path === path && route.method.toLowerCase() === method)!;
      expect(op.security, `${method} ${path}`).toEqual(spec.access === 'public' ? [] : [{ bearer: [] }]);
    }
    expect(operation('get', '/v1/links/{token}').security).toEqual([]);
    expect(operation('get', '/v1/openapi.json').security).toEqual([]);
    expect(document.servers).toEqual([expect.objectContaining({ url: expect.any(String) })]);
  });

  it('lists every tag its operations use, each with a description', () => {
    const used = new Set(operations().flatMap(({ op }) => op.tags));
    expect(document.tags.map((tag: any) => tag.name).sort()).toEqual([...used].sort());
    for (const tag of document.tags)
      expect({ tag: tag.name, description: tag.description }).toEqual({
        tag: tag.name,
        description: expect.stringMatching(/\w/),
      });
    for (const tag of document.tags) expect(tag.description).toBe(tagDescriptions[tag.name]);
  });

  it('marks the Location headers of an accepted share and of a followed link required', () => {
    const share = operation('post', '/v1/learners/{learnerId}/profiles/{profileId}/shares');
    expect(share.responses[202].headers.Location).toMatchObject({
      required: true,
      schema: { type: 'string' },
    });
    const link = operation('get', '/v1/links/{token}');
    expect(link.responses[302].headers.Location).toMatchObject({ required: true });
    expect(codesOf('get', '/v1/links/{token}', 410)).toEqual(['LINK_EXPIRED', 'LINK_REVOKED']);
    expect(link.responses[401]).toBeUndefined();
  });

  it('publishes every answered timestamp as date-time and every count as an integer', () => {
    const answered = successSchemas().flatMap((schema) => properties(schema));
    const timestamps = answered.filter(([name]) => /At$/.test(name));
    expect(timestamps.length).toBeGreaterThan(15);
    for (const [name, schema] of timestamps)
      expect({ name, format: schema.format }).toEqual({ name, format: 'date-time' });
    const counts = answered.filter(([name]) =>
      [
        'available',
        'inGroups',
        'inTransfers',
        'used',
        'allocated',
        'redeemed',
        'remaining',
        'memberCount',
        'redemptions',
        'quantity',
        'maxRedemptions',
      ].includes(name),
    );
    expect(counts.length).toBeGreaterThan(10);
    for (const [name, schema] of counts)
      expect({ name, type: typeOf(schema) }).toEqual({ name, type: expect.arrayContaining(['integer']) });
    for (const [name, schema] of counts)
      expect({ name, type: typeOf(schema) }).not.toEqual({ name, type: expect.arrayContaining(['number']) });
  });

  it('publishes for every language field exactly the tags the server accepts', () => {
    const published = [
      ...operations().flatMap(({ op }) =>
        (op.parameters ?? []).filter((p: any) => p.name === 'language').map((p: any) => p.schema),
      ),
      ...operations().flatMap(({ op }) =>
        properties(op.requestBody?.content['application/json'].schema)
          .filter(([name]) => name === 'language' || name === 'preferredLanguage')
          .map(([, schema]) => schema),
      ),
    ].map((schema) => {
      // An export's language is `preferred` or a tag (api.md): the tag branch is the same as elsewhere.
      if (!schema.anyOf) return schema;
      expect(schema.anyOf).toContainEqual({ type: 'string', enum: ['preferred'] });
      return schema.anyOf.find((branch: any) => !branch.enum);
    });
    expect(published.length).toBeGreaterThanOrEqual(4);
    for (const schema of published) expect(schema).toEqual(published[0]);
    const { pattern, maxLength } = published[0];
    // JSON Schema patterns are matched with Unicode semantics by most validators, and without by some.
    const patterns = [new RegExp(pattern, 'u'), new RegExp(pattern)];
    const acceptedByDocument = (tag: string) => tag.length <= maxLength && patterns.every((p) => p.test(tag));

    const letters = fc.constantFrom(
      ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_ é'.split(''),
    );
    const tags = fc.oneof(
      fc
        .tuple(
          fc.constantFrom(...documentLanguages, 'EN', 'Fr', 'eng', 'ja', 'e', 'x'),
          fc.array(fc.stringMatching(/^-[A-Za-z0-9]{1,9}$/), { maxLength: 3 }),
        )
        .map(([base, subtags]) => base + subtags.join('')),
      fc.array(letters, { maxLength: 12 }).map((chars) => chars.join('')),
      fc.string({ maxLength: 80 }),
    );
    fc.assert(
      fc.property(tags, (tag) => {
        expect({ tag, accepted: acceptedByDocument(tag) }).toEqual({
          tag,
          accepted: languageTag.safeParse(tag).success,
        });
        // Whatever is accepted resolves to its own language, never to the English fallback.
        if (acceptedByDocument(tag)) expect(resolveLanguage(tag)).toBe(tag.split('-')[0]!.toLowerCase());
      }),
      { numRuns: 2000 },
    );
    for (const tag of ['fr', 'fr-CA', 'EN-gb', 'pl', 'de-DE-1996'])
      expect(acceptedByDocument(tag), tag).toBe(true);
    for (const tag of ['ja', 'eng', 'english', 'fr_CA', 'fr-', ''])
      expect(acceptedByDocument(tag), tag).toBe(false);
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
      operations().flatMap(({ op }) => Object.keys(op.responses).flatMap((status) => codesOfOp(op, status))),
    );
    expect([...raised].filter((code) => !published.has(code))).toEqual([]);
  });
});
