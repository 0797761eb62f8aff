import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DynamoDBDocumentClient as DocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LocalStack } from '../../infra/local/stack.ts';
import { freeLocalPorts } from '../support/free-ports.ts';
import { callerOf } from '../support/own-stack.ts';

/**
 * Idempotency-Key against DynamoDB Local, on a stack of this file's own: its handlers run in this
 * process, so a test can make one DynamoDB call of theirs fail (a spy on the shared client), and its
 * lease is short (2 s) so "after the lease expired" takes seconds.
 */
vi.hoisted(() => {
  process.env.IDEMPOTENCY_LEASE_SECONDS = '2';
});
const leaseMs = 2_000;

let stack: LocalStack;
let dynamo: DocumentClient;
beforeAll(async () => {
  const { startLocalStack } = await import('../../infra/local/stack.ts');
  stack = await startLocalStack({
    ports: await freeLocalPorts(),
    workers: false,
    schedulerTickMs: 0,
    handlerLogLevel: 'SILENT',
  });
  // Imported once the stack set the endpoints: the handlers share this very client.
  ({ dynamo } = await import('../../functions/shared/clients/dynamo.ts'));
}, 120_000);
afterAll(async () => stack?.stop());
afterEach(() => vi.restoreAllMocks());

let orgs = 0;
const newOrg = () => `org-idem-${process.pid}-${Date.now().toString(36)}-${(orgs += 1)}`;

const call = callerOf(() => stack.apiUrl);

const practitioner = (org: string, sub: string) =>
  stack.mintToken({ sub, email: `${sub.replace(/\W/g, '')}@example.com`, org, roles: ['practitioner'] });

const available = async (token: string) =>
  (await call(token, 'GET', '/v1/balance')).body.products.introductory.available as number;

/** The purchase items in the table (no route lists them). */
async function purchases(org: string) {
  const { QueryCommand } = await import('@aws-sdk/lib-dynamodb');
  const { keys } = await import('../../functions/adapters/dynamo/keys.ts');
  const answer = await dynamo.send(
    new QueryCommand({
      TableName: stack.env.TABLE_NAME,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.org(org), ':prefix': 'PURCHASE#' },
      ConsistentRead: true,
    }),
  );
  return (answer.Items ?? []) as { id: string }[];
}

/**
 * Makes the handlers' next DynamoDB call that `matches` fail, once (with `afterSending`, after DynamoDB
 * did it: an answer lost on the way back); tells whether it happened.
 */
function failOnce(
  matches: (input: Record<string, any>, name: string) => boolean,
  { afterSending = false } = {},
) {
  const send = dynamo.send.bind(dynamo);
  const injected = { happened: false };
  vi.spyOn(dynamo, 'send').mockImplementation((async (command: {
    input: Record<string, any>;
    constructor: { name: string };
  }) => {
    if (!injected.happened && matches(command.input, command.constructor.name)) {
      injected.happened = true;
      if (afterSending) await send(command as never);
      throw new Error('injected DynamoDB failure');
    }
    return send(command as never);
  }) as never);
  return injected;
}

