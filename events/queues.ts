/**
 * THE queue definitions. CDK builds each queue and its DLQ from these and gives the consuming worker
 * its timeout from here; the local stack creates them in the SQS emulator with the same redrive
 * policies, and the local poller reads batch sizes, visibility and worker timeouts from here, so a
 * setting can never differ between laptop and AWS.
 *
 * A worker's timeout and its queue's visibility timeout are written side by side, and
 * {@link defineQueue} refuses (at import, so no stack can be built from it) a visibility timeout
 * under 6 × the worker timeout (otherwise a message becomes visible again while a slow batch is still
 * running and is processed twice at once), a maxReceiveCount under 5, or a DLQ that forgets failed
 * messages before the source queue would.
 */
export interface QueueDefinition {
  /** Short id, used for env var names and resource names. */
  readonly id: string;
  readonly batchSize: number;
  /** Longest time a batch may wait to fill before the worker runs (Lambda event source setting). */
  readonly maxBatchingWindowSeconds: number;
  /** The consuming worker's Lambda timeout. */
  readonly workerTimeoutSeconds: number;
  /** At least 6 × workerTimeoutSeconds (AWS's advice for Lambda consumers; checked below). */
  readonly visibilityTimeoutSeconds: number;
  readonly maxReceiveCount: number;
  readonly retentionDays: number;
  readonly dlqRetentionDays: number;
  /** Caps the worker's concurrency (protects SES sending rate and DynamoDB hot keys). */
  readonly maxConcurrency: number;
  /**
   * How a dead-letter worker consumes this queue's DLQ, for queues whose dead messages leave work
   * unfinished that must still end (an export job that would otherwise stay `running`). Absent: the
   * DLQ only keeps failed messages for someone to look at.
   */
  readonly deadLetters?: DeadLetterConsumption;
}

/**
 * The DLQ's side of a queue with a dead-letter worker (functions/workers/workers.ts
 * `deadLetterWorkers`). The worker settles what each dead message owed with conditional writes, so
 * one that fails is simply received again after the visibility timeout; the DLQ has no DLQ of its own.
 */
export interface DeadLetterConsumption {
  readonly batchSize: number;
  readonly workerTimeoutSeconds: number;
  /** At least 6 × workerTimeoutSeconds, as for the queue itself. */
  readonly visibilityTimeoutSeconds: number;
  readonly maxConcurrency: number;
}

/** The smallest visibility timeout per second of worker timeout (design.md, SQS + Lambda). */
export const visibilityPerWorkerSecond = 6;

export class QueueDefinitionError extends Error {}

/** Answers the definition unchanged, or throws if it breaks one of the rules above. */
export function defineQueue<const D extends QueueDefinition>(definition: D): D {
  const { id, workerTimeoutSeconds, visibilityTimeoutSeconds, maxReceiveCount } = definition;
  if (visibilityTimeoutSeconds < visibilityPerWorkerSecond * workerTimeoutSeconds)
    throw new QueueDefinitionError(
      `Queue ${id}: visibility timeout ${visibilityTimeoutSeconds} s is under ${visibilityPerWorkerSecond} × its worker's timeout (${workerTimeoutSeconds} s).`,
    );
  if (maxReceiveCount < 5)
    throw new QueueDefinitionError(`Queue ${id}: maxReceiveCount ${maxReceiveCount} is under 5.`);
  if (definition.dlqRetentionDays <= definition.retentionDays)
    throw new QueueDefinitionError(`Queue ${id}: its DLQ must keep messages longer than the queue does.`);
  const dead = definition.deadLetters;
  if (dead && dead.visibilityTimeoutSeconds < visibilityPerWorkerSecond * dead.workerTimeoutSeconds)
    throw new QueueDefinitionError(
      `Queue ${id}: its DLQ's visibility timeout ${dead.visibilityTimeoutSeconds} s is under ${visibilityPerWorkerSecond} × its dead-letter worker's timeout (${dead.workerTimeoutSeconds} s).`,
    );
  return definition;
}

/**
 * The export queues' dead messages (a start, a chunk, a summary or a packaging that failed every
 * delivery) are given up on by one worker (functions/workers/export-dead-letters.ts), so the job still
 * ends. One message at a time: a dead start fails up to 10,000 learners, a few conditional writes at
 * once, well inside two minutes.
 */
const exportDeadLetters = {
  batchSize: 1,
  workerTimeoutSeconds: 120,
  visibilityTimeoutSeconds: 720,
  maxConcurrency: 2,
} as const satisfies DeadLetterConsumption;

