import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { route, type RouteAccess } from '../../functions/http/route-definition.ts';
import { httpHandler } from '../../functions/shared/http/handler.ts';
import { ok } from '../../functions/shared/http/responses.ts';
import { httpEvent, lambdaContext as context } from '../support/http-events.ts';

const event = (routeKey: string, roles: string) =>
  httpEvent(routeKey, { claims: { sub: 'u1', email: 'a@example.com', org: 'o1', roles } });

/** One route with the given access, whose implementation records that it ran. */
function serving(access: RouteAccess) {
  const table = [
    route({
      method: 'GET',
      path: '/v1/test',
      entry: 'functions/http/test.ts',
      operationId: 'test',
      summary: 'A route for the access check',
      tags: ['test'],
      access,
      responses: { 200: { description: 'Ran', schema: z.object({ ran: z.boolean() }) } },
    }),
  ] as const;
  const calls: string[] = [];
  const handler = httpHandler(table, {
    'GET /v1/test': async () => {
      calls.push('ran');
      return ok({ ran: true });
    },
  });
  return { calls, call: (roles: string) => handler(event('GET /v1/test', roles), context) };
}

describe('route access by roles', () => {
  it('refuses a token holding only one of two roles a route needs all of, with 403 FORBIDDEN and nothing run', async () => {
    const route = serving({ allOf: ['client', 'admin'] });
    for (const roles of ['[client]', '[admin]', '[client practitioner]', '[]']) {
      const answer = await route.call(roles);
      expect(answer.statusCode, roles).toBe(403);
      expect(JSON.parse(answer.body!).error).toMatchObject({
        code: 'FORBIDDEN',
        message: 'This needs all of the roles: client, admin.',
      });
    }
    expect(route.calls).toEqual([]);
  });

  it('serves a token holding every role a route needs all of, whatever else it holds', async () => {
    const route = serving({ allOf: ['client', 'admin'] });
    expect((await route.call('[admin client]')).statusCode).toBe(200);
    expect((await route.call('[supplier client admin]')).statusCode).toBe(200);
    expect(route.calls).toEqual(['ran', 'ran']);
  });

  it('still serves a token holding any one of the roles of a route that lists them', async () => {
    const route = serving(['client', 'admin']);
    expect((await route.call('[client]')).statusCode).toBe(200);
    expect((await route.call('[admin]')).statusCode).toBe(200);
    const refused = await route.call('[practitioner]');
    expect(refused.statusCode).toBe(403);
    expect(JSON.parse(refused.body!).error.message).toBe('This needs one of the roles: client, admin.');
    expect(route.calls).toEqual(['ran', 'ran']);
  });
});
