import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { queues } from '../../events/queues.ts';
import { configurationSetTag, sesDetailTypes, trackedSesEventTypes } from '../../events/ses-events.ts';
import { envNames } from '../../functions/shared/env-names.ts';
import { workers } from '../../functions/workers/workers.ts';
import { ProfileSharingStack } from '../../infra/stack.ts';

/**
 * Delivery tracking in AWS (issue 11), read back from the template: SES publishes this
 * configuration set's delivery events to the default bus, one rule puts exactly those on the
 * ses-events queue, the worker consuming it may touch the table and nothing else, and the account's
 * reputation alarms. Nothing here depends on code, so the stack is synthesised without bundling.
 */

const logicalId = (construct: IConstruct): string =>
  Stack.of(construct).resolve((construct.node.defaultChild as CfnElement).logicalId) as string;

const getAtt = (construct: IConstruct, attribute: string) => ({
  'Fn::GetAtt': [logicalId(construct), attribute],
});

/** The default event bus of the stack's account and region, as the template spells its ARN. */
const defaultBusArn = {
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':events:',
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      ':event-bus/default',
    ],
  ],
};

/** `DeliveryDelay` → `deliveryDelay`: an EventBridge record's eventType as the event destination names it. */
const destinationName = (eventType: string) => eventType[0]!.toLowerCase() + eventType.slice(1);

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource?: unknown;
  Principal?: unknown;
  Condition?: unknown;
}

const toArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

const stack = new ProfileSharingStack(
  new App({ builtinCloudFormationValidation: false, context: { 'aws:cdk:bundling-stacks': [] } }),
  'DeliveryTracking',
);
const template = Template.fromStack(stack);

const queue = stack.workers.queues['ses-events'];
const deadLetterQueue = stack.workers.deadLetterQueues['ses-events'];
const configurationSetRef = { Ref: logicalId(stack.email.configurationSet) };
const rule = stack.deliveryTracking.rule;

