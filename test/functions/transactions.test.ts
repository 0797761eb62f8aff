import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { transact } from '../../functions/adapters/dynamo/transactions.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
afterEach(() => dynamo.reset());

const cancelled = (codes: string[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

const items = [
  { Put: { TableName: 't', Item: { PK: 'a', SK: 'a' } } },
  { Put: { TableName: 't', Item: { PK: 'b', SK: 'b' } } },
];

describe('transact', () => {
  it('reports which condition failed instead of throwing', async () => {
    dynamo.on(TransactWriteCommand).rejects(cancelled(['None', 'ConditionalCheckFailed']));
    expect(await transact(items)).toEqual({ ok: false, failed: [false, true] });
  });

  it('retries a transaction cancelled by a conflict, then succeeds', async () => {
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled(['TransactionConflict', 'None']))
      .resolves({});
    expect(await transact(items)).toEqual({ ok: true });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(2);
  });

  it('lets any other failure through (throttling, validation) for the caller to report', async () => {
    dynamo.on(TransactWriteCommand).rejects(new Error('ProvisionedThroughputExceededException'));
    await expect(transact(items)).rejects.toThrow('ProvisionedThroughputExceededException');
  });
});
