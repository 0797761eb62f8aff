import { envNames } from '../../functions/shared/env-names.ts';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { keys } from '../../functions/adapters/dynamo/keys.ts';
import { dynamo } from '../../functions/shared/clients/dynamo.ts';
import { localAudience, localIssuer } from '../../infra/local/token-issuer.ts';
import { api, newOrg, stack, tokenFor } from '../support/api.ts';

const practitioner = async (org = newOrg()) => ({
  org,
  token: await tokenFor({ email: 'pat@example.com', org, roles: ['practitioner'] }),
});

function expectContractError(answer: { status: number; body: any }, status: number, code: string) {
  expect(answer.status).toBe(status);
  expect(answer.body.error.code).toBe(code);
  expect(typeof answer.body.error.message).toBe('string');
  expect(answer.body.error.requestId).toEqual(expect.any(String));
  // The same support address whether the gateway or a function answers.
  expect(answer.body.error.support).toBe(stack().env[envNames.supportEmail]);
  expect(JSON.stringify(answer.body)).not.toMatch(/at .*\.ts:\d+|Exception|DynamoDB/);
}

describe('authentication, as the JWT authorizer checks it', () => {
  it('refuses a request without a token with 401', async () => {
    expectContractError(await api('GET', '/v1/balance'), 401, 'UNAUTHENTICATED');
  });

  it('refuses a forged token (signed by another key) with 401', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ email: 'pat@example.com', org: 'org-x', roles: ['practitioner'] })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('user-x')
      .setIssuer(localIssuer)
      .setAudience(localAudience)
      .setExpirationTime('1h')
      .sign(privateKey);
    expectContractError(await api('GET', '/v1/balance', { token: forged }), 401, 'UNAUTHENTICATED');
  });

  it('refuses an expired token with 401', async () => {
    const token = await tokenFor({ email: 'pat@example.com', expiresInSeconds: -60 });
    expectContractError(await api('GET', '/v1/balance', { token }), 401, 'UNAUTHENTICATED');
  });

  it('refuses a token for another audience with 401', async () => {
    const token = await tokenFor({ email: 'pat@example.com', audience: 'some-other-api' });
    expectContractError(await api('GET', '/v1/balance', { token }), 401, 'UNAUTHENTICATED');
  });

  it('refuses a valid token without the needed role with 403 FORBIDDEN', async () => {
    const token = await tokenFor({ email: 'cli@example.com', roles: ['client'] });
    expectContractError(await api('GET', '/v1/balance', { token }), 403, 'FORBIDDEN');
  });
});

