import type { DeadLetteredQueueId, QueueId } from '../../events/queues.ts';

/**
 * THE worker table: which Lambda entry consumes which queue. CDK wires event sources from it and
 * the local stack starts one poller per row. A worker's timeout is its queue's
 * `workerTimeoutSeconds` (events/queues.ts), defined beside the visibility timeout it must fit in.
 */
export interface WorkerDefinition {
  readonly queue: QueueId;
  readonly entry: string;
  readonly memoryMb: number;
  /**
   * V8 flags the function runs with (its NODE_OPTIONS), after the heap limits Lambda derives from
   * its memory, so these win.
   */
  readonly v8Flags?: readonly string[];
}

export const workers = [
  { queue: 'email', entry: 'functions/workers/send-email.ts', memoryMb: 512 },
  { queue: 'documents', entry: 'functions/workers/share-profile.ts', memoryMb: 1024 },
  { queue: 'release', entry: 'functions/workers/release-withheld.ts', memoryMb: 512 },
  { queue: 'sharing', entry: 'functions/workers/share-staff.ts', memoryMb: 512 },
  { queue: 'exports', entry: 'functions/workers/export-learners.ts', memoryMb: 1024 },
  {
    queue: 'packaging',
    entry: 'functions/workers/package-export.ts',
    memoryMb: 512,
    // A young generation of at most 3 × 4 MiB instead of the 3 × 32 MiB Lambda allows at 512 MB: the
    // packager's garbage is short-lived stream chunks, so scavenges stay cheap, and V8 can no longer
    // grow the young generation as a long job (10,000 PDFs) goes on, which made peak memory rise with
    // the number of entries (bench:export measures both sizes with these flags).
    v8Flags: ['--max-semi-space-size=4'],
  },
  { queue: 'ses-events', entry: 'functions/workers/track-email.ts', memoryMb: 256 },
] as const satisfies readonly WorkerDefinition[];

/**
 * Workers on dead-letter queues: a message that failed every delivery of its queue lands in the DLQ,
 * and where that would leave work unfinished for good (an export job `running` forever) this worker
 * gives up on what the message owed, so the job ends. CDK maps each listed DLQ to it and the local
 * stack polls each the same way; the consumption settings are the queue's `deadLetters`
 * (events/queues.ts), and only queues defined with them may be listed.
 */
export interface DeadLetterWorkerDefinition {
  readonly deadLettersOf: readonly DeadLetteredQueueId[];
  readonly entry: string;
  readonly memoryMb: number;
}

export const deadLetterWorkers = [
  {
    deadLettersOf: ['exports', 'packaging'],
    entry: 'functions/workers/export-dead-letters.ts',
    memoryMb: 512,
  },
] as const satisfies readonly DeadLetterWorkerDefinition[];

/**
 * The outbox relay: consumes the table's stream (only the records of table.ts
 * `outboxStreamRecords`) and sends each recorded message to its queue. CDK maps the stream to it;
 * the local stack's stream poller plays that mapping with the same numbers.
 */
export const outboxRelay = {
  entry: 'functions/workers/outbox-relay.ts',
  timeoutSeconds: 30,
  memoryMb: 256,
  batchSize: 25,
  maxBatchingWindowSeconds: 1,
  /**
   * Attempts of a failing batch before its records go to the on-failure destination (after halving
   * it down to the failing record). The items stay in the table: nothing is lost, an operator
   * re-inserts them once the cause is fixed.
   */
  retryAttempts: 10,
} as const;
