import { Arn, ArnFormat, Aws, Duration, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { pascalCase } from './app-function.ts';

export interface ObservabilityProps {
  /** Dead-letter queues by a readable name (the queue id). */
  readonly deadLetterQueues: Readonly<Record<string, IQueue>>;
  /**
   * Names (of `deadLetterQueues`) whose DLQ a dead-letter worker consumes within seconds: a message
   * there seldom waits for the once-a-minute count of visible messages, so their alarm counts the
   * messages received from them instead (each arrival is received at least once).
   */
  readonly consumedDeadLetterQueues?: readonly string[];
  /** Every function of the app; alarms are named after their construct ids. */
  readonly functions: readonly IFunction[];
}

/**
 * The account's sending reputation as SES measures it (AWS/SES `Reputation.*`, fractions of sent
 * mail): AWS reviews an account whose bounce rate reaches 5 % or whose complaint rate reaches
 * 0.1 %, and may pause its sending beyond that, so those are the rates that alarm.
 */
export const sesReputationAlarms = [
  { id: 'SesBounceRate', metricName: 'Reputation.BounceRate', threshold: 0.05, what: 'bounce rate' },
  {
    id: 'SesComplaintRate',
    metricName: 'Reputation.ComplaintRate',
    threshold: 0.001,
    what: 'complaint rate',
  },
] as const;

/**
 * Alarms that mean "someone should look": a message in a dead-letter queue (a job failed for good),
 * a function error, and the account's SES bounce or complaint rate at AWS's review threshold. All
 * notify `alarmTopic`; subscribe people or chat to it where the stack is deployed (subscriptions
 * hold personal addresses, so they are not part of the template).
 */
export class Observability extends Construct {
  readonly alarmTopic: Topic;
  readonly alarms: readonly Alarm[];

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const alarmArns = Arn.format(
      {
        service: 'cloudwatch',
        resource: 'alarm',
        resourceName: '*',
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      },
      stack,
    );
    const fromThisAccountsAlarms = {
      StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
      ArnLike: { 'aws:SourceArn': alarmArns },
    };

    // A customer-managed key: CloudWatch cannot publish to a topic encrypted with the AWS-managed
    // SNS key, because that key's policy cannot be changed to let the service use it.
    const key = new Key(this, 'AlarmTopicKey', {
      description: 'Encrypts the alarm topic',
      enableKeyRotation: true,
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: fromThisAccountsAlarms,
      }),
    );
    this.alarmTopic = new Topic(this, 'AlarmTopic', { masterKey: key, enforceSSL: true });
    this.alarmTopic.addToResourcePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.alarmTopic.topicArn],
        conditions: fromThisAccountsAlarms,
      }),
    );
    const action = new SnsAction(this.alarmTopic);

    const dlqAlarms = Object.entries(props.deadLetterQueues).map(
      ([name, queue]) =>
        new Alarm(this, `${pascalCase(name)}DlqAlarm`, {
          alarmDescription: `A message reached the ${name} dead-letter queue: a job failed after every retry.`,
          metric: props.consumedDeadLetterQueues?.includes(name)
            ? queue.metricNumberOfMessagesReceived({ period: Duration.minutes(1), statistic: 'Sum' })
            : queue.metricApproximateNumberOfMessagesVisible({
                period: Duration.minutes(1),
                statistic: 'Maximum',
              }),
          threshold: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
    );
    const errorAlarms = props.functions.map(
      (fn) =>
        new Alarm(this, `${fn.node.id}ErrorsAlarm`, {
          alarmDescription: `${fn.node.id} reported an error (uncaught exception or timeout).`,
          metric: fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
          threshold: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
    );
    const reputationAlarms = sesReputationAlarms.map(
      ({ id, metricName, threshold, what }) =>
        new Alarm(this, `${id}Alarm`, {
          alarmDescription: `The account's SES ${what} reached ${threshold * 100} %, where AWS reviews the account and may pause its sending.`,
          // Account-wide (no dimensions): SES computes the rate over recent sending, so one
          // point at the threshold is the signal. No sending, no data: not an alarm.
          metric: new Metric({
            namespace: 'AWS/SES',
            metricName,
            period: Duration.hours(1),
            statistic: 'Maximum',
          }),
          threshold,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
    );
    this.alarms = [...dlqAlarms, ...errorAlarms, ...reputationAlarms];
    for (const alarm of this.alarms) alarm.addAlarmAction(action);
  }
}
