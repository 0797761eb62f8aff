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

/** A handler that takes a batch of records and may name the ones that failed, as Lambda calls it. */
type BatchHandler<R> = (
  event: { Records: R[] },
  context: Context,
) => Promise<{ batchItemFailures: { itemIdentifier: string }[] } | void>;

/** What a poller (this one, the stream poller) needs to run a function in-process as Lambda would. */
export interface InProcessFunction<Handler> {
  functionName: string;
  timeoutSeconds: number;
  region: string;
  loadHandler: () => Promise<Handler>;
  log: (line: string) => void;
}

/**
 * Invokes the function on one batch: the ids of the records its answer names as failed, or
 * `undefined` when it threw (the whole batch failed; logged).
 */
export async function invokeBatch<R>(
  fn: InProcessFunction<BatchHandler<R>>,
  records: R[],
): Promise<Set<string> | undefined> {
  try {
    const handler = await fn.loadHandler();
    const answer = await handler({ Records: records }, lambdaContext(fn.functionName, fn.timeoutSeconds));
    return new Set((answer?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
  } catch (error) {
    fn.log(`${fn.functionName}: batch of ${records.length} failed: ${(error as Error).message}`);
    return undefined;
  }
}

export function startQueuePoller(
  options: InProcessFunction<WorkerHandler> & {
    sqs: SQSClient;
    queueUrl: string;
    queueArn: string;
    /** The batch size of what it polls: a queue, or a DLQ with a dead-letter worker. */
    definition: Pick<QueueDefinition, 'batchSize'>;
    /** Concurrent batches; Lambda scales up to the queue's maxConcurrency. */
    concurrency: number;
  },
): QueuePoller {
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

  // Like Lambda's event source, which adds pollers while a queue has a backlog and removes them when
  // it drains: the first loop always polls, the others only from a batch received until they find
  // the queue empty. An idle stack then polls each queue once per pause, not once per loop.
  let sleepers: (() => void)[] = [];
  const wakeSleepers = () => {
    const woken = sleepers;
    sleepers = [];
    for (const wake of woken) wake();
  };

  /** Receives and handles one batch; answers how many messages it received. */
  async function pollOnce(): Promise<number> {
    const { Messages = [] } = await options.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: options.queueUrl,
        MaxNumberOfMessages: Math.min(options.definition.batchSize, 10),
        // Short polling: the emulator's long polling holds what it found until the batch is full or
        // the wait is over (AWS answers at once), and hands a message out twice in one batch when
        // the wait outlasts its visibility timeout.
        WaitTimeSeconds: 0,
        MessageSystemAttributeNames: ['All'],
        // The emulator reads the older parameter name; AWS accepts both.
        AttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) return 0;
    // A batch came: the queue may hold more, so the sleeping consumers join in while this one works.
    wakeSleepers();
    const records = Messages.map(toRecord);
    const failed = (await invokeBatch(options, records)) ?? new Set(records.map((r) => r.messageId));
    const done = records.filter((r) => !failed.has(r.messageId));
    if (done.length > 0) {
      await options.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: options.queueUrl,
          Entries: done.map((r, i) => ({ Id: String(i), ReceiptHandle: r.receiptHandle })),
        }),
      );
    }
    return Messages.length;
  }

  async function loop(first: boolean): Promise<void> {
    while (running) {
      try {
        const received = await pollOnce();
        // Stopped while polling: `stop` has woken the sleepers already, so no sleeping now.
        if (received > 0 || !running) continue;
        if (first) await new Promise((r) => setTimeout(r, idlePauseMs));
        else await new Promise<void>((wake) => sleepers.push(wake));
      } catch (error) {
        if (!running) return;
        options.log(`${options.functionName}: polling failed: ${(error as Error).message}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  const loops = Array.from({ length: Math.max(1, options.concurrency) }, (_, i) => loop(i === 0));
  return {
    async stop() {
      running = false;
      wakeSleepers();
      await Promise.all(loops);
    },
  };
}
