import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../functions/adapters/dynamo/keys.ts';
import { localCredentials, localNames, localRegion } from '../../infra/local/config.ts';
import { startLocalStack } from '../../infra/local/stack.ts';
import { freeLocalPorts } from '../support/free-ports.ts';
import { printTable, runLoad } from './load.ts';

/**
 * `npm run bench:api`: the API on the local stack under 50 concurrent clients for 20 s, against
 * GET /v1/groups/{id} and code redemptions, beside the floor it stands on: bare DynamoDB Local
 * GetItem and TransactWriteItems loops of the same shape, in the same run. Prints requests/s,
 * p50/p99 and the p99 ratio (goal ≤ 3). BENCH_SECONDS and BENCH_CLIENTS override the defaults.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const clients = Number(process.env.BENCH_CLIENTS ?? 50);

async function withConflictRetries<T>(attempt: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof TransactionCanceledException) || i >= 12) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(1000, 20 * 2 ** i)));
    }
  }
}

const ports = await freeLocalPorts();
const stack = await startLocalStack({ ports, workers: false, schedulerTickMs: 0, handlerLogLevel: 'SILENT' });
try {
  const org = `bench-${Date.now()}`;
  const token = await stack.mintToken({ email: 'pat@bench.example', org, roles: ['practitioner'] });
  const call = async (method: string, path: string, bearer: string, body?: unknown) => {
    const response = await fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    await response.arrayBuffer();
    return response.status;
  };

  // Enough uses that redemptions never run out during the run.
  const uses = 10_000;
  for (let i = 0; i < 4; i += 1)
    await call('POST', '/v1/balance/purchases', token, { product: 'introductory', quantity: uses });
  const group = (await (
    await fetch(`${stack.apiUrl}/v1/groups`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Bench' }),
    })
  ).json()) as { id: string };
  for (let i = 0; i < 4; i += 1)
    await call('POST', `/v1/groups/${group.id}/uses`, token, { product: 'introductory', quantity: uses });
  const code = (
    (await (
      await fetch(`${stack.apiUrl}/v1/groups/${group.id}/codes`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ product: 'introductory' }),
      })
    ).json()) as { code: string }
  ).code;

  // Every redemption needs a user of its own: mint tokens before the clock starts.
  const redeemerTokens = await Promise.all(
    Array.from({ length: 20_000 }, (_, i) =>
      stack.mintToken({ email: `r${i}@bench.example`, sub: `redeemer-${i}`, org: 'bench-learners' }),
    ),
  );
  let nextRedeemer = 0;

  const dynamo = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: localRegion,
      credentials: localCredentials,
      endpoint: stack.env.AWS_ENDPOINT_URL_DYNAMODB,
    }),
  );
  const table = localNames.table;
  let floorCounter = 0;

  // Warm the JVM behind DynamoDB Local and the handlers' containers before measuring anything.
  const warmUp = Math.min(5, seconds);
  await runLoad(
    'warm-up',
    clients,
    warmUp,
    async () => (await call('GET', `/v1/groups/${group.id}`, token)) === 200,
  );
  await runLoad('warm-up', clients, warmUp, async () => {
    await dynamo.send(new GetCommand({ TableName: table, Key: keys.group(org, group.id) }));
    return true;
  });

  const results = [];
  results.push(
    await runLoad(
      'API GET /v1/groups/{id}',
      clients,
      seconds,
      async () => (await call('GET', `/v1/groups/${group.id}`, token)) === 200,
    ),
  );
  results.push(
    await runLoad('floor: DynamoDB GetItem (group)', clients, seconds, async () => {
      await dynamo.send(
        new GetCommand({ TableName: table, Key: keys.group(org, group.id), ConsistentRead: true }),
      );
      return true;
    }),
  );
  results.push(
    await runLoad('API POST /v1/codes/{code}/redemptions', clients, seconds, async () => {
      const bearer = redeemerTokens[nextRedeemer++ % redeemerTokens.length]!;
      return (await call('POST', `/v1/codes/${code}/redemptions`, bearer)) === 201;
    }),
  );
  results.push(
    await runLoad('floor: DynamoDB TransactWriteItems (redeem shape)', clients, seconds, async () => {
      const n = floorCounter++;
      // Same shape as a redemption: two hot counters, three new items, one more counter. Like the API,
      // it retries a transaction DynamoDB cancels for a conflict on a hot item (nothing was written).
      await withConflictRetries(() =>
        dynamo.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: table,
                  Key: { PK: `FLOOR#${org}`, SK: 'GROUP' },
                  UpdateExpression: 'ADD n :one',
                  ExpressionAttributeValues: { ':one': 1 },
                },
              },
              {
                Update: {
                  TableName: table,
                  Key: { PK: `FLOOR#${org}`, SK: 'CODE' },
                  UpdateExpression: 'ADD n :one',
                  ExpressionAttributeValues: { ':one': 1 },
                },
              },
              {
                Put: {
                  TableName: table,
                  Item: { PK: `FLOOR#${org}`, SK: `MEMBER#${n}` },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
              {
                Put: {
                  TableName: table,
                  Item: { PK: `FLOOR-USER#${n}`, SK: 'ASSIGNMENT' },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
              {
                Update: {
                  TableName: table,
                  Key: { PK: `FLOOR#${org}`, SK: 'BALANCE' },
                  UpdateExpression: 'ADD n :one',
                  ExpressionAttributeValues: { ':one': 1 },
                },
              },
              { Put: { TableName: table, Item: { PK: `FLOOR#${org}#AUDIT`, SK: `${n}` } } },
            ],
          }),
        ),
      );
      return true;
    }),
  );
  printTable(results);
  const [getApi, getFloor, redeemApi, redeemFloor] = results as [
    (typeof results)[0],
    (typeof results)[0],
    (typeof results)[0],
    (typeof results)[0],
  ];
  console.log(
    `\np99 ratio API/floor: GET group ${(getApi.p99 / getFloor.p99).toFixed(2)}, redemption ${(redeemApi.p99 / redeemFloor.p99).toFixed(2)} (goal ≤ 3)`,
  );
  console.log(
    `(${clients} clients, ${seconds} s each; API and floor share this process and the same DynamoDB Local)`,
  );
} finally {
  await stack.stop();
}
