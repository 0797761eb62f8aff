import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalStack } from '../../infra/local/stack.ts';
import { freeLocalPorts } from '../support/free-ports.ts';
import { callerOf, learnerWithProfile, type Answer, type Call } from '../support/own-stack.ts';

/**
 * Fault injection (bounded, localhost only): DynamoDB Local is killed in the middle of a burst of
 * idempotent purchases, invitations and single shares, each with its own Idempotency-Key, and
 * restarted on its data directory; every request is then retried with its key until it succeeds.
 * Each must be applied exactly once, whatever point of its work the kill hit (before its commit,
 * between its commit and its answer being stored, or after), and the balance invariant must hold.
 *
 * A stack of this file's own (the handlers run in this process), with a 2 s lease so a retry may
 * take over a request the kill left in progress within seconds.
 */
vi.hoisted(() => {
  process.env.IDEMPOTENCY_LEASE_SECONDS = '2';
});

const dataDir = mkdtempSync(join(tmpdir(), 'fault-idempotency-'));
let stack: LocalStack;
beforeAll(async () => {
  const { startLocalStack } = await import('../../infra/local/stack.ts');
  stack = await startLocalStack({
    ports: await freeLocalPorts(),
    dataDir,
    workers: false,
    schedulerTickMs: 0,
    handlerLogLevel: process.env.STACK_LOG ? 'ERROR' : 'SILENT',
  });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const sampleResults = {
  scores: [
    { key: 'red', label: 'Fiery Red', value: 72 },
    { key: 'blue', label: 'Cool Blue', value: 41 },
  ],
};

interface Request {
  key: string;
  path: string;
  body: unknown;
}

const callStack = callerOf(() => stack.apiUrl, { timeoutMs: 20_000 });
/** A call that fails outright (the stack's DynamoDB is down, or the answer is late) answers status 0. */
async function call(...args: Parameters<Call>): Promise<Answer> {
  try {
    return await callStack(...args);
  } catch (error) {
    return { status: 0, body: { error: String(error) } };
  }
}

/** Until a 2xx: 409 REQUEST_IN_PROGRESS (a lease not yet expired) and 5xx are retried, bounded. */
async function untilDone(token: string, request: Request) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const answer = await call(token, 'POST', request.path, request.body, request.key);
    if (answer.status >= 200 && answer.status < 300) return answer;
    const retryable =
      answer.status === 0 ||
      answer.status >= 500 ||
      (answer.status === 409 && answer.body?.error?.code === 'REQUEST_IN_PROGRESS');
    if (!retryable || Date.now() > deadline) {
      throw new Error(`${request.key}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function tableItems(pk: string, prefix: string) {
  const { DynamoDBDocumentClient, QueryCommand } = await import('@aws-sdk/lib-dynamodb');
  const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const items: Record<string, any>[] = [];
  let after: Record<string, any> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: stack.env.TABLE_NAME,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
        ConsistentRead: true,
        ExclusiveStartKey: after,
      }),
    );
    items.push(...(page.Items ?? []));
    after = page.LastEvaluatedKey;
  } while (after);
  client.destroy();
  return items;
}

describe(
  'DynamoDB Local killed in the middle of a burst of idempotent requests',
  { timeout: 240_000 },
  () => {
    it('applies every purchase, invitation and share exactly once after a restart and retries', async () => {
      const org = `org-fault-${process.pid}-${Date.now().toString(36)}`;
      const token = await stack.mintToken({
        sub: 'pat-fault',
        email: 'pat@fault.example',
        name: 'Pat',
        org,
        roles: ['practitioner', 'admin'],
      });
      // Before the burst: uses to invite with, and a learner with a profile to share.
      const stock = await call(token, 'POST', '/v1/balance/purchases', {
        product: 'introductory',
        quantity: 20,
      });
      expect(stock.status).toBe(201);
      const { sharePath } = await learnerWithProfile(
        call,
        token,
        { name: 'Lee Learner', email: 'lee@fault.example' },
        { format: 'pdf', results: sampleResults },
      );
      // Every route of the burst answered once already, so the burst meets loaded handlers.
      const warmInvitation = await call(token, 'POST', '/v1/invitations', {
        email: 'warm@fault.example',
        product: 'introductory',
      });
      const warmShare = await call(token, 'POST', sharePath, { delivery: 'link' });
      expect(warmInvitation.status).toBe(201);
      expect(warmShare.status).toBeLessThan(300);

      const run = Date.now().toString(36);
      const requests: Request[] = [
        ...Array.from({ length: 12 }, (_, i) => ({
          key: `purchase-${run}-${i}`,
          path: '/v1/balance/purchases',
          body: { product: 'introductory', quantity: 1, reference: `order-${i}` },
        })),
        ...Array.from({ length: 8 }, (_, i) => ({
          key: `invite-${run}-${i}`,
          path: '/v1/invitations',
          body: { email: `invitee${i}@fault.example`, product: 'introductory' },
        })),
        ...Array.from({ length: 6 }, (_, i) => ({
          key: `share-${run}-${i}`,
          path: sharePath,
          body: { delivery: 'link' },
        })),
      ];

      // The burst, staggered so that the kill, once a few requests were answered, lands while the
      // others are at every stage: not sent yet, claiming, committing, answering.
      let answered = 0;
      let fiveAnswered: () => void = () => undefined;
      const killTime = new Promise<void>((resolve) => (fiveAnswered = resolve));
      const burst = requests.map(async (request, i) => {
        await new Promise((r) => setTimeout(r, i * 40));
        const answer = await call(token, 'POST', request.path, request.body, request.key);
        if ((answered += 1) === 5) fiveAnswered();
        return answer;
      });
      await killTime;
      await stack.dynamoDbLocal.kill();
      const during = await Promise.all(burst);
      await stack.dynamoDbLocal.restart();

      // The kill came in the middle: some requests were answered before it, some failed.
      expect(during.some((answer) => answer.status >= 200 && answer.status < 300)).toBe(true);
      expect(during.some((answer) => answer.status >= 500 || answer.status === 0)).toBe(true);
      // The balance invariant holds throughout: right after the restart, after every retried
      // request and after the second round, never only at the end.
      const expectBalanceInvariant = async () => {
        const [stored] = await tableItems(`ORG#${org}`, 'BALANCE#introductory');
        const line: Record<string, number> = {
          available: 0,
          inGroups: 0,
          inTransfers: 0,
          used: 0,
          purchased: 0,
          transferredIn: 0,
          transferredOut: 0,
          ...stored,
        };
        expect(line.available).toBeGreaterThanOrEqual(0);
        expect(line.available! + line.inGroups! + line.inTransfers! + line.used!).toBe(
          line.purchased! + line.transferredIn! - line.transferredOut!,
        );
      };
      await expectBalanceInvariant();
      const answers = [];
      for (const request of requests) {
        answers.push(await untilDone(token, request));
        await expectBalanceInvariant();
      }
      // A second round of retries is answered from the stored answers: the same ones.
      for (const [i, request] of requests.entries()) {
        const again = await call(token, 'POST', request.path, request.body, request.key);
        expect(again.body).toEqual(answers[i]!.body);
      }
      await expectBalanceInvariant();

      const purchases = await tableItems(`ORG#${org}`, 'PURCHASE#');
      const invitations = await tableItems(`ORG#${org}`, 'INVITATION#');
      const shares = await tableItems(`ORG#${org}`, 'SHARE#');
      const purchaseAnswers = answers.slice(0, 12).map((a) => a.body.purchase.id as string);
      const invitationAnswers = answers.slice(12, 20).map((a) => a.body.id as string);
      const shareAnswers = answers.slice(20).map((a) => a.body.id as string);
      // Exactly once: one stored item per key, and it is the one its answer names.
      expect(purchases.map((p) => p.id).sort()).toEqual([stock.body.purchase.id, ...purchaseAnswers].sort());
      expect(invitations.map((i) => i.id).sort()).toEqual(
        [warmInvitation.body.id, ...invitationAnswers].sort(),
      );
      expect(shares.map((s) => s.id).sort()).toEqual([warmShare.body.id, ...shareAnswers].sort());

      const [balance] = await tableItems(`ORG#${org}`, 'BALANCE#introductory');
      expect(balance).toMatchObject({ purchased: 20 + 12, used: 1 + 8 });
      expect(balance!.available + balance!.inGroups + balance!.used).toBe(balance!.purchased);
    });
  },
);
