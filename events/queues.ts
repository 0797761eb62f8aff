/**
 * THE queue definitions. CDK builds each queue and its DLQ from these, the local stack creates them
 * in the SQS emulator with the same redrive policies, and the local poller reads batch sizes and
 * visibility timeouts from here, so a setting can never differ between laptop and AWS.
 *
 * Rules baked in (and checked by test/infra): visibility timeout ≥ 6 × the worker's timeout,
 * maxReceiveCount ≥ 5, and the DLQ keeps messages longer than the source queue does.
 */
export interface QueueDefinition {
  /** Short id, used for env var names and resource names. */
  readonly id: string;
  readonly batchSize: number;
  /** Longest time a batch may wait to fill before the worker runs (Lambda event source setting). */
  readonly maxBatchingWindowSeconds: number;
  readonly visibilityTimeoutSeconds: number;
  readonly maxReceiveCount: number;
  readonly retentionDays: number;
  readonly dlqRetentionDays: number;
  /** Caps the worker's concurrency (protects SES sending rate and DynamoDB hot keys). */
  readonly maxConcurrency: number;
}

export const queues = {
  /** Outgoing mail: one message = one email; the worker builds MIME and sends through SES. */
  email: {
    id: 'email',
    batchSize: 10,
    maxBatchingWindowSeconds: 1,
    visibilityTimeoutSeconds: 180,
    maxReceiveCount: 5,
    retentionDays: 4,
    dlqRetentionDays: 14,
    maxConcurrency: 5,
  },
  /** Document work for single shares: render (or reuse) a profile PDF, then queue its email. */
  documents: {
    id: 'documents',
    batchSize: 5,
    maxBatchingWindowSeconds: 1,
    visibilityTimeoutSeconds: 360,
    maxReceiveCount: 5,
    retentionDays: 4,
    dlqRetentionDays: 14,
    maxConcurrency: 5,
  },
  /** Target of the invitations' release schedules: release a withheld profile, email the invitee. */
  release: {
    id: 'release',
    batchSize: 10,
    maxBatchingWindowSeconds: 1,
    visibilityTimeoutSeconds: 180,
    maxReceiveCount: 5,
    retentionDays: 4,
    dlqRetentionDays: 14,
    maxConcurrency: 2,
  },
} as const satisfies Record<string, QueueDefinition>;

export type QueueId = keyof typeof queues;

export const queueIds = Object.keys(queues) as QueueId[];

export const dlqName = (queueName: string): string => `${queueName}-dlq`;
