import { DescribeTableCommand, DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { outboxStreamRecords } from '../../functions/adapters/dynamo/table.ts';
import { startStreamPoller } from '../../infra/local/stream-poller.ts';
import { resetAfterEach } from '../support/sdk-mocks.ts';

/**
 * The local stream poller (infra/local/stream-poller.ts) plays Lambda's DynamoDB Streams event
 * source for the outbox relay: it must read a closed shard to its end before the shard that follows
 * it, hand on only the records the filter names, and retry a batch from its first failed record.
 */
const dynamo = mockClient(DynamoDBClient);
const streams = mockClient(DynamoDBStreamsClient);
resetAfterEach(dynamo, streams);

const streamArn = 'arn:aws:dynamodb:local:000000000000:table/t/stream/1';
const record = (sequence: string, pk = `OUTBOX#${sequence}`, eventName = 'INSERT'): _Record =>
  ({
    eventID: `e${sequence}`,
    eventName,
    dynamodb: {
      Keys: { PK: { S: pk }, SK: { S: 'OUTBOX' } },
      NewImage: { PK: { S: pk }, SK: { S: 'OUTBOX' } },
      SequenceNumber: sequence,
      StreamViewType: 'NEW_IMAGE',
    },
  }) as _Record;

function poller(handle: (records: DynamoDBRecord[]) => { batchItemFailures: { itemIdentifier: string }[] }) {
  return startStreamPoller({
    dynamo: new DynamoDBClient({ region: 'local' }),
    streams: new DynamoDBStreamsClient({ region: 'local' }),
    tableName: 't',
    region: 'local',
    filter: outboxStreamRecords,
    sweepPrefix: { attribute: 'PK', prefix: 'OUTBOX#' },
    batchSize: 10,
    retryAttempts: 3,
    timeoutSeconds: 5,
    functionName: 'relay',
    loadHandler: async () => async (event) => handle(event.Records),
    log: () => undefined,
  });
}

async function until(condition: () => boolean) {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the local stream poller', () => {
  it('reads a closed parent shard to its end before its child, and only the filtered records', async () => {
    dynamo.on(DescribeTableCommand).resolves({ Table: { LatestStreamArn: streamArn } });
    dynamo.on(ScanCommand).resolves({ Items: [] });
    // The child is listed first: order must come from the lineage, not the listing.
    streams.on(DescribeStreamCommand).resolves({
      StreamDescription: {
        Shards: [
          { ShardId: 'child', ParentShardId: 'parent' },
          { ShardId: 'parent', SequenceNumberRange: { EndingSequenceNumber: '3' } },
        ],
      },
    });
    streams
      .on(GetShardIteratorCommand, { ShardId: 'parent' })
      .resolves({ ShardIterator: 'parent-1' })
      .on(GetShardIteratorCommand, { ShardId: 'child' })
      .resolves({ ShardIterator: 'child-1' });
    streams
      .on(GetRecordsCommand, { ShardIterator: 'parent-1' })
      .resolves({ Records: [record('1'), record('2', 'ORG#o')], NextShardIterator: 'parent-2' })
      .on(GetRecordsCommand, { ShardIterator: 'parent-2' })
      .resolves({ Records: [record('3'), record('3b', 'OUTBOX#3', 'REMOVE')] })
      .on(GetRecordsCommand, { ShardIterator: 'child-1' })
      .resolves({ Records: [record('4')], NextShardIterator: 'child-2' })
      .on(GetRecordsCommand, { ShardIterator: 'child-2' })
      .resolves({ Records: [], NextShardIterator: 'child-2' });

    const seen: string[] = [];
    const running = poller((records) => {
      seen.push(...records.map((r) => r.dynamodb!.SequenceNumber!));
      return { batchItemFailures: [] };
    });
    try {
      await until(() => seen.includes('4'));
    } finally {
      await running.stop();
    }
    expect(seen).toEqual(['1', '3', '4']);
  });

  it('retries a batch from its first failed record, leaving the records before it done', async () => {
    dynamo.on(DescribeTableCommand).resolves({ Table: { LatestStreamArn: streamArn } });
    dynamo.on(ScanCommand).resolves({ Items: [] });
    streams.on(DescribeStreamCommand).resolves({ StreamDescription: { Shards: [{ ShardId: 'only' }] } });
    streams.on(GetShardIteratorCommand).resolves({ ShardIterator: 'it-1' });
    streams
      .on(GetRecordsCommand, { ShardIterator: 'it-1' })
      .resolves({ Records: [record('1'), record('2'), record('3')], NextShardIterator: 'it-2' })
      .on(GetRecordsCommand, { ShardIterator: 'it-2' })
      .resolves({ Records: [], NextShardIterator: 'it-2' });

    const batches: string[][] = [];
    const running = poller((records) => {
      batches.push(records.map((r) => r.dynamodb!.SequenceNumber!));
      return { batchItemFailures: batches.length === 1 ? [{ itemIdentifier: '2' }] : [] };
    });
    try {
      await until(() => batches.length >= 2);
    } finally {
      await running.stop();
    }
    expect(batches.slice(0, 2)).toEqual([
      ['1', '2', '3'],
      ['2', '3'],
    ]);
  });

  it('first hands the relay the outbox items still in the table, as INSERT records', async () => {
    dynamo.on(DescribeTableCommand).resolves({ Table: { LatestStreamArn: streamArn } });
    dynamo.on(ScanCommand).resolves({
      Items: [{ PK: { S: 'OUTBOX#left' }, SK: { S: 'OUTBOX' }, queue: { S: 'email' }, body: { S: '{}' } }],
    });
    streams.on(DescribeStreamCommand).resolves({ StreamDescription: { Shards: [] } });

    const seen: DynamoDBRecord[] = [];
    const running = poller((records) => {
      seen.push(...records);
      return { batchItemFailures: [] };
    });
    try {
      await until(() => seen.length > 0);
    } finally {
      await running.stop();
    }
    expect(seen[0]).toMatchObject({
      eventName: 'INSERT',
      dynamodb: { Keys: { PK: { S: 'OUTBOX#left' } }, NewImage: { queue: { S: 'email' } } },
    });
  });
});
