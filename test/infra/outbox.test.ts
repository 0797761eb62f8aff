import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { queueIds } from '../../events/queues.ts';
import { keys } from '../../functions/adapters/dynamo/keys.ts';
import { outboxStreamRecords, tableDefinition } from '../../functions/adapters/dynamo/table.ts';
import { envNames } from '../../functions/shared/env-names.ts';
import { outboxRelay } from '../../functions/workers/workers.ts';
import { bundleLambda } from '../../infra/bundling.ts';
import { ProfileSharingStack } from '../../infra/stack.ts';

/**
 * The transactional outbox in the template: the table's stream, the relay function fed from it
 * (new outbox items only), what the relay may do, and where a record it gives up on goes.
 */
const app = new App({ builtinCloudFormationValidation: false, context: { 'aws:cdk:bundling-stacks': [] } });
const stack = new ProfileSharingStack(app, 'Outbox', {});
const template = Template.fromStack(stack);

const logicalId = (construct: IConstruct) =>
  Stack.of(construct).resolve((construct.node.defaultChild as CfnElement).logicalId) as string;

const relayId = logicalId(stack.outboxRelay.function);
const relayPolicies = () =>
  Object.values(template.findResources('AWS::IAM::Policy')).filter((policy: any) =>
    (policy.Properties.Roles as unknown[]).some((role) =>
      JSON.stringify(role).includes(logicalId(stack.outboxRelay.function.role!)),
    ),
  );
const relayStatements = () =>
  relayPolicies().flatMap((policy: any) => policy.Properties.PolicyDocument.Statement as any[]);
const actionsOf = (statement: any): string[] => [statement.Action].flat();

describe('the outbox', () => {
  it('streams new images of the table, as the table definition says', () => {
    expect(tableDefinition.stream.viewType).toBe('NEW_IMAGE');
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
    });
  });

  it('invokes the relay for new outbox items only (INSERT of an OUTBOX# partition key)', () => {
    const mapping = template.findResources('AWS::Lambda::EventSourceMapping', {
      Properties: { FunctionName: { Ref: relayId } },
    });
    const [properties] = Object.values(mapping).map((m: any) => m.Properties);
    expect(properties.EventSourceArn).toEqual({
      'Fn::GetAtt': [logicalId(stack.data.table), 'StreamArn'],
    });
    const patterns = properties.FilterCriteria.Filters.map((f: any) => JSON.parse(f.Pattern));
    expect(patterns).toEqual([
      { eventName: ['INSERT'], dynamodb: { Keys: { PK: { S: [{ prefix: keys.outboxPrefix }] } } } },
    ]);
    expect(patterns[0]).toEqual(JSON.parse(JSON.stringify(outboxStreamRecords)));
  });

  it('retries a failing record alone (item failures, bisection) and then describes it on a failure queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: relayId },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: outboxRelay.batchSize,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: outboxRelay.retryAttempts,
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(stack.outboxRelay.failures), 'Arn'] } },
      },
    });
  });

  it('alarms when the relay gives up on a record or fails', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Dimensions: [
        { Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(stack.outboxRelay.failures), 'QueueName'] } },
      ],
      MetricName: 'ApproximateNumberOfMessagesVisible',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: relayId } }],
      MetricName: 'Errors',
    });
  });

  it('gives the relay every queue URL and the table name, and its timeout and memory from its definition', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('outbox-relay'),
      Timeout: outboxRelay.timeoutSeconds,
      MemorySize: outboxRelay.memoryMb,
      Environment: {
        Variables: Match.objectLike({
          [envNames.tableName]: { Ref: logicalId(stack.data.table) },
          ...Object.fromEntries(
            queueIds.map((id) => [envNames.queueUrl(id), { Ref: logicalId(stack.workers.queues[id]) }]),
          ),
        }),
      },
    });
  });

  it('lets the relay read and delete outbox items only, and write nothing else to the table', () => {
    const streamReads = [
      'dynamodb:ListStreams',
      'dynamodb:DescribeStream',
      'dynamodb:GetRecords',
      'dynamodb:GetShardIterator',
    ];
    const tableStatements = relayStatements().filter((s) =>
      actionsOf(s).some((action) => action.startsWith('dynamodb:') && !streamReads.includes(action)),
    );
    expect(tableStatements).toHaveLength(1);
    expect(actionsOf(tableStatements[0]).sort()).toEqual(['dynamodb:DeleteItem', 'dynamodb:GetItem']);
    expect(tableStatements[0].Condition).toEqual({
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${keys.outboxPrefix}*`] },
    });
    const all = relayStatements().flatMap(actionsOf);
    for (const forbidden of ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'ses:SendEmail', 's3:GetObject'])
      expect(all).not.toContain(forbidden);
    expect(all).toContain('sqs:SendMessage');
    expect(all).toEqual(expect.arrayContaining(['dynamodb:GetRecords', 'dynamodb:GetShardIterator']));
  });

  it('leaves no cdk-nag finding unacknowledged on the relay and its failure queue', () => {
    (stack.node.root as App).synth();
    const { violations } = new AwsSolutionsChecks().validateScope(stack.outboxRelay);
    expect(violations.map((v) => `${v.ruleName} (${v.severity})`)).toEqual([]);
  });

  it('bundles the relay with nothing it does not use: no PDF code, no S3 or SES client', () => {
    const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
    const outdir = mkdtempSync(join(tmpdir(), 'relay-bundle-'));
    try {
      const modules = bundleLambda(root, outboxRelay.entry, outdir).flatMap((file) => file.modules);
      const carries = (name: string) => modules.some((m) => m.startsWith(`node_modules/${name}/`));
      for (const unused of [
        'pdf-lib',
        '@aws-sdk/client-s3',
        '@aws-sdk/client-sesv2',
        '@aws-sdk/client-scheduler',
      ])
        expect([unused, carries(unused)]).toEqual([unused, false]);
      expect(carries('@aws-sdk/client-sqs')).toBe(true);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
