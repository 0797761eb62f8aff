import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { onceLedger, runClaimed } from '../../functions/adapters/dynamo/once.ts';
import { transact } from '../../functions/adapters/dynamo/transactions.ts';
import { packJournal, type Journal } from '../../functions/shared/once-context.ts';
import { ulidIds } from '../../functions/shared/runtime.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
afterEach(() => dynamo.reset());

const now = 1_000_000;
const ledger = onceLedger('t', { leaseSeconds: 60, keepSeconds: 86_400, nowEpochSeconds: () => now });
const key = { PK: 'IDEMPOTENCY#o#u#k', SK: 'IDEMPOTENCY' };
const refused = () => new ConditionalCheckFailedException({ message: 'refused', $metadata: {} });

/** The first claim's Put is refused because this record is there. */
const existing = (record: Record<string, unknown>) => {
  dynamo.on(PutCommand).rejects(refused());
  dynamo.on(GetCommand).resolves({ Item: { ...key, fingerprint: 'fp', ...record } });
};

describe('claiming a do-once record', () => {
  it('claims a key no one used with a lease and a random token', async () => {
    dynamo.on(PutCommand).resolves({});
    const claim = await ledger.claim(key, 'fp');

    expect(claim).toMatchObject({ kind: 'run', lease: { key, token: expect.any(String) } });
    const put = dynamo.commandCalls(PutCommand)[0]!.args[0].input;
    expect(put.Item).toMatchObject({ status: 'IN_PROGRESS', leaseUntilEpoch: now + 60, fingerprint: 'fp' });
    expect(put.Item!.leaseToken).toBe(claim.kind === 'run' && claim.lease.token);
    expect(put.ConditionExpression).toBe('attribute_not_exists(PK) OR expiresAtEpoch < :now');
  });

  it('answers with the stored answer once the work is done', async () => {
    existing({ status: 'DONE', answer: '{"status":201}' });
    expect(await ledger.claim(key, 'fp')).toEqual({ kind: 'done', answer: '{"status":201}' });
  });

  it('tells a key used for other work apart', async () => {
    existing({ status: 'DONE', answer: '{}', fingerprint: 'other' });
    expect(await ledger.claim(key, 'fp')).toEqual({ kind: 'mismatch' });
  });

  it('leaves a live lease to its holder', async () => {
    existing({ status: 'IN_PROGRESS', leaseToken: 'theirs', leaseUntilEpoch: now + 5 });
    expect(await ledger.claim(key, 'fp')).toEqual({ kind: 'busy' });
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('takes over an expired lease of unfinished work, pinned to the very lease it saw, to run it afresh', async () => {
    existing({ status: 'IN_PROGRESS', leaseToken: 'theirs', leaseUntilEpoch: now - 1 });
    dynamo.on(UpdateCommand).callsFake((input) => ({
      Attributes: { status: 'IN_PROGRESS', leaseToken: input.ExpressionAttributeValues[':token'] },
    }));

    const claim = await ledger.claim(key, 'fp');

    expect(claim).toMatchObject({ kind: 'run' });
    expect(claim).not.toHaveProperty('journal');
    const update = dynamo.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(update.ConditionExpression).toContain('leaseToken = :seen');
    expect(update.ExpressionAttributeValues).toMatchObject({ ':seen': 'theirs' });
  });

  it('takes over an expired lease of committed work as a replay, with the journal the commit stored', async () => {
    const journal: Journal = { values: { id: ['01J0000000000000000000000A'] }, reads: [], work: 'w' };
    existing({ status: 'COMMITTED', leaseToken: 'theirs', leaseUntilEpoch: now - 1 });
    dynamo.on(UpdateCommand).resolves({
      Attributes: { status: 'COMMITTED', journal: packJournal(journal) },
    });

    expect(await ledger.claim(key, 'fp')).toMatchObject({ kind: 'run', journal });
  });

  it('is busy when another retry took the expired lease over first', async () => {
    existing({ status: 'IN_PROGRESS', leaseToken: 'theirs', leaseUntilEpoch: now - 1 });
    dynamo.on(UpdateCommand).rejects(refused());
    expect(await ledger.claim(key, 'fp')).toEqual({ kind: 'busy' });
  });
});

describe('finishing a do-once record', () => {
  const lease = { key, token: 'mine' };

  it('releases only an unfinished record still held by my lease', async () => {
    dynamo.on(DeleteCommand).rejects(refused());
    expect(await ledger.release(lease)).toBe(false);
    const remove = dynamo.commandCalls(DeleteCommand)[0]!.args[0].input;
    expect(remove.ConditionExpression).toBe('#status = :inProgress AND leaseToken = :mine');
    expect(remove.ExpressionAttributeValues).toMatchObject({ ':inProgress': 'IN_PROGRESS', ':mine': 'mine' });
  });

  it('stores the answer only under my lease', async () => {
    dynamo.on(UpdateCommand).rejects(refused());
    expect(await ledger.complete(lease, 'answer')).toBe(false);
    expect(dynamo.commandCalls(UpdateCommand)[0]!.args[0].input.ConditionExpression).toBe(
      'leaseToken = :mine',
    );
  });

  it('commits the record with the work only while it is unfinished and mine', () => {
    const item = ledger.commitItem(lease, { values: {}, reads: [] });
    expect(item.Update.ConditionExpression).toBe('#status = :inProgress AND leaseToken = :mine');
    expect(item.Update.ExpressionAttributeValues).toMatchObject({
      ':committed': 'COMMITTED',
      ':mine': 'mine',
    });
  });
});

describe('running claimed work', () => {
  const claim = { kind: 'run' as const, lease: { key, token: 'mine' } };
  const work = { Put: { TableName: 't', Item: { PK: 'w', SK: 'w' } } };

  it('releases the claim when the work fails before committing', async () => {
    dynamo.on(DeleteCommand).resolves({});
    await expect(
      runClaimed(ledger, claim, async () => Promise.reject(new Error('failed')), String),
    ).rejects.toThrow('failed');
    expect(dynamo.commandCalls(DeleteCommand)).toHaveLength(1);
  });

  it('keeps the record when the work fails after committing, so a retry replays it', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    await expect(
      runClaimed(
        ledger,
        claim,
        async () => {
          await transact({ work });
          throw new Error('failed after the commit');
        },
        String,
      ),
    ).rejects.toThrow('failed after the commit');
    expect(dynamo.commandCalls(DeleteCommand)).toHaveLength(0);
  });

  it('answers even when storing the answer fails (a retry replays it)', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    dynamo.on(UpdateCommand).rejects(new Error('DynamoDB unreachable'));
    expect(await runClaimed(ledger, claim, async () => (await transact({ work }), 'answer'), String)).toBe(
      'answer',
    );
  });

  it('gives a replay the ids the first run drew, and writes none of its work', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    dynamo.on(UpdateCommand).resolves({});
    const drawIdAndCommit = async () => {
      const id = ulidIds.next();
      await transact({ work: { Put: { TableName: 't', Item: { PK: id, SK: id } } } });
      return id;
    };
    const first = await runClaimed(ledger, claim, drawIdAndCommit, String);
    const commit = dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems![1]!;
    const { unpackJournal } = await import('../../functions/shared/once-context.ts');
    const journal = unpackJournal(commit.Update!.ExpressionAttributeValues![':journal'] as Uint8Array);
    dynamo.resetHistory();

    const replayed = await runClaimed(ledger, { ...claim, journal }, drawIdAndCommit, String);

    expect(replayed).toBe(first);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});