describe('Idempotency-Key records', { timeout: 60_000 }, () => {
  it('keeps user `u1#x` with key `y` apart from user `u1` with key `x#y`: each gets a purchase of their own', async () => {
    const org = newOrg();
    const first = await practitioner(org, 'u1#x');
    const second = await practitioner(org, 'u1');
    const body = { product: 'introductory', quantity: 3 };

    const a = await call(first, 'POST', '/v1/balance/purchases', body, 'y');
    const b = await call(second, 'POST', '/v1/balance/purchases', body, 'x#y');

    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.purchase.id).not.toBe(a.body.purchase.id);
    expect(await available(first)).toBe(6);
    expect((await purchases(org)).map((p) => p.id).sort()).toEqual(
      [a.body.purchase.id, b.body.purchase.id].sort(),
    );
  });

  it('answers a retry with the first answer when storing that answer failed, and moves the balance once', async () => {
    const org = newOrg();
    const token = await practitioner(org, 'pat');
    const body = { product: 'introductory', quantity: 5 };
    const injected = failOnce(
      (input, name) =>
        name === 'UpdateCommand' &&
        String(input.Key?.PK).startsWith('IDEMPOTENCY#') &&
        String(input.UpdateExpression).includes('answer'),
    );

    const first = await call(token, 'POST', '/v1/balance/purchases', body, 'complete-fails');
    expect(injected.happened).toBe(true);
    vi.restoreAllMocks();
    await new Promise((r) => setTimeout(r, leaseMs + 1_200));
    const retry = await call(token, 'POST', '/v1/balance/purchases', body, 'complete-fails');

    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(await available(token)).toBe(5);
    expect((await purchases(org)).map((p) => p.id)).toEqual([first.body.purchase.id]);
  });

  it('replays a purchase whose request failed after its commit: the same purchase, the balance moved once', async () => {
    const org = newOrg();
    const token = await practitioner(org, 'pat');
    const body = { product: 'introductory', quantity: 4 };
    // The purchase commits, then reading the new balance for the answer fails: the client sees a 500.
    const injected = failOnce(
      (input, name) => name === 'QueryCommand' && input.ExpressionAttributeValues?.[':prefix'] === 'BALANCE#',
    );

    const first = await call(token, 'POST', '/v1/balance/purchases', body, 'lost-answer');
    expect(injected.happened).toBe(true);
    expect(first.status).toBe(500);
    vi.restoreAllMocks();
    const tooSoon = await call(token, 'POST', '/v1/balance/purchases', body, 'lost-answer');
    await new Promise((r) => setTimeout(r, leaseMs + 1_200));
    const retry = await call(token, 'POST', '/v1/balance/purchases', body, 'lost-answer');
    const again = await call(token, 'POST', '/v1/balance/purchases', body, 'lost-answer');

    expect(tooSoon.status).toBe(409);
    expect(tooSoon.body.error.code).toBe('REQUEST_IN_PROGRESS');
    expect(retry.status).toBe(201);
    const stored = await purchases(org);
    expect(stored).toHaveLength(1);
    expect(retry.body.purchase.id).toBe(stored[0]!.id);
    expect(retry.body.balance.products.introductory.available).toBe(4);
    expect(again.body).toEqual(retry.body);
    expect(await available(token)).toBe(4);
  });

  it('replays a redemption whose answer could not be stored exactly as first answered: 201, the same assignment', async () => {
    // The redemption reads the code, the group and the membership before it commits. A replay must
    // see them as the first run did (no member yet), not as the commit left them (a member now).
    const org = newOrg();
    const token = await practitioner(org, 'pat');
    await call(token, 'POST', '/v1/balance/purchases', { product: 'introductory', quantity: 2 });
    const group = await call(token, 'POST', '/v1/groups', { name: 'Cohort' });
    await call(token, 'POST', `/v1/groups/${group.body.id}/uses`, { product: 'introductory', quantity: 2 });
    const code = await call(token, 'POST', `/v1/groups/${group.body.id}/codes`, { product: 'introductory' });
    expect(code.status).toBe(201);
    const learner = await stack.mintToken({ sub: 'lee', email: 'lee@example.com' });
    const path = `/v1/codes/${encodeURIComponent(code.body.code)}/redemptions`;
    const injected = failOnce(
      (input, name) =>
        name === 'UpdateCommand' &&
        String(input.Key?.PK).startsWith('IDEMPOTENCY#') &&
        String(input.UpdateExpression).includes('answer'),
    );

    const first = await call(learner, 'POST', path, undefined, 'redeem-once');
    expect(injected.happened).toBe(true);
    vi.restoreAllMocks();
    await new Promise((r) => setTimeout(r, leaseMs + 1_200));
    const retry = await call(learner, 'POST', path, undefined, 'redeem-once');

    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    const shown = await call(token, 'GET', `/v1/groups/${group.body.id}`);
    expect(shown.body.uses.introductory).toMatchObject({ redeemed: 1, remaining: 1 });
  });

  it('never repeats a purchase whose transaction committed while its answer from DynamoDB was lost', async () => {
    const org = newOrg();
    const token = await practitioner(org, 'pat');
    const body = { product: 'introductory', quantity: 2 };
    // The transaction reaches DynamoDB and commits; only its answer is lost on the way back.
    const injected = failOnce((_input, name) => name === 'TransactWriteCommand', { afterSending: true });

    const first = await call(token, 'POST', '/v1/balance/purchases', body, 'answer-lost');
    vi.restoreAllMocks();
    await new Promise((r) => setTimeout(r, leaseMs + 1_200));
    const retry = await call(token, 'POST', '/v1/balance/purchases', body, 'answer-lost');

    expect(injected.happened).toBe(true);
    expect(first.status).toBe(500);
    expect(retry.status).toBe(201);
    const stored = await purchases(org);
    expect(stored.map((p) => p.id)).toEqual([retry.body.purchase.id]);
    expect(await available(token)).toBe(2);
  });
});