describe('delivery tracking', () => {
  describe('the configuration set', () => {
    it('keeps SES from sending again to addresses that bounced or complained', () => {
      template.hasResourceProperties('AWS::SES::ConfigurationSet', {
        SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
      });
    });

    it('publishes exactly the tracked event types to the default event bus, and nowhere else', () => {
      const destinations = Object.values(
        template.findResources('AWS::SES::ConfigurationSetEventDestination'),
      );
      expect(destinations).toHaveLength(1);
      const { ConfigurationSetName, EventDestination } = destinations[0]!.Properties;
      expect(ConfigurationSetName).toEqual(configurationSetRef);
      expect(EventDestination.Enabled).toBe(true);
      expect(EventDestination.EventBridgeDestination).toEqual({ EventBusArn: defaultBusArn });
      // CloudFormation's names for them, written out: the template must not depend on our constant alone.
      expect([...EventDestination.MatchingEventTypes].sort()).toEqual([
        'bounce',
        'complaint',
        'delivery',
        'deliveryDelay',
        'reject',
      ]);
      for (const other of ['SnsDestination', 'CloudWatchDestination', 'KinesisFirehoseDestination'])
        expect(EventDestination[other], other).toBeUndefined();
    });

    it('publishes an event type for each detail type the rule listens to, and the other way round', () => {
      expect(Object.keys(sesDetailTypes).map(destinationName).sort()).toEqual(
        [...trackedSesEventTypes].sort(),
      );
    });
  });

  describe('the rule', () => {
    it("matches SES's five tracked detail types on the default bus, of this configuration set only", () => {
      const rules = template.findResources('AWS::Events::Rule');
      const properties = rules[logicalId(rule)]!.Properties;
      // No bus named: the account's default bus, where SES publishes.
      expect(properties.EventBusName).toBeUndefined();
      expect(properties.State).toBe('ENABLED');
      expect(properties.EventPattern).toEqual({
        source: ['aws.ses'],
        'detail-type': Object.values(sesDetailTypes),
        detail: { mail: { tags: { [configurationSetTag]: [configurationSetRef] } } },
      });
    });

    it('puts each event on the ses-events queue, retrying for a day before leaving it in that queue’s DLQ', () => {
      const properties = template.findResources('AWS::Events::Rule')[logicalId(rule)]!.Properties;
      expect(properties.Targets).toEqual([
        expect.objectContaining({
          Arn: getAtt(queue, 'Arn'),
          DeadLetterConfig: { Arn: getAtt(deadLetterQueue, 'Arn') },
          RetryPolicy: { MaximumEventAgeInSeconds: 24 * 60 * 60, MaximumRetryAttempts: 185 },
        }),
      ]);
    });

    it.each([
      ['queue', queue],
      ['DLQ', deadLetterQueue],
    ])('lets EventBridge send to the ses-events %s on behalf of this rule only', (_name, target) => {
      const policies = template.findResources('AWS::SQS::QueuePolicy', {
        Properties: { Queues: [{ Ref: logicalId(target) }] },
      });
      const statements = Object.values(policies).flatMap(
        (policy) => policy.Properties.PolicyDocument.Statement as Statement[],
      );
      const fromEventBridge = statements.filter(
        (statement) =>
          JSON.stringify(statement.Principal) === JSON.stringify({ Service: 'events.amazonaws.com' }),
      );
      expect(fromEventBridge).toHaveLength(1);
      expect(fromEventBridge[0]).toMatchObject({
        Effect: 'Allow',
        Resource: getAtt(target, 'Arn'),
        Condition: { ArnEquals: { 'aws:SourceArn': getAtt(rule, 'Arn') } },
      });
      expect(toArray(fromEventBridge[0]!.Action)).toContain('sqs:SendMessage');
    });
  });

  describe('the ses-events queue', () => {
    it('moves a message that keeps failing to its DLQ, which keeps it longer, and alarms on it', () => {
      const definition = queues['ses-events'];
      const day = 24 * 60 * 60;
      const all = template.findResources('AWS::SQS::Queue');
      expect(all[logicalId(queue)]!.Properties).toMatchObject({
        RedrivePolicy: {
          deadLetterTargetArn: getAtt(deadLetterQueue, 'Arn'),
          maxReceiveCount: definition.maxReceiveCount,
        },
        MessageRetentionPeriod: definition.retentionDays * day,
        VisibilityTimeout: definition.visibilityTimeoutSeconds,
        SqsManagedSseEnabled: true,
      });
      expect(all[logicalId(deadLetterQueue)]!.Properties.MessageRetentionPeriod).toBe(
        definition.dlqRetentionDays * day,
      );
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        Dimensions: [{ Name: 'QueueName', Value: getAtt(deadLetterQueue, 'QueueName') }],
        Threshold: 1,
        AlarmActions: [{ Ref: logicalId(stack.observability.alarmTopic) }],
      });
    });
  });

  describe('the worker', () => {
    const worker = () => {
      const row = workers.find((w) => w.queue === 'ses-events');
      const fn = stack.workers.functions.find((f) => f.entry === row?.entry);
      if (!fn) throw new Error('No worker consumes the ses-events queue');
      return fn;
    };

    it('is fed from the ses-events queue', () => {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: getAtt(queue, 'Arn'),
        FunctionName: { Ref: logicalId(worker()) },
      });
    });

    it('may update items of the table and nothing else: no reads, no puts, no mail, no files, no sending', () => {
      const role = logicalId(worker().role!);
      const table = logicalId(stack.data.table);
      const statements = Object.values(template.findResources('AWS::IAM::Policy'))
        .filter((policy) => toArray(policy.Properties.Roles).some((r: any) => r.Ref === role))
        .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[])
        .filter((statement) => statement.Effect === 'Allow');
      const actions = statements.flatMap((statement) => toArray(statement.Action));
      expect(actions.filter((action) => action.startsWith('dynamodb:'))).toEqual(['dynamodb:UpdateItem']);
      for (const statement of statements) {
        for (const action of toArray(statement.Action)) {
          const resources = JSON.stringify(statement.Resource);
          if (action.startsWith('dynamodb:')) expect(resources, action).toContain(`"${table}"`);
          else if (action.startsWith('sqs:')) {
            // Consuming its own queue (the event source), never sending anywhere.
            expect([
              'sqs:ReceiveMessage',
              'sqs:DeleteMessage',
              'sqs:ChangeMessageVisibility',
              'sqs:GetQueueAttributes',
              'sqs:GetQueueUrl',
            ]).toContain(action);
            expect(statement.Resource).toEqual(getAtt(queue, 'Arn'));
          } else expect(action, 'tracing is the only other grant').toMatch(/^xray:/);
        }
      }
      const environment = Object.keys(
        template.findResources('AWS::Lambda::Function')[logicalId(worker())]!.Properties.Environment
          .Variables,
      );
      expect(environment).toContain(envNames.tableName);
      for (const name of [envNames.mailFrom, envNames.sesConfigurationSet])
        expect(environment).not.toContain(name);
      expect(environment.filter((name) => /QUEUE|BUCKET/.test(name))).toEqual([]);
    });
  });

  describe('reputation alarms', () => {
    it.each([
      ['bounce', 'Reputation.BounceRate', 0.05],
      ['complaint', 'Reputation.ComplaintRate', 0.001],
    ])(
      'alarms on the account’s %s rate (%s) from %s, AWS’s review threshold',
      (_what, metricName, threshold) => {
        const alarms = Object.values(
          template.findResources('AWS::CloudWatch::Alarm', {
            Properties: { Namespace: 'AWS/SES', MetricName: metricName },
          }),
        );
        expect(alarms).toHaveLength(1);
        expect(alarms[0]!.Properties).toMatchObject({
          Threshold: threshold,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          EvaluationPeriods: 1,
          TreatMissingData: 'notBreaching',
          AlarmActions: [{ Ref: logicalId(stack.observability.alarmTopic) }],
        });
        // The account's rate, not one configuration set's.
        expect(alarms[0]!.Properties.Dimensions).toBeUndefined();
      },
    );
  });
});