describe('malformed input gets its status and the contract error shape', () => {
  it('answers malformed JSON with 400 VALIDATION_FAILED', async () => {
    const { token } = await practitioner();
    const answer = await api('POST', '/v1/balance/purchases', {
      token,
      rawBody: '{"product": "expert",',
      headers: { 'content-type': 'application/json' },
    });
    expectContractError(answer, 400, 'VALIDATION_FAILED');
  });

  it('answers a body that is not JSON with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const { token } = await practitioner();
    const answer = await api('POST', '/v1/balance/purchases', {
      token,
      rawBody: 'product=expert',
      headers: { 'content-type': 'text/plain' },
    });
    expectContractError(answer, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers a body over 1 MB with 413 PAYLOAD_TOO_LARGE', async () => {
    const { token } = await practitioner();
    const big = JSON.stringify({ product: 'expert', quantity: 1, reference: 'x'.repeat(1024 * 1024) });
    const answer = await api('POST', '/v1/balance/purchases', {
      token,
      rawBody: big,
      headers: { 'content-type': 'application/json' },
    });
    expectContractError(answer, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('names each bad field in details', async () => {
    const { token } = await practitioner();
    const answer = await api('POST', '/v1/balance/purchases', {
      token,
      body: { product: 'platinum', quantity: 0 },
    });
    expectContractError(answer, 400, 'VALIDATION_FAILED');
    expect(answer.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'product',
      'quantity',
    ]);
  });

  it('refuses quantities that are not whole numbers from 1 to 10,000', async () => {
    const { token } = await practitioner();
    for (const quantity of [0, 10_001, 2.5, '3']) {
      const answer = await api('POST', '/v1/balance/purchases', {
        token,
        body: { product: 'expert', quantity },
      });
      expectContractError(answer, 400, 'VALIDATION_FAILED');
    }
  });
});

describe('a handler reading and writing DynamoDB Local through the SDK', () => {
  it('records a purchase in the table and reads the balance back', async () => {
    const { org, token } = await practitioner();
    const purchase = await api('POST', '/v1/balance/purchases', {
      token,
      body: { product: 'expert', quantity: 7, reference: 'PO-1' },
    });
    expect(purchase.status).toBe(201);
    const item = await dynamo.send(
      new GetCommand({ TableName: stack().env.TABLE_NAME, Key: keys.balance(org, 'expert') }),
    );
    expect(item.Item).toMatchObject({ purchased: 7, available: 7, inGroups: 0, used: 0 });
    const balance = await api('GET', '/v1/balance', { token });
    expect(balance.body.products.expert).toEqual({ available: 7, inGroups: 0, used: 0 });
    expect(balance.body.products.introductory).toEqual({ available: 0, inGroups: 0, used: 0 });
  });
});

describe('Idempotency-Key', () => {
  it('returns the first answer again for a retry and spends once', async () => {
    const { token } = await practitioner();
    const headers = { 'idempotency-key': 'purchase-42' };
    const first = await api('POST', '/v1/balance/purchases', {
      token,
      headers,
      body: { product: 'introductory', quantity: 3 },
    });
    const retry = await api('POST', '/v1/balance/purchases', {
      token,
      headers,
      body: { quantity: 3, product: 'introductory' },
    });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect((await api('GET', '/v1/balance', { token })).body.products.introductory.available).toBe(3);
  });

  it('answers 409 IDEMPOTENCY_KEY_REUSED for the same key with another body', async () => {
    const { token } = await practitioner();
    const headers = { 'idempotency-key': 'purchase-43' };
    await api('POST', '/v1/balance/purchases', {
      token,
      headers,
      body: { product: 'introductory', quantity: 3 },
    });
    const reused = await api('POST', '/v1/balance/purchases', {
      token,
      headers,
      body: { product: 'introductory', quantity: 4 },
    });
    expectContractError(reused, 409, 'IDEMPOTENCY_KEY_REUSED');
    expect((await api('GET', '/v1/balance', { token })).body.products.introductory.available).toBe(3);
  });

  it('keeps keys apart per organisation', async () => {
    const a = await practitioner();
    const b = await practitioner();
    const headers = { 'idempotency-key': 'same-key' };
    await api('POST', '/v1/balance/purchases', {
      token: a.token,
      headers,
      body: { product: 'expert', quantity: 1 },
    });
    const other = await api('POST', '/v1/balance/purchases', {
      token: b.token,
      headers,
      body: { product: 'expert', quantity: 2 },
    });
    expect(other.status).toBe(201);
    expect(other.body.balance.products.expert.available).toBe(2);
  });
});

describe('list cursors', () => {
  async function orgWithGroups(count: number) {
    const who = await practitioner();
    for (let i = 0; i < count; i += 1)
      await api('POST', '/v1/groups', { token: who.token, body: { name: `Group ${i}` } });
    return who;
  }

  it('pages through a list with opaque cursors', async () => {
    const { token } = await orgWithGroups(5);
    const first = await api('GET', '/v1/groups?limit=2', { token });
    expect(first.body.items).toHaveLength(2);
    const seen = [...first.body.items];
    let cursor = first.body.nextCursor as string | null;
    while (cursor) {
      const next = await api('GET', `/v1/groups?limit=2&cursor=${encodeURIComponent(cursor)}`, { token });
      seen.push(...next.body.items);
      cursor = next.body.nextCursor;
    }
    expect(new Set(seen.map((g) => g.id)).size).toBe(5);
  });

  it('refuses a cursor edited by hand with 400', async () => {
    const { token } = await orgWithGroups(3);
    const first = await api('GET', '/v1/groups?limit=1', { token });
    // The cursor is sealed, not readable: flip one bit of what it holds and it no longer opens.
    const bytes = Buffer.from(first.body.nextCursor as string, 'base64url');
    bytes[20] = bytes[20]! ^ 0x01;
    const edited = bytes.toString('base64url');
    expectContractError(
      await api('GET', `/v1/groups?limit=1&cursor=${encodeURIComponent(edited)}`, { token }),
      400,
      'VALIDATION_FAILED',
    );
    expectContractError(await api('GET', '/v1/groups?cursor=made-up', { token }), 400, 'VALIDATION_FAILED');
  });

  it("refuses another organisation's cursor with 400", async () => {
    const a = await orgWithGroups(2);
    const b = await practitioner();
    const cursor = (await api('GET', '/v1/groups?limit=1', { token: a.token })).body.nextCursor as string;
    expectContractError(
      await api('GET', `/v1/groups?cursor=${encodeURIComponent(cursor)}`, { token: b.token }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it("refuses another list's cursor, and another user's, with 400", async () => {
    const a = await orgWithGroups(2);
    const cursor = (await api('GET', '/v1/groups?limit=1', { token: a.token })).body.nextCursor as string;
    const sameUserAllRoles = await tokenFor({
      email: 'pat@example.com',
      org: a.org,
      roles: ['practitioner', 'admin'],
    });
    expectContractError(
      await api('GET', `/v1/learners?cursor=${encodeURIComponent(cursor)}`, { token: sameUserAllRoles }),
      400,
      'VALIDATION_FAILED',
    );
    const colleague = await tokenFor({
      email: 'sam@example.com',
      sub: 'colleague',
      org: a.org,
      roles: ['practitioner'],
    });
    expectContractError(
      await api('GET', `/v1/groups?cursor=${encodeURIComponent(cursor)}`, { token: colleague }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('refuses a limit outside 1–100', async () => {
    const { token } = await practitioner();
    expectContractError(await api('GET', '/v1/groups?limit=0', { token }), 400, 'VALIDATION_FAILED');
    expectContractError(await api('GET', '/v1/groups?limit=101', { token }), 400, 'VALIDATION_FAILED');
  });
});
