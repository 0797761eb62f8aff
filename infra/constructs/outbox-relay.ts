import { Duration, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { queueIds, type QueueId } from '../../events/queues.ts';
import { keys } from '../../functions/adapters/dynamo/keys.ts';
import { outboxStreamRecords } from '../../functions/adapters/dynamo/table.ts';
import { envNames } from '../../functions/shared/env-names.ts';
import { outboxRelay } from '../../functions/workers/workers.ts';
import { AppFunction } from './app-function.ts';

export interface OutboxRelayProps {
  /** THE table, with its stream (infra/constructs/data.ts). */
  readonly table: ITable;
  readonly queues: Readonly<Record<QueueId, IQueue>>;
}

/**
 * The outbox relay (design.md, "Outbox"): the table's stream, filtered to new outbox items
 * (table.ts `outboxStreamRecords`, so the function is never invoked for anything else), feeds
 * functions/workers/outbox-relay.ts, which sends each item's message to its queue and deletes it.
 *
 * A failing record is reported by sequence number (ReportBatchItemFailures), a failing batch is
 * halved until the bad record stands alone, and after `retryAttempts` its metadata goes to
 * `failures`, whose alarm (infra/stack.ts) calls someone. The item itself stays in the table
 * (its TTL is 14 days), so nothing is lost meanwhile.
 *
 * The function may read the stream (the event source grants that), send to the work queues, and
 * read and delete outbox items: `dynamodb:LeadingKeys` limits both to the `OUTBOX#` partitions, so it
 * can touch no organisation's data.
 */
export class OutboxRelay extends Construct {
  readonly function: AppFunction;
  /** Where the records the relay gave up on are described (on-failure destination). */
  readonly failures: Queue;

  constructor(scope: Construct, id: string, props: OutboxRelayProps) {
    super(scope, id);
    this.failures = new Queue(this, 'Failures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.failures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        "The relay's on-failure destination is itself the last stop (a dead-letter queue in all but name): it holds descriptions of failed stream records, alarmed on, and needs no queue behind it.",
    });

    this.function = new AppFunction(this, 'OutboxRelay', {
      entry: outboxRelay.entry,
      timeout: Duration.seconds(outboxRelay.timeoutSeconds),
      memorySize: outboxRelay.memoryMb,
      description: `Relays outbox items from the table's stream to their queues (${outboxRelay.entry})`,
    });
    this.function.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: outboxRelay.batchSize,
        maxBatchingWindow: Duration.seconds(outboxRelay.maxBatchingWindowSeconds),
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        retryAttempts: outboxRelay.retryAttempts,
        onFailure: new SqsDlq(this.failures),
        filters: [FilterCriteria.filter(outboxStreamRecords as unknown as Record<string, unknown>)],
      }),
    );

    this.function.addEnvironment(envNames.tableName, props.table.tableName);
    this.function.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['dynamodb:GetItem', 'dynamodb:DeleteItem'],
        resources: [props.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${keys.outboxPrefix}*`] } },
      }),
    );
    for (const queueId of queueIds) {
      this.function.addEnvironment(envNames.queueUrl(queueId), props.queues[queueId].queueUrl);
      props.queues[queueId].grantSendMessages(this.function);
    }
  }
}
