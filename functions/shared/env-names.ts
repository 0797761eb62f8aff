import type { BucketId } from '../adapters/s3/buckets.ts';
import type { QueueId } from '../../events/queues.ts';

/**
 * The names of every environment variable the functions read. CDK's bind helpers and the local
 * stack set them from here; functions/shared/env.ts reads them from here. One spelling, one place.
 */
export const envNames = {
  tableName: 'TABLE_NAME',
  bucketName: (id: BucketId) => `BUCKET_${id.toUpperCase()}`,
  queueUrl: (id: QueueId) => `QUEUE_URL_${id.toUpperCase().replaceAll('-', '_')}`,
  mailFrom: 'MAIL_FROM',
  sesConfigurationSet: 'SES_CONFIGURATION_SET',
  supportEmail: 'SUPPORT_EMAIL',
  appUrl: 'APP_URL',
  apiUrl: 'API_URL',
  schedulerGroup: 'SCHEDULER_GROUP',
  schedulerRoleArn: 'SCHEDULER_ROLE_ARN',
  /** The queue release schedules send to, and the DLQ for what they cannot deliver. */
  schedulerTargetArn: 'SCHEDULER_TARGET_ARN',
  schedulerDeadLetterArn: 'SCHEDULER_DEAD_LETTER_ARN',
  /** Emulators need path-style S3 addressing; in AWS it stays unset (virtual-hosted style). */
  s3ForcePathStyle: 'S3_FORCE_PATH_STYLE',
  /**
   * How long an idempotent request may run before a retry with its key may take over (default 60 s;
   * the fault-injection test shortens it). Unset in AWS.
   */
  idempotencyLeaseSeconds: 'IDEMPOTENCY_LEASE_SECONDS',
} as const;
