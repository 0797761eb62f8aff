import { marshall } from '@aws-sdk/util-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect, it } from 'vitest';
import { queueEmail } from '../../events/email.ts';
import { queueProfileShare } from '../../events/profile-share.ts';
import { keys } from '../../functions/adapters/dynamo/keys.ts';
import { outboxPuts } from '../../functions/adapters/dynamo/outbox.ts';
import { outboxStreamRecords } from '../../functions/adapters/dynamo/table.ts';
import { matchesPattern } from '../../infra/local/stream-poller.ts';
import { sampleEmail } from '../support/messages.ts';
import { resetAfterEach } from '../support/sdk-mocks.ts';

/**
 * Typed messages and the transactional outbox, without emulators: producers build and check their
 * envelopes, stores put the owed messages into their own transaction, and the relay sends each new
 * outbox item to its queue once, then deletes it.
 */
const dynamo = mockClient(DynamoDBDocumentClient);
const sqs = mockClient(SQSClient);
resetAfterEach(dynamo, sqs);

const email = sampleEmail;

describe('outbox puts', () => {
  it('record each owed message as an outbox item, the same item for the same message, expiring after 14 days', () => {
    const puts = outboxPuts('t', [email(), email()], '2026-11-30T10:00:00.000Z');
    const items = Object.values(puts).map((put) => put!.Put!.Item!);
    expect(Object.keys(puts)).toEqual(['outbox 1', 'outbox 2']);
    expect(items[0]).toEqual(items[1]);
    expect(items[0]).toMatchObject({
      PK: expect.stringMatching(/^OUTBOX#/),
      SK: 'OUTBOX',
      type: 'outbox',
      queue: 'email',
      body: JSON.stringify(email().body),
      recordedAt: '2026-11-30T10:00:00.000Z',
      expiresAtEpoch: Date.parse('2026-12-14T10:00:00.000Z') / 1000,
    });
  });

  it('are what the relay is invoked for: their INSERT matches the stream filter, other records do not', () => {
    const item = Object.values(outboxPuts('t', [email()], '2026-11-30T10:00:00.000Z'))[0]!.Put!.Item!;
    const record = (eventName: string, PK: string) => ({ eventName, dynamodb: { Keys: { PK: { S: PK } } } });
    expect(matchesPattern(outboxStreamRecords, record('INSERT', item.PK as string))).toBe(true);
    expect(matchesPattern(outboxStreamRecords, record('REMOVE', item.PK as string))).toBe(false);
    expect(matchesPattern(outboxStreamRecords, record('INSERT', 'ORG#o'))).toBe(false);
  });
});

describe('the store transactions that accept work', () => {
  beforeAll(() => {
    process.env.TABLE_NAME ??= 'table';
  });

  it('record a share and its job in one transaction, and send nothing', async () => {
    const { dynamoLearningStore } = await import('../../functions/adapters/dynamo/learning-store.ts');
    dynamo.on(TransactWriteCommand).resolves({});
    const job = queueProfileShare({
      shareId: 's1',
      org: 'o',
      learnerId: 'l',
      profileId: 'p',
      delivery: 'link',
      language: 'en',
      requestedBy: 'u',
    });
    await dynamoLearningStore('t').createShare(
      'o',
      {
        id: 's1',
        learnerId: 'l',
        profileId: 'p',
        delivery: 'link',
        language: 'en',
        status: 'queued',
        requestedAt: '2026-11-30T10:00:00.000Z',
        requestedBy: 'u',
      },
      { outbox: [job] },
    );
    const [call] = dynamo.commandCalls(TransactWriteCommand);
    const written = call!.args[0].input.TransactItems!.map((item) => item.Put?.Item);
    expect(written).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ...keys.share('o', 's1'), status: 'queued' }),
        expect.objectContaining({ type: 'outbox', queue: 'documents', body: JSON.stringify(job.body) }),
      ]),
    );
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
  });
});

describe('the outbox relay', () => {
  type Handler = (
    event: DynamoDBStreamEvent,
    context: Context,
  ) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
  let handler: Handler;
  beforeAll(async () => {
    process.env.TABLE_NAME ??= 'table';
    process.env.QUEUE_URL_EMAIL = 'https://sqs.test/email';
    process.env.QUEUE_URL_DOCUMENTS = 'https://sqs.test/documents';
    process.env.QUEUE_URL_RELEASE = 'https://sqs.test/release';
    process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
    ({ handler } = (await import('../../functions/workers/outbox-relay.ts')) as unknown as {
      handler: Handler;
    });
  });

  const insert = (message: ReturnType<typeof email>, sequence: string): DynamoDBRecord => {
    const item = Object.values(outboxPuts('t', [message], '2026-11-30T10:00:00.000Z'))[0]!.Put!.Item!;
    return {
      eventID: sequence,
      eventName: 'INSERT',
      eventSource: 'aws:dynamodb',
      dynamodb: {
        Keys: marshall({ PK: item.PK, SK: item.SK }) as never,
        NewImage: marshall(item) as never,
        SequenceNumber: sequence,
        StreamViewType: 'NEW_IMAGE',
      },
    };
  };
  const context = { getRemainingTimeInMillis: () => 30_000 } as Context;
  const other = () =>
    queueEmail({ dedupeKey: 'ready:2', to: ['ivy@example.com'], subject: 'Ready', html: '', text: 'Ready' });

  it('sends each new item’s message to its queue, then deletes the item', async () => {
    dynamo.on(GetCommand).resolves({ Item: { PK: 'x' } });
    dynamo.on(DeleteCommand).resolves({});
    sqs.on(SendMessageCommand).resolves({});
    const answer = await handler({ Records: [insert(email(), '1')] }, context);
    expect(answer.batchItemFailures).toEqual([]);
    expect(sqs.commandCalls(SendMessageCommand).map((c) => c.args[0].input)).toEqual([
      { QueueUrl: 'https://sqs.test/email', MessageBody: JSON.stringify(email().body) },
    ]);
    const item = Object.values(outboxPuts('t', [email()], '2026-11-30T10:00:00.000Z'))[0]!.Put!.Item!;
    expect(dynamo.commandCalls(DeleteCommand).map((c) => c.args[0].input.Key)).toEqual([
      { PK: item.PK, SK: 'OUTBOX' },
    ]);
  });

  it('sends nothing for an item already relayed (gone from the table)', async () => {
    dynamo.on(GetCommand).resolves({});
    const answer = await handler({ Records: [insert(email(), '1')] }, context);
    expect(answer.batchItemFailures).toEqual([]);
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(DeleteCommand)).toHaveLength(0);
  });

  it('reports a record whose send fails by its sequence number and keeps its item', async () => {
    dynamo.on(GetCommand).resolves({ Item: { PK: 'x' } });
    dynamo.on(DeleteCommand).resolves({});
    sqs
      .on(SendMessageCommand, { MessageBody: JSON.stringify(email().body) })
      .rejects(new Error('queue unreachable'))
      .on(SendMessageCommand, { MessageBody: JSON.stringify(other().body) })
      .resolves({});
    const answer = await handler({ Records: [insert(email(), '1'), insert(other(), '2')] }, context);
    expect(answer.batchItemFailures).toEqual([{ itemIdentifier: '1' }]);
    expect(dynamo.commandCalls(DeleteCommand)).toHaveLength(1);
  });
});
