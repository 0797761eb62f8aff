import { createHash } from 'node:crypto';
import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
  type CancellationReason,
} from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { ConflictError } from '../../../domain/errors.ts';
import { dynamo } from '../../shared/clients/dynamo.ts';
import {
  currentOnce,
  encodeJson,
  pendingRefusal,
  unpackJournal,
  type OnceContext,
} from '../../shared/once-context.ts';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * A transaction's items by name, in the order they are written: a refusal names the items whose
 * condition failed (`failed.has('debit')`), so no caller counts positions in a list that grows
 * (a conditional group check, an outbox message).
 */
export type NamedItems<N extends string = string> = { [K in N]?: TransactItem | undefined };

/** The items to write, in order, without the ones left out (`...(cond ? { x } : {})`). */
const entries = <N extends string>(items: NamedItems<N>) =>
  (Object.entries(items) as [N, TransactItem | undefined][]).filter(
    (entry): entry is [N, TransactItem] => entry[1] !== undefined,
  );

export type TransactionOutcome<N extends string = string> = { ok: true } | { ok: false; failed: Set<N> };

/** The do-once record's own item in a transaction (once.ts); no caller may use this name. */
const onceItem = '(do-once record)';

/**
 * Retries `attempt` while `retryable` says its failure changed nothing and is worth another try,
 * with jittered exponential backoff (at most ~1 s apart), up to `attempts` tries. The one retry
 * helper of the DynamoDB adapters; the SDK's own retry strategy already covers throttling and
 * network errors of single calls.
 */
export async function retrying<T>(
  attempt: () => Promise<T>,
  retryable: (error: unknown) => boolean,
  attempts = 12,
): Promise<T> {
  for (let tried = 1; ; tried += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (tried >= attempts || !retryable(error)) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(1000, 20 * 2 ** tried)));
    }
  }
}

/** DynamoDB cancels a transaction that races another on one item; nothing was written. */
const conflicted = (error: unknown) =>
  error instanceof TransactionCanceledException &&
  (error.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict') &&
  !(error.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed');

/**
 * Runs a transaction and reports which named conditions failed, instead of throwing, so callers can
 * turn a refused condition into the contract's 409/410. Conflicts with other transactions are
 * retried (`retrying`); anything else throws.
 *
 * Inside a "do once" context (once.ts) the first transaction that commits also commits the do-once
 * record, with the journal of what the work drew so far: the work and the record that it was done
 * are one write. In a replay of committed work, the transactions the first run saw refused are
 * refused again from the journal, and the committing one is skipped — it is in the table already.
 */
export async function transact<N extends string>(items: NamedItems<N>): Promise<TransactionOutcome<N>> {
  const once = currentOnce();
  if (once && !once.committed) return once.mode === 'replay' ? replayed(once, items) : recorded(once, items);
  return run(items);
}

async function run<N extends string>(items: NamedItems<N>): Promise<TransactionOutcome<N>> {
  const named = entries(items);
  try {
    await retrying(
      () => dynamo.send(new TransactWriteCommand({ TransactItems: named.map(([, item]) => item) })),
      conflicted,
    );
    return { ok: true };
  } catch (error) {
    const failed = failedNames(
      error,
      named.map(([name]) => name),
    );
    if (failed.size === 0) throw error;
    return { ok: false, failed };
  }
}

/** The names of the items whose condition failed, read from the cancellation reasons (same order). */
function failedNames<N extends string>(error: unknown, order: N[]): Set<N> {
  if (!(error instanceof TransactionCanceledException)) return new Set();
  const reasons: CancellationReason[] = error.CancellationReasons ?? [];
  return new Set(order.filter((_, i) => reasons[i]?.Code === 'ConditionalCheckFailed'));
}

async function recorded<N extends string>(
  once: OnceContext,
  items: NamedItems<N>,
): Promise<TransactionOutcome<N>> {
  if (onceItem in items) throw new Error(`"${onceItem}" is reserved`);
  const journal = { ...once.journal, work: workHash(items) };
  const commit = once.commitItem(journal) as TransactItem;
  const withRecord = { ...items, [onceItem]: commit } as NamedItems<N | typeof onceItem>;
  const named = entries(withRecord);
  const sentBefore = once.commitSent === true;
  once.commitSent = true;
  try {
    await retrying(
      () => dynamo.send(new TransactWriteCommand({ TransactItems: named.map(([, item]) => item) })),
      conflicted,
    );
  } catch (error) {
    const failed = failedNames(
      error,
      named.map(([name]) => name),
    );
    if (!failed.has(onceItem)) {
      if (failed.size === 0) throw error;
      // Refused for the work's own reasons: nothing committed; a replay must see the same refusal.
      (once.journal.values.tx ??= []).push([...failed]);
      return { ok: false, failed: failed as Set<N> };
    }
    // The record was not mine to commit: another attempt took the lease over. Unless it is
    // COMMITTED under my own lease, by an earlier call whose answer was lost (a network failure
    // after DynamoDB committed): then this very work, retried, is already in the table, and any
    // other transaction is work after the commit, to run as such.
    const reasons = (error as TransactionCanceledException).CancellationReasons ?? [];
    const oldItem = reasons[named.findIndex(([name]) => name === onceItem)]?.Item;
    const old = oldItem ? unmarshall(oldItem) : undefined;
    if (old?.status !== 'COMMITTED' || old.leaseToken !== once.lease.token) {
      throw new ConflictError(
        'REQUEST_IN_PROGRESS',
        'A request with this Idempotency-Key is being processed by another attempt; retry shortly.',
      );
    }
    const committedWork = old.journal ? unpackJournal(old.journal as Uint8Array).work : undefined;
    if (committedWork !== journal.work) {
      // Mine, yet not this work: only an earlier commit of this context can have done it.
      if (!sentBefore)
        throw new Error('The do-once record is committed, but not by this work', { cause: error });
      once.committed = true;
      return run(items);
    }
  }
  once.committed = true;
  once.journal = journal;
  return { ok: true };
}

function replayed<N extends string>(once: OnceContext, items: NamedItems<N>): TransactionOutcome<N> {
  const refused = pendingRefusal(once);
  if (refused) return { ok: false, failed: new Set(refused as N[]) };
  // The first run's commit: already in the table. Only the very same work may be taken as it.
  if (workHash(items) !== once.journal.work) {
    throw new Error('The replay of committed work diverged from its first run; nothing was written');
  }
  once.committed = true;
  return { ok: true };
}

/** What the work writes, as a stable digest (key order and whitespace do not matter). */
function workHash(items: NamedItems): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === 'object' && !(value instanceof Uint8Array) && !(value instanceof Set)
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
              .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
          )
        : value;
  return createHash('sha256')
    .update(encodeJson(canonical(items)))
    .digest('base64url');
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
