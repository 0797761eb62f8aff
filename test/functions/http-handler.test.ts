import { describe, expect, it } from 'vitest';
import { callerFromClaims } from '../../functions/shared/http/caller.ts';
import { httpHandler } from '../../functions/shared/http/handler.ts';
import { practiceRoutes } from '../../functions/http/routes/practice.ts';
import { ok } from '../../functions/shared/http/responses.ts';
import { httpEvent, lambdaContext as context } from '../support/http-events.ts';

const event = (routeKey: string, claims?: Record<string, string>, body?: string) =>
  httpEvent(routeKey, { claims, body });

describe('the HTTP handler wrapper', () => {
  it('answers an unexpected failure with the generic 500, its request id and nothing internal', async () => {
    const handler = httpHandler(practiceRoutes, {
      'GET /v1/balance': async () => {
        throw new Error('ResourceNotFoundException: Requested resource not found: Table: secret-table-name');
      },
    });
    const answer = await handler(
      event('GET /v1/balance', { sub: 'u', email: 'a@b.c', org: 'o', roles: '[practitioner]' }),
      context,
    );
    expect(answer.statusCode).toBe(500);
    const body = JSON.parse(answer.body!);
    expect(body.error).toMatchObject({ code: 'INTERNAL', requestId: 'req-1' });
    expect(body.error.message).toMatch(
      /^We are so sorry, there has been an error, please try again later or contact the help team at .+ for support$/,
    );
    expect(answer.body).not.toContain('secret-table-name');
  });

  it('reads roles as API Gateway passes them (a flattened "[a b]" string) and as arrays', async () => {
    let roles: readonly string[] = [];
    const line = { available: 0, inGroups: 0, used: 0 };
    const handler = httpHandler(practiceRoutes, {
      'GET /v1/balance': async ({ caller }) => {
        roles = caller.roles;
        return ok({ products: { introductory: line, expert: line } });
      },
    });
    await handler(
      event('GET /v1/balance', { sub: 'u', email: 'a@b.c', org: 'o', roles: '[admin practitioner]' }),
      context,
    );
    expect(roles).toEqual(['admin', 'practitioner']);
    expect(
      callerFromClaims({ sub: 'u', email: 'A@B.C', org: 'o', roles: ['client', 'bogus'] }),
    ).toMatchObject({ roles: ['client'], email: 'a@b.c' });
  });

  it('takes no email an identity provider marks unverified, so no one is signed in with it', () => {
    const claims = { sub: 'u', email: 'ceo@victim.example', org: 'o' };
    expect(callerFromClaims({ ...claims, email_verified: false })).toBeUndefined();
    // API Gateway's authorizer passes every claim as a string.
    expect(callerFromClaims({ ...claims, email_verified: 'false' })).toBeUndefined();
    expect(callerFromClaims({ ...claims, email_verified: 'true' })).toMatchObject({
      email: 'ceo@victim.example',
    });
    expect(callerFromClaims(claims)).toMatchObject({ email: 'ceo@victim.example' });
  });

  it('answers a route it does not serve (API Gateway’s $default) 404 NOT_FOUND in the contract shape', async () => {
    const handler = httpHandler(practiceRoutes, { 'GET /v1/balance': async () => ok({}) });
    const answer = await handler({ ...event('$default'), rawPath: '/v1/nothing-here' }, context);
    expect(answer.statusCode).toBe(404);
    expect(JSON.parse(answer.body!)).toMatchObject({
      error: { code: 'NOT_FOUND', requestId: expect.any(String), support: expect.any(String) },
    });
  });

  it('gives a user without an organisation a personal tenant of their own', () => {
    expect(callerFromClaims({ sub: 'u9', email: 'new@example.com' })).toMatchObject({
      org: 'personal:u9',
      roles: [],
    });
  });

  it('refuses a caller without the route role with 403 before running anything', async () => {
    let ran = false;
    const handler = httpHandler(practiceRoutes, {
      'GET /v1/balance': async () => {
        ran = true;
        return ok({});
      },
    });
    const answer = await handler(
      event('GET /v1/balance', { sub: 'u', email: 'a@b.c', org: 'o', roles: '[client]' }),
      context,
    );
    expect(answer.statusCode).toBe(403);
    expect(ran).toBe(false);
  });
});
