import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { allItems, listPage } from '../../functions/adapters/dynamo/paging.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
afterEach(() => dynamo.reset());

const item = (n: number, extra: Record<string, unknown> = {}) => ({
  PK: 'ORG#o',
  SK: `THING#${n}`,
  GSI1PK: 'BY#o',
  GSI1SK: `AT#${n}`,
  n,
  ...extra,
});
const query = {
  KeyConditionExpression: 'PK = :pk',
  ExpressionAttributeValues: { ':pk': 'ORG#o' },
};
/** Each item as its number, so a page reads as the numbers it holds. */
const n = (i: Record<string, unknown>) => i.n as number;

describe('listPage', () => {
  it('reads on past pages where the filter matched nothing, until the page is full', async () => {
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [], LastEvaluatedKey: { PK: 'ORG#o', SK: 'THING#0' } })
      .resolvesOnce({ Items: [item(1)], LastEvaluatedKey: { PK: 'ORG#o', SK: 'THING#1' } })
      .resolvesOnce({ Items: [], LastEvaluatedKey: { PK: 'ORG#o', SK: 'THING#2' } })
      .resolvesOnce({ Items: [item(3), item(4)], LastEvaluatedKey: { PK: 'ORG#o', SK: 'THING#4' } });
    const page = await listPage('t', { ...query, FilterExpression: 'x = :x' }, { limit: 2 }, n);
    expect(page.items).toEqual([1, 3]);
    expect(page.next).toEqual({ PK: 'ORG#o', SK: 'THING#3' });
    expect(dynamo.commandCalls(QueryCommand)).toHaveLength(4);
  });

  it('gives no position when the partition ends with the page full (no empty page after it)', async () => {
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [item(1)], LastEvaluatedKey: { PK: 'ORG#o', SK: 'THING#1' } })
      .resolvesOnce({ Items: [item(2)], LastEvaluatedKey: { PK: 'ORG#o', SK: 'THING#2' } })
      .resolvesOnce({ Items: [] });
    const page = await listPage('t', { ...query, FilterExpression: 'x = :x' }, { limit: 2 }, n);
    expect(page.items).toEqual([1, 2]);
    expect(page.next).toBeUndefined();
  });

  it('gives the position of the last item shown, not where DynamoDB stopped reading', async () => {
    dynamo.on(QueryCommand).resolves({
      Items: [item(1), item(2), item(3)],
      LastEvaluatedKey: { PK: 'ORG#o', SK: 'THING#3' },
    });
    const page = await listPage('t', query, { limit: 2 }, n);
    expect(page.items).toEqual([1, 2]);
    expect(page.next).toEqual({ PK: 'ORG#o', SK: 'THING#2' });
  });

  it('asks for one item more than the page without a filter, and starts where the cursor said', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [item(5)] });
    await listPage('t', query, { limit: 10, after: { PK: 'ORG#o', SK: 'THING#4' } }, n);
    expect(dynamo.commandCalls(QueryCommand)[0]!.args[0].input).toMatchObject({
      TableName: 't',
      Limit: 11,
      ExclusiveStartKey: { PK: 'ORG#o', SK: 'THING#4' },
    });
  });

  it('places a position on an index by the table key and the index key', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [item(1), item(2)] });
    const page = await listPage('t', { ...query, IndexName: 'GSI1' }, { limit: 1 }, n);
    expect(page.next).toEqual({ PK: 'ORG#o', SK: 'THING#1', GSI1PK: 'BY#o', GSI1SK: 'AT#1' });
  });

  it('leaves out items whose TTL has passed, and reads on to fill the page', async () => {
    dynamo
      .on(QueryCommand)
      .resolvesOnce({
        Items: [item(1, { expiresAtEpoch: 999 }), item(2, { expiresAtEpoch: 1001 }), item(3)],
        LastEvaluatedKey: { PK: 'ORG#o', SK: 'THING#3' },
      })
      .resolvesOnce({ Items: [] });
    const page = await listPage('t', query, { limit: 2 }, n, { nowEpochSeconds: () => 1000 });
    expect(page.items).toEqual([2, 3]);
    expect(page.next).toBeUndefined();
  });
});

describe('allItems', () => {
  it('reads every page of a query, without expired items', async () => {
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [item(1)], LastEvaluatedKey: { PK: 'ORG#o', SK: 'THING#1' } })
      .resolvesOnce({ Items: [item(2, { expiresAtEpoch: 1 }), item(3)] });
    const items = await allItems('t', query, { nowEpochSeconds: () => 1000 });
    expect(items.map((i) => i.n)).toEqual([1, 3]);
  });
});
