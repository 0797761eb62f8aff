import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { deadLettersOf, queueIds, queues, type QueueId } from '../../events/queues.ts';
import type { BucketId } from '../../functions/adapters/s3/buckets.ts';
import { deadLetterWorkers, workers } from '../../functions/workers/workers.ts';
import { envNames } from '../../functions/shared/env-names.ts';
import type { FunctionNeeds } from '../../functions/shared/function-needs.ts';
import { AppFunction, entryId, pascalCase, type MailBinding } from './app-function.ts';

export interface WorkersProps {
  readonly table: ITable;
  readonly buckets: Readonly<Record<BucketId, IBucket>>;
  readonly mail: MailBinding;
  /** The web front end, for links to pages (e.g. digital profiles) in emails. */
  readonly appUrl: string;
  readonly supportEmail: string;
}

/**
 * What each worker may touch, by the queue it consumes (functions/shared/function-needs.ts; its own
 * queue comes with its event source, which grants consuming it and nothing else). A `Record` over
 * every queue id, so adding a queue to events/queues.ts does not compile until its worker's needs are
 * decided here.
 */
export const workerNeeds = {
  // Sent-email ledger in the table; attachments may name either bucket; sends through SES.
  email: { table: 'readWrite', buckets: { profiles: 'read', exports: 'read' }, mail: true },
  // Reads learners and profiles, caches rendered PDFs, issues links (table), queues the email.
  documents: { table: 'readWrite', buckets: { profiles: 'readWrite' }, sendsTo: ['email'] },
  // Marks invitations released and records the invitee's "ready" email in the outbox (table);
  // the outbox relay queues it. Schedules nothing.
  release: { table: 'readWrite' },
  // Reads the link, the job and the supplier's learners; writes the shares on both sides (table).
  sharing: { table: 'readWrite' },
  // Reads the job, its parts and the learners; writes rows and counts (table); renders into the PDF
  // cache (profiles); sends chunk messages to its own queue and learners' emails (share).
  exports: { table: 'readWrite', buckets: { profiles: 'readWrite' }, sendsTo: ['exports', 'email'] },
  // Reads the job's rows and cached PDFs, writes the zip (exports), issues the link and records the
  // requester's email in the outbox (table).
  packaging: { table: 'readWrite', buckets: { profiles: 'read', exports: 'readWrite' } },
  // Records each SES event on the email it belongs to by a conditional update of items that exist
  // (table); reads no file, sends no mail, queues nothing.
  'ses-events': { table: 'update' },
} as const satisfies Record<QueueId, FunctionNeeds>;

/**
 * What each dead-letter worker may touch, by entry (its DLQs come with its event sources). The export
 * one records learners failed, moves the job on and records what follows in the outbox: the table only.
 */
export const deadLetterWorkerNeeds = {
  'functions/workers/export-dead-letters.ts': { table: 'readWrite' },
} as const satisfies Record<(typeof deadLetterWorkers)[number]['entry'], FunctionNeeds>;

/** Workers that write emails themselves, with links to the web app and the support address in them. */
const writesEmails: Record<QueueId, boolean> = {
  email: false,
  documents: true,
  release: true,
  sharing: false,
  exports: true,
  packaging: true,
  'ses-events': false,
};

/**
 * The work queues of events/queues.ts, each with its dead-letter queue, and the worker table's
 * functions consuming them. Every number (batch, window, visibility, receives, retention,
 * concurrency, timeout, memory) comes from those two tables, which the local poller reads too.
 */
export class Workers extends Construct {
  readonly queues: Readonly<Record<QueueId, Queue>>;
  readonly deadLetterQueues: Readonly<Record<QueueId, Queue>>;
  readonly functions: readonly AppFunction[];

  constructor(scope: Construct, id: string, props: WorkersProps) {
    super(scope, id);
    const made = queueIds.map((queueId) => {
      const definition = queues[queueId];
      const name = pascalCase(queueId);
      const deadLetterQueue = new Queue(this, `${name}Dlq`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        // Outlasts the source queue, so a failed message is still there when someone looks.
        retentionPeriod: Duration.days(definition.dlqRetentionDays),
        // A DLQ with a dead-letter worker fits that worker's timeout, as a queue fits its worker's.
        ...('deadLetters' in definition
          ? { visibilityTimeout: Duration.seconds(definition.deadLetters.visibilityTimeoutSeconds) }
          : {}),
      });
      const queue = new Queue(this, `${name}Queue`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(definition.retentionDays),
        visibilityTimeout: Duration.seconds(definition.visibilityTimeoutSeconds),
        deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: definition.maxReceiveCount },
      });
      return { queueId, queue, deadLetterQueue };
    });
    this.queues = Object.fromEntries(made.map((m) => [m.queueId, m.queue])) as Record<QueueId, Queue>;
    this.deadLetterQueues = Object.fromEntries(made.map((m) => [m.queueId, m.deadLetterQueue])) as Record<
      QueueId,
      Queue
    >;

    this.functions = workers.map((worker) => {
      const definition = queues[worker.queue];
      const fn = new AppFunction(this, `${entryId(worker.entry)}Worker`, {
        entry: worker.entry,
        // Defined beside its queue's visibility timeout, which must be ≥ 6 × this (events/queues.ts).
        timeout: Duration.seconds(definition.workerTimeoutSeconds),
        memorySize: worker.memoryMb,
        ...('v8Flags' in worker ? { environment: { NODE_OPTIONS: worker.v8Flags.join(' ') } } : {}),
        description: `Consumes the ${worker.queue} queue (${worker.entry})`,
      });
      fn.addEventSource(
        new SqsEventSource(this.queues[worker.queue], {
          batchSize: definition.batchSize,
          maxBatchingWindow: Duration.seconds(definition.maxBatchingWindowSeconds),
          // One failing record is retried alone instead of the whole batch (design.md, SQS + Lambda).
          reportBatchItemFailures: true,
          maxConcurrency: definition.maxConcurrency,
        }),
      );
      fn.grantNeeds(workerNeeds[worker.queue], { ...props, queues: this.queues });
      if (writesEmails[worker.queue]) {
        fn.addEnvironment(envNames.appUrl, props.appUrl);
        fn.addEnvironment(envNames.supportEmail, props.supportEmail);
      }
      return fn;
    });

    const deadLetterFunctions = deadLetterWorkers.map((worker) => {
      const settings = worker.deadLettersOf.map(deadLettersOf);
      const fn = new AppFunction(this, `${entryId(worker.entry)}Worker`, {
        entry: worker.entry,
        timeout: Duration.seconds(Math.max(...settings.map((s) => s.workerTimeoutSeconds))),
        memorySize: worker.memoryMb,
        description: `Consumes the dead-letter queues of ${worker.deadLettersOf.join(', ')} (${worker.entry})`,
      });
      worker.deadLettersOf.forEach((queueId, i) =>
        fn.addEventSource(
          new SqsEventSource(this.deadLetterQueues[queueId], {
            batchSize: settings[i]!.batchSize,
            reportBatchItemFailures: true,
            maxConcurrency: settings[i]!.maxConcurrency,
          }),
        ),
      );
      fn.grantNeeds(deadLetterWorkerNeeds[worker.entry], { ...props, queues: this.queues });
      return fn;
    });
    this.functions = [...this.functions, ...deadLetterFunctions];
  }

  /**
   * Links in emails point at the API (`GET /v1/links/{token}`), which is made after the queues it
   * feeds: the stack hands its URL over once it exists.
   */
  useApiUrl(apiUrl: string): void {
    for (const fn of this.functions) fn.addEnvironment(envNames.apiUrl, apiUrl);
  }
}