/**
 * The redrive and retention every queue has: five receives before a message goes to the DLQ, four
 * days on the queue, and fourteen in the DLQ, which must keep a message longer than its queue does.
 */
const redriveAndRetention = { maxReceiveCount: 5, retentionDays: 4, dlqRetentionDays: 14 } as const;

export const queues = {
  /** Outgoing mail: one message = one email; the worker builds MIME and sends through SES. */
  email: defineQueue({
    ...redriveAndRetention,
    id: 'email',
    batchSize: 10,
    maxBatchingWindowSeconds: 1,
    workerTimeoutSeconds: 30,
    visibilityTimeoutSeconds: 180,
    maxConcurrency: 5,
  }),
  /** Document work for single shares: render (or reuse) a profile PDF, then queue its email. */
  documents: defineQueue({
    ...redriveAndRetention,
    id: 'documents',
    batchSize: 5,
    maxBatchingWindowSeconds: 1,
    workerTimeoutSeconds: 60,
    visibilityTimeoutSeconds: 360,
    maxConcurrency: 5,
  }),
  /** Target of the invitations' release schedules: release a withheld profile, email the invitee. */
  release: defineQueue({
    ...redriveAndRetention,
    id: 'release',
    batchSize: 10,
    maxBatchingWindowSeconds: 1,
    workerTimeoutSeconds: 30,
    visibilityTimeoutSeconds: 180,
    maxConcurrency: 2,
  }),
  /**
   * Staff shares with a client (seed 002): one message = one share job of up to 100 people, each a
   * small transaction, so a minute is ample; few at once, so one supplier's big share cannot crowd
   * the table.
   */
  sharing: defineQueue({
    ...redriveAndRetention,
    id: 'sharing',
    batchSize: 5,
    maxBatchingWindowSeconds: 1,
    workerTimeoutSeconds: 60,
    visibilityTimeoutSeconds: 360,
    maxConcurrency: 2,
  }),
  /**
   * Bulk profile exports (seed 001): the start step (splits a job into chunks), chunks of
   * `exportChunkSize` (50) learners rendered and, for a share, emailed (tens of milliseconds a
   * render, so a chunk is seconds), and the share summary. Few at once: each worker renders, and a 10,000-learner job
   * must not crowd out single shares or SES's sending rate.
   */
  exports: defineQueue({
    ...redriveAndRetention,
    id: 'exports',
    batchSize: 1,
    maxBatchingWindowSeconds: 0,
    workerTimeoutSeconds: 120,
    visibilityTimeoutSeconds: 720,
    maxConcurrency: 10,
    deadLetters: exportDeadLetters,
  }),
  /**
   * Packaging a download export: one message streams every PDF of a job into one zip (10,000 PDFs
   * take minutes), so one at a time per message and the longest timeout Lambda allows.
   */
  packaging: defineQueue({
    ...redriveAndRetention,
    id: 'packaging',
    batchSize: 1,
    maxBatchingWindowSeconds: 0,
    workerTimeoutSeconds: 900,
    visibilityTimeoutSeconds: 5400,
    maxConcurrency: 2,
    deadLetters: exportDeadLetters,
  }),
  /**
   * Delivery tracking: SES's delivery, bounce, complaint, reject and delay events, as the EventBridge
   * rule (AWS) or the local stack's SES event publisher puts them here; one event = one conditional
   * update of the email's record. Small and fast; an event for nothing known is dropped, not retried.
   */
  'ses-events': defineQueue({
    ...redriveAndRetention,
    id: 'ses-events',
    batchSize: 10,
    maxBatchingWindowSeconds: 1,
    workerTimeoutSeconds: 30,
    visibilityTimeoutSeconds: 180,
    maxConcurrency: 5,
  }),
} as const satisfies Record<string, QueueDefinition>;

export type QueueId = keyof typeof queues;

export const queueIds = Object.keys(queues) as QueueId[];

export const dlqName = (queueName: string): string => `${queueName}-dlq`;

/** Queues whose DLQ a dead-letter worker consumes (those defined with `deadLetters`). */
export type DeadLetteredQueueId = {
  [K in QueueId]: (typeof queues)[K] extends { deadLetters: DeadLetterConsumption } ? K : never;
}[QueueId];

export const deadLetteredQueueIds = queueIds.filter(
  (id): id is DeadLetteredQueueId => (queues[id] as QueueDefinition).deadLetters !== undefined,
);

/** The DLQ consumption settings of a queue that has a dead-letter worker. */
export const deadLettersOf = (id: DeadLetteredQueueId): DeadLetterConsumption =>
  (queues[id] as QueueDefinition).deadLetters!;
