import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as z from 'zod';
import { routeKey, type RouteSpec } from '../../functions/http/route-definition.ts';
import { routes } from '../../functions/http/routes.ts';
import { learningRoutes } from '../../functions/http/routes/learning.ts';
import { practiceRoutes } from '../../functions/http/routes/practice.ts';
import { httpHandler } from '../../functions/shared/http/handler.ts';
import { ok, type HttpResult } from '../../functions/shared/http/responses.ts';
import { logger } from '../../functions/shared/logger.ts';
import { httpEvent, lambdaContext as context } from '../support/http-events.ts';

/**
 * Answers are whitelisted: the wrapper sends a body only through its route's response schema, so a
 * field nobody declared (added to a stored item, or left on a domain object) never reaches a client,
 * and an answer that does not fit its declaration is a server bug answered with the generic 500.
 */
const claims = { sub: 'u', email: 'a@b.c', org: 'o', roles: '[practitioner admin]' };

/** Valid request bodies, so each call gets as far as its implementation. */
const bodies: Record<string, unknown> = {
  'POST /v1/groups': { name: 'Cohort' },
  'POST /v1/learners/{learnerId}/profiles/{profileId}/shares': { delivery: 'link' },
};

function event(routeKey: string) {
  const body = bodies[routeKey];
  return httpEvent(routeKey, {
    claims,
    pathParameters: { learnerId: 'l1', profileId: 'p1', groupId: 'g1' },
    body: body ? JSON.stringify(body) : undefined,
  });
}

const line = { available: 1, inGroups: 2, inTransfers: 0, used: 3 };
const balance = { products: { introductory: line, expert: line } };
const uses = { allocated: 1, redeemed: 0, remaining: 1 };
const group = {
  id: 'g1',
  name: 'Cohort',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  memberCount: 0,
  uses: { introductory: uses, expert: uses },
};
const share = {
  id: 's1',
  status: 'queued',
  learnerId: 'l1',
  profileId: 'p1',
  delivery: 'link',
  language: 'en',
  requestedAt: '2026-01-01T00:00:00.000Z',
};

async function answer(table: readonly RouteSpec[], key: string, result: HttpResult) {
  const handler = httpHandler(table as typeof practiceRoutes, { [key]: async () => result } as never);
  const raw = await handler(event(key), context);
  return { status: raw.statusCode, body: raw.body ? JSON.parse(raw.body) : undefined, raw: raw.body ?? '' };
}

afterEach(() => vi.restoreAllMocks());

describe('answers whitelisted by their route’s response schema', () => {
  it('drops every field the route does not declare, at the top and nested', async () => {
    const sent = await answer(
      practiceRoutes,
      'GET /v1/balance',
      ok({ ...balance, org: 'o', products: { ...balance.products, expert: { ...line, costPrice: 12 } } }),
    );
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual(balance);
  });

  it('drops undeclared fields from every item of a list', async () => {
    const sent = await answer(
      practiceRoutes,
      'GET /v1/groups',
      ok({ items: [{ ...group, PK: 'ORG#o', internalNote: 'x' }], nextCursor: null, scannedCount: 7 }),
    );
    expect(sent.body).toEqual({ items: [group], nextCursor: null });
  });

  it('answers the generic 500 and logs the detail when an answer does not fit its schema', async () => {
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const sent = await answer(practiceRoutes, 'GET /v1/balance', ok({ products: { introductory: line } }));
    expect(sent.status).toBe(500);
    expect(sent.body.error).toMatchObject({ code: 'INTERNAL', requestId: 'req-1' });
    expect(sent.raw).not.toContain('expert');
    const detail = (logged.mock.calls[0]?.[1] as { error: Error }).error.message;
    expect(detail).toContain('GET /v1/balance');
    expect(detail).toContain('products.expert');
  });

  it('answers the generic 500 for a timestamp that is not ISO-8601 UTC or a count that is not whole', async () => {
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const badTime = await answer(practiceRoutes, 'POST /v1/groups', {
      status: 201,
      body: { ...group, createdAt: 'yesterday' },
    });
    expect(badTime.status).toBe(500);
    const badCount = await answer(practiceRoutes, 'POST /v1/groups', {
      status: 201,
      body: { ...group, memberCount: 1.5 },
    });
    expect(badCount.status).toBe(500);
    const fine = await answer(practiceRoutes, 'POST /v1/groups', { status: 201, body: group });
    expect(fine.status).toBe(201);
  });

  it('answers the generic 500 for a status the route does not declare, or a body where it declares none', async () => {
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    expect((await answer(practiceRoutes, 'POST /v1/groups', ok(group))).status).toBe(500);
    expect(
      (await answer(practiceRoutes, 'DELETE /v1/groups/{groupId}', { status: 204, body: { id: 'g1' } }))
        .status,
    ).toBe(500);
    expect((await answer(practiceRoutes, 'DELETE /v1/groups/{groupId}', { status: 204 })).status).toBe(204);
  });

  it('answers the generic 500 when a declared Location header is missing', async () => {
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const key = 'POST /v1/learners/{learnerId}/profiles/{profileId}/shares';
    const without = await answer(learningRoutes, key, { status: 202, body: share });
    expect(without.status).toBe(500);
    const withIt = await answer(learningRoutes, key, {
      status: 202,
      body: share,
      headers: { location: '/v1/x' },
    });
    expect(withIt.status).toBe(202);
  });

  it('leaves error answers in the contract’s shape untouched', async () => {
    const sent = await answer(practiceRoutes, 'GET /v1/balance', {
      status: 409,
      body: { error: { code: 'X', message: 'm', requestId: 'req-1', support: 's' } },
    });
    expect(sent).toMatchObject({ status: 409, body: { error: { code: 'X' } } });
  });

  it('has no answer schema that lets unknown fields through, but the OpenAPI document itself', () => {
    const loose: string[] = [];
    const walk = (schema: z.ZodType | undefined, where: string): void => {
      if (!schema) return;
      const def = (schema as any)._zod.def;
      switch (def.type) {
        case 'object':
          if (def.catchall && def.catchall._zod.def.type !== 'never') loose.push(where);
          for (const [name, inner] of Object.entries(def.shape)) walk(inner as z.ZodType, `${where}.${name}`);
          return;
        case 'record':
          loose.push(where);
          return;
        case 'array':
          return walk(def.element, `${where}[]`);
        case 'optional':
        case 'nullable':
        case 'default':
        case 'readonly':
        case 'pipe':
          return walk(def.innerType ?? def.out, where);
        case 'union':
          return def.options.forEach((option: z.ZodType) => walk(option, where));
        case 'unknown':
        case 'any':
          loose.push(where);
          return;
      }
    };
    for (const spec of routes as readonly RouteSpec[])
      for (const [status, response] of Object.entries(spec.responses))
        walk(response.schema, `${routeKey(spec)} ${status}`);
    expect(loose).toEqual([
      'GET /v1/openapi.json 200',
      // An audit entry's details differ per action by design (amounts, ids); they come from the
      // domain's audit calls, never from a stored item as a whole.
      'GET /v1/audit 200.items[].details',
    ]);
  });
});
