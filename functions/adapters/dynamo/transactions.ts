import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../../shared/clients/dynamo.ts';

type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

/** 'ok', or for each item whether its condition failed (true) — in the order the items were given. */
export type TransactionOutcome = { ok: true } | { ok: false; failed: boolean[] };

const maxConflictRetries = 12;

/**
 * Runs a transaction and reports which conditions failed, instead of throwing, so callers can turn
 * a refused condition into the contract's 409/410. DynamoDB cancels a transaction that races
 * another on the same item with `TransactionConflict` (not retried by the SDK): that is retried
 * here with jittered backoff, since nothing was written.
 */
export async function transact(items: TransactItems): Promise<TransactionOutcome> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
      return { ok: true };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const conflict = reasons.some((r) => r.Code === 'TransactionConflict');
      const failed = items.map((_, i) => reasons[i]?.Code === 'ConditionalCheckFailed');
      if (failed.some(Boolean)) return { ok: false, failed };
      if (!conflict || attempt >= maxConflictRetries) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(1000, 20 * 2 ** attempt)));
    }
  }
}

/**
 * Runs one conditional write and answers whether its condition held. A refused condition is an
 * expected outcome (already opened, already there, no such item), not an error; anything else throws.
 */
export async function conditionally<T>(write: Promise<T>): Promise<T | undefined> {
  try {
    return await write;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}
