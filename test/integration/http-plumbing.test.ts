import { connect } from 'node:net';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { keys } from '../../functions/adapters/dynamo/keys.ts';
import { dynamo } from '../../functions/shared/clients/dynamo.ts';
import { localAudience, localIssuer } from '../../infra/local/token-issuer.ts';
import { api, stack, tokenFor } from '../support/api.ts';
import { expectError } from '../support/contract.ts';
import { practitioner } from '../support/people.ts';

describe('authentication, as the JWT authorizer checks it', () => {
  it('refuses a request without a token with 401', async () => {
    expectError(await api('GET', '/v1/balance'), 401, 'UNAUTHENTICATED');
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
    expectError(await api('GET', '/v1/balance', { token: forged }), 401, 'UNAUTHENTICATED');
  });

  it('refuses an expired token with 401', async () => {
    const token = await tokenFor({ email: 'pat@example.com', expiresInSeconds: -60 });
    expectError(await api('GET', '/v1/balance', { token }), 401, 'UNAUTHENTICATED');
  });

  it('refuses a token without an expiry (exp) with 401', async () => {
    const minted = await api('POST', '/_local/token', {
      body: { email: 'pat@example.com', withoutExpiry: true },
    });
    expect(minted.status).toBe(200);
    const [, payload] = (minted.body.token as string).split('.');
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString())).not.toHaveProperty('exp');
    expectError(await api('GET', '/v1/balance', { token: minted.body.token }), 401, 'UNAUTHENTICATED');
  });

  it('refuses a token issued in the future (iat after now) with 401', async () => {
    const minted = await api('POST', '/_local/token', {
      body: { email: 'pat@example.com', issuedInSeconds: 600 },
    });
    expect(minted.status).toBe(200);
    expectError(await api('GET', '/v1/balance', { token: minted.body.token }), 401, 'UNAUTHENTICATED');
    // The same token issued now is good: only the issue time differs.
    const now = await api('POST', '/_local/token', {
      body: { email: 'pat@example.com', issuedInSeconds: 0 },
    });
    expect((await api('GET', '/v1/balance', { token: now.body.token })).status).toBe(200);
  });

  it('refuses a token for another audience with 401', async () => {
    const token = await tokenFor({ email: 'pat@example.com', audience: 'some-other-api' });
    expectError(await api('GET', '/v1/balance', { token }), 401, 'UNAUTHENTICATED');
  });

  it('refuses a valid token without the needed role with 403 FORBIDDEN', async () => {
    const token = await tokenFor({ email: 'cli@example.com', roles: ['client'] });
    expectError(await api('GET', '/v1/balance', { token }), 403, 'FORBIDDEN');
  });
});

