import type { QueueId } from '../../events/queues.ts';
import type { BucketId } from '../adapters/s3/buckets.ts';

/** Data access to the table or a bucket: reads only, or reads and writes. */
export type DataAccess = 'read' | 'readWrite';

/**
 * Access to the table: as to a bucket, or `update`: conditional updates of existing items and
 * nothing else (UpdateItem only: no reads, no puts, no deletes), for a worker that only moves a
 * field of records others wrote (delivery tracking).
 */
export type TableAccess = DataAccess | 'update';

/**
 * What one Lambda function may touch. Each HTTP family declares it beside its routes, per entry
 * (`<family>Needs` in functions/http/routes/*.ts, gathered in functions/http/needs.ts); the workers'
 * are declared with their queues (infra/constructs/workers.ts). CDK grants exactly this and nothing
 * more (infra/constructs/app-function.ts `grantNeeds`), setting each resource's environment
 * variable together with its grant, so a function has a name for everything it may use and no name
 * for anything else. Whatever is absent is denied: `{}` is a function that touches no data at all.
 *
 * Derive a declaration from the code, not from the route's verb: the wrapper of every HTTP function
 * (functions/shared/http/handler.ts) writes idempotency records on idempotent routes and reads (or,
 * the first time ever, creates) the cursor secret on list routes.
 */
export interface FunctionNeeds {
  /** The one table (and its indexes). */
  readonly table?: TableAccess;
  /**
   * With `table: 'read'`: may also create the table's signing secrets the first time they are used
   * (functions/adapters/dynamo/secrets.ts creates them lazily, e.g. the cursor key of a list route's
   * first page with a next cursor): PutItem, on the secrets' own partitions only. `readWrite` implies it.
   */
  readonly createsSecrets?: boolean;
  /** Buckets by definition id (functions/adapters/s3/buckets.ts). */
  readonly buckets?: Readonly<Partial<Record<BucketId, DataAccess>>>;
  /** Queues it sends messages to. Consuming is the worker table's business (an event source). */
  readonly sendsTo?: readonly QueueId[];
  /** Sends email through SES (as the configured sender, through its configuration set). */
  readonly mail?: boolean;
  /**
   * Creates and deletes the invitations' one-time release schedules, which includes passing the
   * scheduler's role to EventBridge Scheduler.
   */
  readonly schedules?: boolean;
}

/** Needs by Lambda entry path, exactly as the route table spells `entry`. */
export type NeedsByEntry = Readonly<Record<string, FunctionNeeds>>;
