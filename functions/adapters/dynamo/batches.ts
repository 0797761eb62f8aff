import {
  BatchGetCommand,
  BatchWriteCommand,
  type BatchGetCommandOutput,
  type BatchWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../../shared/clients/dynamo.ts';
import { withoutKeys } from './items.ts';

/**
 * Batched reads and writes of many items at once, within DynamoDB's limits, retrying what it hands
 * back unprocessed (under load, it may process part of a batch) after a growing pause.
 */

/** BatchGetItem takes 100 keys at most; BatchWriteItem 25 writes. */
const readBatch = 100;
const writeBatch = 25;

const pause = (attempt: number) => new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));

/** The items of these keys that exist (strongly consistent), as the domain sees them, in no set order. */
export async function batchGet<T>(tableName: string, itemKeys: Record<string, unknown>[]): Promise<T[]> {
  const found: T[] = [];
  for (let i = 0; i < itemKeys.length; i += readBatch) {
    let pending: Record<string, unknown>[] | undefined = itemKeys.slice(i, i + readBatch);
    for (let attempt = 0; pending && pending.length > 0; attempt += 1) {
      if (attempt > 0) await pause(attempt);
      const answer: BatchGetCommandOutput = await dynamo.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
      );
      found.push(...(answer.Responses?.[tableName] ?? []).map((item) => withoutKeys<T>(item)));
      pending = answer.UnprocessedKeys?.[tableName]?.Keys;
    }
  }
  return found;
}

/** One write request of BatchWriteItem: a put or a delete, never conditional. */
export type BatchWrite = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

/** Writes them all, 25 at a time; each is idempotent, so a retried batch changes nothing twice. */
export async function batchWrite(tableName: string, writes: BatchWrite[]): Promise<void> {
  for (let i = 0; i < writes.length; i += writeBatch) {
    let pending: BatchWriteCommandInput['RequestItems'] | undefined = {
      [tableName]: writes.slice(i, i + writeBatch),
    };
    for (let attempt = 0; pending && Object.keys(pending).length > 0; attempt += 1) {
      if (attempt > 0) await pause(attempt);
      pending = (await dynamo.send(new BatchWriteCommand({ RequestItems: pending }))).UnprocessedItems;
    }
  }
}
