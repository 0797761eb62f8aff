import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { keys } from './keys.ts';

/**
 * THE table definition. CDK (infra/constructs/data.ts), the local stack and the integration tests
 * all build the one table from this object. Access patterns and key shapes: ./keys.ts.
 */
export const tableDefinition = {
  partitionKey: 'PK',
  sortKey: 'SK',
  /** Epoch seconds; DynamoDB deletes expired items late (days), so readers filter on it too. */
  timeToLiveAttribute: 'expiresAtEpoch',
  globalSecondaryIndexes: [{ indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' }],
  /**
   * The table's change stream, read by the outbox relay: new images, so a message recorded in the
   * outbox reaches the relay whole, with no read of the table.
   */
  stream: { viewType: 'NEW_IMAGE' },
} as const;

/**
 * The stream records the outbox relay is invoked for: outbox items coming into being. Written as a
 * Lambda event filter pattern, which CDK passes to the event source mapping as it is and the local
 * stream poller applies itself (infra/local/stream-poller.ts), so both relay exactly the same records.
 * A relayed item's deletion (REMOVE) and every other item of the table are never delivered.
 */
export const outboxStreamRecords = {
  eventName: ['INSERT'],
  dynamodb: { Keys: { [tableDefinition.partitionKey]: { S: [{ prefix: keys.outboxPrefix }] } } },
} as const;

/** CreateTable input for emulators (on-demand, same keys, indexes and stream as the CDK table). */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const { partitionKey, sortKey, globalSecondaryIndexes, stream } = tableDefinition;
  const attributeNames = [
    partitionKey,
    sortKey,
    ...globalSecondaryIndexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: attributeNames.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: partitionKey, KeyType: 'HASH' },
      { AttributeName: sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: globalSecondaryIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: stream.viewType },
  };
}
