import {
  TransactionCanceledException,
  type AttributeValue,
  type CancellationReason,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { transact } from '../../functions/adapters/dynamo/transactions.ts';
import { packJournal, recordOnce, replayOnce, type Journal } from '../../functions/shared/once-context.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
afterEach(() => dynamo.reset());

const cancelled = (reasons: (string | CancellationReason)[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: reasons.map((r) => (typeof r === 'string' ? { Code: r } : r)),
  });

const put = (pk: string) => ({ Put: { TableName: 't', Item: { PK: pk, SK: pk } } });
const items = () => ({ debit: put('balance'), record: put('purchase'), audit: put('audit') });
const sentItems = (call = 0) => dynamo.commandCalls(TransactWriteCommand)[call]!.args[0].input.TransactItems!;

const lease = { key: { PK: 'IDEMPOTENCY#o#u#k', SK: 'IDEMPOTENCY' }, token: 'my-token' };
/** The do-once record's update as once.ts builds it; here a marker carrying the journal it was given. */
const commitItem = (journal: Journal) => ({
  Update: { TableName: 't', Key: lease.key, UpdateExpression: 'SET committed', journal },
});

/** The do-once record's commit (the fourth item) refused: DynamoDB answers the record it found instead. */
const recordFound = (item: Record<string, AttributeValue>) =>
  cancelled(['None', 'None', 'None', { Code: 'ConditionalCheckFailed', Item: item }]);

/** The do-once record as stored once committed under this lease, with the journal of the work done. */
const committedUnderTheLease = (journal: Journal) => ({
  status: { S: 'COMMITTED' },
  leaseToken: { S: lease.token },
  journal: { B: packJournal(journal) },
});

/** The first transaction (with the do-once record's commit, four items) is refused on its debit; the next pass. */
const refuseTheFirstDebit = () =>
  dynamo
    .on(TransactWriteCommand)
    .rejectsOnce(cancelled(['ConditionalCheckFailed', 'None', 'None', 'None']))
    .resolves({});
/** Work that runs the same transaction twice and answers both outcomes. */
const transactTwice = async () => [await transact(items()), await transact(items())];

describe('transact', () => {
  it('names the items whose condition failed, whatever their position', async () => {
    dynamo.on(TransactWriteCommand).rejects(cancelled(['None', 'ConditionalCheckFailed', 'None']));
    expect(await transact(items())).toEqual({ ok: false, failed: new Set(['record']) });
  });

  it('writes the named items in the order they are given, leaving out the ones given as undefined', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    await transact({ ...items(), group: undefined });
    expect(sentItems()).toEqual([put('balance'), put('purchase'), put('audit')]);
  });

  it('retries a transaction cancelled by a conflict, then succeeds', async () => {
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled(['TransactionConflict', 'None', 'None']))
      .resolves({});
    expect(await transact(items())).toEqual({ ok: true });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(2);
  });

  it('lets any other failure through (throttling, validation) for the caller to report', async () => {
    dynamo.on(TransactWriteCommand).rejects(new Error('ProvisionedThroughputExceededException'));
    await expect(transact(items())).rejects.toThrow('ProvisionedThroughputExceededException');
  });
});

describe('transact in a do-once context', () => {
  it('commits the do-once record in the same transaction as the work, once', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    const { context, done } = recordOnce(lease, commitItem, async () => {
      await transact(items());
      await transact({ later: put('later') });
    });
    await done;

    expect(sentItems(0)).toHaveLength(4);
    expect(sentItems(0)[3]).toMatchObject({ Update: { Key: lease.key, UpdateExpression: 'SET committed' } });
    expect(sentItems(1)).toEqual([put('later')]);
    expect(context.committed).toBe(true);
  });

  it('leaves the record uncommitted when the work is refused, and commits it with the next transaction', async () => {
    refuseTheFirstDebit();
    const { context, done } = recordOnce(lease, commitItem, transactTwice);

    expect(await done).toEqual([{ ok: false, failed: new Set(['debit']) }, { ok: true }]);
    expect(sentItems(1)).toHaveLength(4);
    // The refusal is in the journal the commit stored, for a replay to see it again.
    expect(context.journal.values.tx).toEqual([['debit']]);
  });

  it('answers 409 REQUEST_IN_PROGRESS when another attempt took the lease over', async () => {
    dynamo
      .on(TransactWriteCommand)
      .rejects(recordFound({ status: { S: 'IN_PROGRESS' }, leaseToken: { S: 'theirs' } }));
    const { context, done } = recordOnce(lease, commitItem, () => transact(items()));

    await expect(done).rejects.toMatchObject({ code: 'REQUEST_IN_PROGRESS' });
    expect(context.committed).toBe(false);
  });

  it('takes its own commit as done when DynamoDB says it went through already (an SDK retry of it)', async () => {
    let journal: Journal | undefined;
    dynamo.on(TransactWriteCommand).callsFake(() => {
      throw recordFound(committedUnderTheLease(journal ?? { values: {}, reads: [] }));
    });
    const { context, done } = recordOnce(
      lease,
      (j) => ((journal = j), commitItem(j)),
      () => transact(items()),
    );

    expect(await done).toEqual({ ok: true });
    expect(context.committed).toBe(true);
  });

  it('refuses a record committed under its lease by work it never sent', async () => {
    dynamo
      .on(TransactWriteCommand)
      .rejects(recordFound(committedUnderTheLease({ values: {}, reads: [], work: 'other work' })));
    const { context, done } = recordOnce(lease, commitItem, () => transact(items()));

    await expect(done).rejects.toThrow(/not by this work/);
    expect(context.committed).toBe(false);
  });

  it('replays committed work without writing it: refusals from the journal, the commit skipped', async () => {
    refuseTheFirstDebit();
    let journal: Journal | undefined;
    const first = recordOnce(lease, (j) => ((journal = j), commitItem(j)), transactTwice);
    const answered = await first.done;
    dynamo.reset();

    const replay = replayOnce(lease, commitItem, journal!, transactTwice);

    expect(await replay.done).toEqual(answered);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
    expect(replay.context.committed).toBe(true);
  });

  it('refuses to take other work for the committed work in a replay', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    let journal: Journal | undefined;
    await recordOnce(
      lease,
      (j) => ((journal = j), commitItem(j)),
      () => transact(items()),
    ).done;
    dynamo.reset();

    const replay = replayOnce(lease, commitItem, journal!, () =>
      transact({ ...items(), debit: put('elsewhere') }),
    );

    await expect(replay.done).rejects.toThrow(/diverged/);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});
