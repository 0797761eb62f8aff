import type { QueueId } from '../../events/queues.ts';

/**
 * THE worker table: which Lambda entry consumes which queue. CDK wires event sources from it and
 * the local stack starts one poller per row. Each worker's timeout × 6 must fit in its queue's
 * visibility timeout (checked in test/infra).
 */
export interface WorkerDefinition {
  readonly queue: QueueId;
  readonly entry: string;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
}

export const workers = [
  { queue: 'email', entry: 'functions/workers/send-email.ts', timeoutSeconds: 30, memoryMb: 512 },
  { queue: 'documents', entry: 'functions/workers/share-profile.ts', timeoutSeconds: 60, memoryMb: 1024 },
  { queue: 'release', entry: 'functions/workers/release-withheld.ts', timeoutSeconds: 30, memoryMb: 512 },
] as const satisfies readonly WorkerDefinition[];