describe('malformed input gets its status and the contract error shape', () => {
  it.each([
    ['malformed JSON', 'application/json', '{"product": "expert",', 400, 'VALIDATION_FAILED'],
    ['a body that is not JSON', 'text/plain', 'product=expert', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    [
      'a body over 1 MB',
      'application/json',
      JSON.stringify({ product: 'expert', quantity: 1, reference: 'x'.repeat(1024 * 1024) }),
      413,
      'PAYLOAD_TOO_LARGE',
    ],
  ])('answers %s (%s) with %i %s', async (_what, contentType, rawBody, status, code) => {
    const { token } = await practitioner();
    const answer = await api('POST', '/v1/balance/purchases', {
      token,
      rawBody,
      headers: { 'content-type': contentType },
    });
    expectError(answer, status, code);
  });

  it('names each bad field in details', async () => {
    const { token } = await practitioner();
    const answer = await api('POST', '/v1/balance/purchases', {
      token,
      body: { product: 'platinum', quantity: 0 },
    });
    expectError(answer, 400, 'VALIDATION_FAILED');
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
      expectError(answer, 400, 'VALIDATION_FAILED');
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
    expect(balance.body.products.expert).toEqual({ available: 7, inGroups: 0, inTransfers: 0, used: 0 });
    expect(balance.body.products.introductory).toEqual({
      available: 0,
      inGroups: 0,
      inTransfers: 0,
      used: 0,
    });
  });
});

describe('Idempotency-Key', () => {
  const purchase = (token: string, key: string, body: object) =>
    api('POST', '/v1/balance/purchases', { token, headers: { 'idempotency-key': key }, body });

  it('returns the first answer again for a retry and spends once', async () => {
    const { token } = await practitioner();
    const key = 'purchase-42';
    const first = await purchase(token, key, { product: 'introductory', quantity: 3 });
    const retry = await purchase(token, key, { quantity: 3, product: 'introductory' });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect((await api('GET', '/v1/balance', { token })).body.products.introductory.available).toBe(3);
  });

  it('answers 409 IDEMPOTENCY_KEY_REUSED for the same key with another body', async () => {
    const { token } = await practitioner();
    const key = 'purchase-43';
    await purchase(token, key, { product: 'introductory', quantity: 3 });
    const reused = await purchase(token, key, { product: 'introductory', quantity: 4 });
    expectError(reused, 409, 'IDEMPOTENCY_KEY_REUSED');
    expect((await api('GET', '/v1/balance', { token })).body.products.introductory.available).toBe(3);
  });

  it('keeps keys apart per organisation', async () => {
    const a = await practitioner();
    const b = await practitioner();
    const key = 'same-key';
    await purchase(a.token, key, { product: 'expert', quantity: 1 });
    const other = await purchase(b.token, key, { product: 'expert', quantity: 2 });
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
    expectError(
      await api('GET', `/v1/groups?limit=1&cursor=${encodeURIComponent(edited)}`, { token }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await api('GET', '/v1/groups?cursor=made-up', { token }), 400, 'VALIDATION_FAILED');
  });

  it("refuses another organisation's cursor with 400", async () => {
    const a = await orgWithGroups(2);
    const b = await practitioner();
    const cursor = (await api('GET', '/v1/groups?limit=1', { token: a.token })).body.nextCursor as string;
    expectError(
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
    expectError(
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
    expectError(
      await api('GET', `/v1/groups?cursor=${encodeURIComponent(cursor)}`, { token: colleague }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('refuses a limit outside 1–100', async () => {
    const { token } = await practitioner();
    expectError(await api('GET', '/v1/groups?limit=0', { token }), 400, 'VALIDATION_FAILED');
    expectError(await api('GET', '/v1/groups?limit=101', { token }), 400, 'VALIDATION_FAILED');
  });
});

/** Sends bytes as they are (fetch refuses control characters in headers) and reads the raw answer. */
function rawRequest(bytes: Buffer): Promise<{ status: number; headers: string; body: string }> {
  const { hostname, port } = new URL(stack().apiUrl);
  return new Promise((resolve, reject) => {
    // Written, not ended: a half-closed socket may be dropped before a slow answer is sent.
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      let body = rest.join('\r\n\r\n');
      if (/^transfer-encoding: chunked$/im.test(head)) {
        let dechunked = '';
        for (let at = 0; ;) {
          const eol = body.indexOf('\r\n', at);
          const size = parseInt(body.slice(at, eol), 16);
          if (!size) break;
          dechunked += body.slice(eol + 2, eol + 2 + size);
          at = eol + 2 + size + 2;
        }
        body = dechunked;
      }
      resolve({ status: Number(head.split(' ')[1]), headers: head, body });
    });
  });
}

const parsed = (answer: { status: number; body: string }) => ({
  status: answer.status,
  body: answer.body ? JSON.parse(answer.body) : undefined,
});

describe('requests no route can serve still get the contract error shape', () => {
  it('answers malformed percent-encoding in a path parameter with 400 VALIDATION_FAILED naming it', async () => {
    const { token } = await practitioner();
    for (const [path, param, auth] of [
      ['/v1/links/%', 'token', undefined],
      ['/v1/links/%E2%82', 'token', undefined],
      ['/v1/groups/%ZZ', 'groupId', token],
      ['/v1/groups/%ED%A0%80', 'groupId', token], // the UTF-8 bytes of a lone surrogate
    ] as const) {
      const answer = await api('GET', path, { ...(auth ? { token: auth } : {}) });
      expectError(answer, 400, 'VALIDATION_FAILED');
      expect(answer.body.error.details, path).toEqual([{ path: param, message: expect.any(String) }]);
    }
  });

  it('answers a request target that is no path with 404 NOT_FOUND', async () => {
    const answer = parsed(
      await rawRequest(Buffer.from('GET // HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')),
    );
    expectError(answer, 404, 'NOT_FOUND');
  });

  it('answers oversized headers with 431 HEADERS_TOO_LARGE in the contract shape, never an empty body', async () => {
    const { token } = await practitioner();
    const answer = await api('GET', '/v1/balance', {
      token,
      headers: { 'x-padding': 'x'.repeat(12 * 1024) },
    });
    expectError(answer, 431, 'HEADERS_TOO_LARGE');
    // Headers within API Gateway's 10 KB are served as before.
    expect(
      (await api('GET', '/v1/balance', { token, headers: { 'x-padding': 'x'.repeat(8 * 1024) } })).status,
    ).toBe(200);
  });

  it('answers a control character in Idempotency-Key, refused by the HTTP parser, with 400 naming the header', async () => {
    const { token } = await practitioner();
    for (const control of [0x00, 0x01, 0x1b, 0x7f]) {
      const request = Buffer.concat([
        Buffer.from(
          `POST /v1/balance/purchases HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n` +
            'Content-Type: application/json\r\nContent-Length: 2\r\nIdempotency-Key: key',
        ),
        Buffer.from([control]),
        Buffer.from('\r\nConnection: close\r\n\r\n{}'),
      ]);
      const raw = await rawRequest(request);
      expect(raw.headers).toMatch(/content-type: application\/json/i);
      const answer = parsed(raw);
      expectError(answer, 400, 'VALIDATION_FAILED');
      expect(answer.body.error.details).toEqual([
        { path: 'Idempotency-Key', message: 'must not contain control characters' },
      ]);
    }
  });

  it('answers an Idempotency-Key the parser lets through but no client should send (tab, non-ASCII) with 400', async () => {
    const { token } = await practitioner();
    const body = JSON.stringify({ product: 'expert', quantity: 1 });
    for (const odd of [Buffer.from('\t'), Buffer.from([0xe9])]) {
      const request = Buffer.concat([
        Buffer.from(
          `POST /v1/balance/purchases HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n` +
            'Content-Type: application/json\r\nIdempotency-Key: key',
        ),
        odd,
        Buffer.from(`x\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`),
      ]);
      const raw = await rawRequest(request);
      const answer = parsed(raw);
      expectError(answer, 400, 'VALIDATION_FAILED');
      expect(answer.body.error.details, raw.headers).toEqual([
        { path: 'Idempotency-Key', message: expect.any(String) },
      ]);
    }
    expect((await api('GET', '/v1/balance', { token })).body.products.expert.available).toBe(0);
  });
});
