import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { routeFamily, routeKey } from '../../functions/http/route-definition.ts';
import { answer, listing } from '../../functions/http/schemas/answers.ts';
import { listQuery } from '../../functions/http/schemas/common.ts';

/**
 * A route row of a family says only its method and path, its operationId and what is its own; the family adds
 * its entry, tags and access. The table, CDK and the OpenAPI document read the full spec it builds.
 */
describe('a route family row', () => {
  const family = routeFamily({ entry: 'functions/http/things.ts', tags: ['things'], access: ['admin'] });

  it('takes its method and path as api.md writes them, and makes the key API Gateway names the route by', () => {
    const row = family('DELETE', '/v1/things/{thingId}/parts/{partId}', 'removePart', {
      summary: 'Remove a part',
      responses: answer.noContent('Removed'),
    });
    expect(row.method).toBe('DELETE');
    expect(row.path).toBe('/v1/things/{thingId}/parts/{partId}');
    expect(routeKey(row)).toBe('DELETE /v1/things/{thingId}/parts/{partId}');
    expect(row.operationId).toBe('removePart');
    expect(row).toMatchObject({ entry: 'functions/http/things.ts', tags: ['things'], access: ['admin'] });
  });

  it("keeps a row's own access over its family's", () => {
    const row = family('POST', '/v1/things/accept', 'acceptThing', {
      summary: 'Accept a thing',
      access: 'signed-in',
      responses: answer.ok('Accepted'),
    });
    expect(row.access).toBe('signed-in');
    expect(row.entry).toBe('functions/http/things.ts');
  });
});

describe('route answers', () => {
  const thing = z.object({ id: z.string() });

  it('declares each answer under its status, with its schema and the headers it always sends', () => {
    expect(answer.created('The thing', thing)).toEqual({ 201: { description: 'The thing', schema: thing } });
    expect(answer.accepted('Queued', thing, { Location: 'The job' })).toEqual({
      202: { description: 'Queued', schema: thing, headers: { Location: 'The job' } },
    });
    expect(answer.noContent('Gone')).toEqual({ 204: { description: 'Gone' } });
    expect(answer.redirect('To the file', 'A signed URL')).toEqual({
      302: { description: 'To the file', headers: { Location: 'A signed URL' } },
    });
  });

  it('answers 201 the first time and 200 with the same schema when it was done already', () => {
    expect(answer.createdOnce('Accepted', 'Accepted before', thing)).toEqual({
      201: { description: 'Accepted', schema: thing },
      200: { description: 'Accepted before', schema: thing },
    });
  });

  it('makes a list route: listQuery (or a query extending it) in, a page of the item out', () => {
    const plain = listing('A page of things', thing);
    expect(plain.query).toBe(listQuery);
    expect(plain.responses[200].description).toBe('A page of things');
    const page = plain.responses[200].schema!.parse({ items: [{ id: 'a', extra: 1 }], nextCursor: null });
    expect(page).toEqual({ items: [{ id: 'a' }], nextCursor: null });

    const filtered = listQuery.extend({ colour: z.string().optional() });
    expect(listing('A page of things', thing, filtered).query).toBe(filtered);
  });
});
