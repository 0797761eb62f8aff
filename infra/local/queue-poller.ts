import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { QueueDefinition } from '../../events/queues.ts';
import { lambdaContext } from './lambda-context.ts';

/**
 * Gives a worker handler the semantics of Lambda's SQS event source, against the SQS emulator:
 * batches of up to `batchSize`, the handler's `batchItemFailures` (or a throw, failing the whole
 * batch), successful records deleted, failed ones left to reappear after the visibility timeout,
 * and the emulator's redrive policy moving a message to the DLQ after `maxReceiveCount` receives.
 */
export interface QueuePoller {
  stop(): Promise<void>;
}

const idlePauseMs = 200;

type WorkerHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;

export function startQueuePoller(options: {
  sqs: SQSClient;
  queueUrl: string;
  queueArn: string;
  region: string;
  /** The batch size of what it polls: a queue, or a DLQ with a dead-letter worker. */
  definition: Pick<QueueDefinition, 'batchSize'>;
  functionName: string;
  timeoutSeconds: number;
  loadHandler: () => Promise<WorkerHandler>;
  log: (line: string) => void;
  /** Concurrent batches; Lambda scales up to the queue's maxConcurrency. */
  concurrency: number;
}): QueuePoller {
  let running = true;
  const toRecord = (message: Message): SQSRecord => ({
    messageId: message.MessageId!,
    receiptHandle: message.ReceiptHandle!,
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: message.Attributes?.ApproximateReceiveCount ?? '1',
      SentTimestamp: message.Attributes?.SentTimestamp ?? String(Date.now()),
      SenderId: message.Attributes?.SenderId ?? 'local',
      ApproximateFirstReceiveTimestamp:
        message.Attributes?.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: options.queueArn,
    awsRegion: options.region,
  });

  async function pollOnce(): Promise<void> {
    const { Messages = [] } = await options.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: options.queueUrl,
        MaxNumberOfMessages: Math.min(options.definition.batchSize, 10),
        // Short polling: the emulator's long polling can hand one message out twice in a batch.
        WaitTimeSeconds: 0,
        MessageSystemAttributeNames: ['All'],
        // The emulator reads the older parameter name; AWS accepts both.
        AttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) {
      await new Promise((r) => setTimeout(r, idlePauseMs));
      return;
    }
    const records = Messages.map(toRecord);
    let failed: Set<string>;
    try {
      const handler = await options.loadHandler();
      const answer = await handler(
        { Records: records },
        lambdaContext(options.functionName, options.timeoutSeconds),
      );
      failed = new Set((answer?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch (error) {
      options.log(`${options.functionName}: batch of ${records.length} failed: ${(error as Error).message}`);
      failed = new Set(records.map((r) => r.messageId));
    }
    const done = records.filter((r) => !failed.has(r.messageId));
    if (done.length > 0) {
      await options.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: options.queueUrl,
          Entries: done.map((r, i) => ({ Id: String(i), ReceiptHandle: r.receiptHandle })),
        }),
      );
    }
  }

  async function loop(): Promise<void> {
    while (running) {
      try {
        await pollOnce();
      } catch (error) {
        if (!running) return;
        options.log(`${options.functionName}: polling failed: ${(error as Error).message}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  const loops = Array.from({ length: Math.max(1, options.concurrency) }, () => loop());
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}
