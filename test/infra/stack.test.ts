import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { deadLetteredQueueIds, deadLettersOf, queueIds, queues, type QueueId } from '../../events/queues.ts';
import { tableDefinition } from '../../functions/adapters/dynamo/table.ts';
import { bucketIds, buckets } from '../../functions/adapters/s3/buckets.ts';
import { routeKey, type RouteSpec } from '../../functions/http/route-definition.ts';
import { routes } from '../../functions/http/routes.ts';
import { envNames } from '../../functions/shared/env-names.ts';
import { deadLetterWorkers, workers } from '../../functions/workers/workers.ts';
import { bundledFontPath } from '../../infra/bundling.ts';
import { ProfileSharingStack, type ProfileSharingStackProps } from '../../infra/stack.ts';

/**
 * The CDK stack, checked against the definitions it is built from (route table, table, buckets,
 * queues, workers), so a setting cannot drift between a definition and what gets deployed.
 *
 * The main template is synthesised once, with real esbuild bundling, so a handler entry that does
 * not bundle fails here. The other stacks skip bundling (their checks never look at code). CDK's
 * built-in CloudFormation schema validation stays for `cdk synth`; here it would only add seconds.
 */
const externalIssuer = { issuer: 'https://issuer.example.com/', audience: 'profile-sharing-api' };

function synthesize(props: ProfileSharingStackProps, options: { bundle: boolean }): ProfileSharingStack {
  const app = new App({
    builtinCloudFormationValidation: false,
    context: options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] },
  });
  return new ProfileSharingStack(app, 'ProfileSharing', props);
}

/** The logical id CloudFormation knows a construct's main resource by. */
function logicalId(construct: IConstruct): string {
  const resource = construct.node.defaultChild as CfnElement;
  return Stack.of(construct).resolve(resource.logicalId) as string;
}

const toArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

function statementsOf(template: Template): Array<{ policy: string; roles: unknown[]; statement: Statement }> {
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.entries(policies).flatMap(([policy, resource]: [string, any]) =>
    (resource.Properties.PolicyDocument.Statement as Statement[]).map((statement) => ({
      policy,
      roles: resource.Properties.Roles ?? [],
      statement,
    })),
  );
}

const deployedRoutes = routes.filter((route: RouteSpec) => route.localOnly !== true);
const localOnlyRoutes = routes.filter((route: RouteSpec) => route.localOnly === true);

describe('ProfileSharingStack', { timeout: 240_000 }, () => {
  let stack: ProfileSharingStack;
  let template: Template;

  beforeAll(() => {
    stack = synthesize({}, { bundle: true });
    template = Template.fromStack(stack);
  }, 240_000);

  describe('table', () => {
    it('has the keys, index and TTL attribute of the table definition, billed on demand', () => {
      template.resourceCountIs('AWS::DynamoDB::Table', 1);
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
          { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: tableDefinition.globalSecondaryIndexes.map((index) =>
          Match.objectLike({
            IndexName: index.indexName,
            KeySchema: [
              { AttributeName: index.partitionKey, KeyType: 'HASH' },
              { AttributeName: index.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          }),
        ),
        TimeToLiveSpecification: { AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true },
      });
    });

    it('survives mistakes: point-in-time recovery, deletion protection, retained when the stack goes', () => {
      template.hasResource('AWS::DynamoDB::Table', {
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: Match.objectLike({
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
          SSESpecification: Match.anyValue(),
        }),
      });
    });
  });

  describe('queues and workers', () => {
    it.each(queueIds)('moves %s messages to a DLQ after maxReceiveCount (≥ 5) receives', (queueId) => {
      const definition = queues[queueId];
      expect(definition.maxReceiveCount).toBeGreaterThanOrEqual(5);
      template.hasResourceProperties('AWS::SQS::Queue', {
        RedrivePolicy: {
          deadLetterTargetArn: { 'Fn::GetAtt': [logicalId(stack.workers.deadLetterQueues[queueId]), 'Arn'] },
          maxReceiveCount: definition.maxReceiveCount,
        },
      });
    });

    it.each(queueIds)(
      'keeps failed %s messages in the DLQ longer than the source queue keeps them',
      (queueId) => {
        const definition = queues[queueId];
        const day = 24 * 60 * 60;
        const all = template.findResources('AWS::SQS::Queue');
        const source = all[logicalId(stack.workers.queues[queueId])];
        const dlq = all[logicalId(stack.workers.deadLetterQueues[queueId])];
        expect(source?.Properties.MessageRetentionPeriod).toBe(definition.retentionDays * day);
        expect(dlq?.Properties.MessageRetentionPeriod).toBe(definition.dlqRetentionDays * day);
        expect(dlq?.Properties.MessageRetentionPeriod).toBeGreaterThan(
          source?.Properties.MessageRetentionPeriod,
        );
      },
    );

    it('encrypts every queue and refuses non-TLS access to it', () => {
      const all = template.findResources('AWS::SQS::Queue');
      // Each work queue and its DLQ, and the outbox relay's on-failure queue.
      expect(Object.keys(all)).toHaveLength(queueIds.length * 2 + 1);
      for (const queue of Object.values(all)) expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
      for (const id of Object.keys(all)) {
        template.hasResourceProperties('AWS::SQS::QueuePolicy', {
          Queues: [{ Ref: id }],
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            ]),
          },
        });
      }
    });

    it.each(workers)(
      'gives the $queue queue a visibility timeout of at least 6 × its worker timeout',
      (worker) => {
        const definition = queues[worker.queue];
        expect(definition.visibilityTimeoutSeconds).toBeGreaterThanOrEqual(
          6 * definition.workerTimeoutSeconds,
        );
        const source =
          template.findResources('AWS::SQS::Queue')[logicalId(stack.workers.queues[worker.queue])];
        expect(source?.Properties.VisibilityTimeout).toBe(definition.visibilityTimeoutSeconds);
        template.hasResourceProperties('AWS::Lambda::Function', {
          Description: Match.stringLikeRegexp(`${worker.queue} queue`),
          Timeout: definition.workerTimeoutSeconds,
          MemorySize: worker.memoryMb,
        });
      },
    );

    it.each(workers)(
      'feeds the $queue worker in batches that report item failures, at the capped concurrency',
      (worker) => {
        const definition = queues[worker.queue];
        template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
          EventSourceArn: { 'Fn::GetAtt': [logicalId(stack.workers.queues[worker.queue]), 'Arn'] },
          FunctionResponseTypes: ['ReportBatchItemFailures'],
          BatchSize: definition.batchSize,
          MaximumBatchingWindowInSeconds: definition.maxBatchingWindowSeconds,
          ScalingConfig: { MaximumConcurrency: definition.maxConcurrency },
        });
      },
    );

    it.each(
      deadLetterWorkers.flatMap((worker) => worker.deadLettersOf.map((queueId) => ({ queueId, worker }))),
    )(
      'feeds the $queueId DLQ to $worker.entry in batches that report item failures, within a visibility timeout of 6 × its timeout',
      ({ queueId, worker }) => {
        const settings = deadLettersOf(queueId);
        const fn = stack.workers.functions.find((f) => f.entry === worker.entry)!;
        template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
          EventSourceArn: { 'Fn::GetAtt': [logicalId(stack.workers.deadLetterQueues[queueId]), 'Arn'] },
          FunctionName: { Ref: logicalId(fn) },
          FunctionResponseTypes: ['ReportBatchItemFailures'],
          BatchSize: settings.batchSize,
          ScalingConfig: { MaximumConcurrency: settings.maxConcurrency },
        });
        const functions = template.findResources('AWS::Lambda::Function');
        const timeout = functions[logicalId(fn)]!.Properties.Timeout as number;
        expect(timeout).toBe(settings.workerTimeoutSeconds);
        const dlq =
          template.findResources('AWS::SQS::Queue')[logicalId(stack.workers.deadLetterQueues[queueId])];
        expect(dlq?.Properties.VisibilityTimeout).toBe(settings.visibilityTimeoutSeconds);
        expect(settings.visibilityTimeoutSeconds).toBeGreaterThanOrEqual(6 * timeout);
      },
    );

    it('lets no function consume a DLQ but the dead-letter worker defined for it', () => {
      const consumed = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')).flatMap(
        (mapping) =>
          queueIds
            .filter((id) =>
              JSON.stringify(mapping.Properties.EventSourceArn).includes(
                `"${logicalId(stack.workers.deadLetterQueues[id])}"`,
              ),
            )
            .map((id) => [id, mapping.Properties.FunctionName.Ref]),
      );
      expect(consumed.sort()).toEqual(
        deadLetterWorkers
          .flatMap((worker) =>
            worker.deadLettersOf.map((id) => [
              id,
              logicalId(stack.workers.functions.find((f) => f.entry === worker.entry)!),
            ]),
          )
          .sort(),
      );
      expect([...deadLetteredQueueIds].sort()).toEqual(
        [...new Set(deadLetterWorkers.flatMap((worker) => worker.deadLettersOf))].sort(),
      );
    });

    it('reports batch item failures on every event source mapping', () => {
      const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping'));
      // One per worker queue, one per DLQ a dead-letter worker consumes, and the outbox relay's stream.
      expect(mappings).toHaveLength(
        workers.length + deadLetterWorkers.flatMap((worker) => worker.deadLettersOf).length + 1,
      );
      for (const mapping of mappings) {
        expect(mapping.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
      }
    });
  });

  describe('buckets', () => {
    it.each(bucketIds)('keeps the %s bucket private, encrypted and TLS-only', (bucketId) => {
      const id = logicalId(stack.data.buckets[bucketId]);
      const bucket = template.findResources('AWS::S3::Bucket')[id];
      expect(bucket?.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket?.Properties.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
        { ServerSideEncryptionByDefault: { SSEAlgorithm: expect.stringMatching(/^(AES256|aws:kms)$/) } },
      ]);
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: id },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 's3:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    });

    it.each(bucketIds)(
      'expires %s objects as defined and aborts stale multipart uploads after a day',
      (bucketId) => {
        const definition: { expireAfterDays?: number } = buckets[bucketId];
        const bucket = template.findResources('AWS::S3::Bucket')[logicalId(stack.data.buckets[bucketId])];
        const rules: any[] = bucket?.Properties.LifecycleConfiguration.Rules ?? [];
        expect(rules).toContainEqual(
          expect.objectContaining({
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
            Status: 'Enabled',
          }),
        );
        const expirations = rules.map((rule) => rule.ExpirationInDays).filter((days) => days !== undefined);
        expect(expirations).toEqual(
          definition.expireAfterDays === undefined ? [] : [definition.expireAfterDays],
        );
      },
    );

    it('logs access to the data buckets into a private, encrypted log bucket', () => {
      const logs = logicalId(stack.data.accessLogs);
      for (const bucketId of bucketIds) {
        const bucket = template.findResources('AWS::S3::Bucket')[logicalId(stack.data.buckets[bucketId])];
        expect(bucket?.Properties.LoggingConfiguration.DestinationBucketName).toEqual({ Ref: logs });
      }
      template.hasResourceProperties('AWS::S3::Bucket', {
        BucketEncryption: Match.anyValue(),
        PublicAccessBlockConfiguration: Match.objectLike({
          BlockPublicAcls: true,
          RestrictPublicBuckets: true,
        }),
      });
    });
  });

  describe('functions', () => {
    it('runs every function on Node.js 22, arm64, with active tracing', () => {
      const functions = Object.values(template.findResources('AWS::Lambda::Function'));
      const httpEntries = new Set(deployedRoutes.map((route) => route.entry));
      // HTTP families, queue workers, dead-letter workers, the outbox relay and (with Cognito) the
      // token trigger.
      expect(functions).toHaveLength(
        httpEntries.size + workers.length + deadLetterWorkers.length + 1 + (stack.api.tokenTrigger ? 1 : 0),
      );
      for (const fn of functions) {
        expect(fn.Properties).toMatchObject({
          Runtime: 'nodejs22.x',
          Architectures: ['arm64'],
          Handler: 'index.handler',
          TracingConfig: { Mode: 'Active' },
        });
      }
    });

    it('gives every function the bundle of its own entry', () => {
      const functions = Object.values(template.findResources('AWS::Lambda::Function'));
      const assets = functions.map((fn) => fn.Properties.Code.S3Key as string);
      expect(new Set(assets).size).toBe(functions.length);
    });

    it('ships the profile fonts with the three functions that render PDFs, and with no other', () => {
      const assembly = (stack.node.root as App).outdir;
      const withFonts = Object.values(template.findResources('AWS::Lambda::Function'))
        .filter((fn) => {
          const asset = join(assembly, `asset.${(fn.Properties.Code.S3Key as string).replace(/\.zip$/, '')}`);
          expect(existsSync(join(asset, 'index.mjs'))).toBe(true);
          return existsSync(join(asset, bundledFontPath('regular')));
        })
        .map((fn) => fn.Properties.Description as string);
      expect(withFonts.sort()).toEqual([
        'Consumes the documents queue (functions/workers/share-profile.ts)',
        'Consumes the exports queue (functions/workers/export-learners.ts)',
        'functions/http/downloads.ts',
      ]);
    });

    it('keeps every function log group for a month, not forever', () => {
      const functions = Object.values(template.findResources('AWS::Lambda::Function'));
      const logGroups = template.findResources('AWS::Logs::LogGroup');
      for (const fn of functions) {
        const group = logGroups[fn.Properties.LoggingConfig.LogGroup.Ref];
        expect(group?.Properties.RetentionInDays).toBe(30);
      }
    });

    it('tells every HTTP function the support address and the app and API URLs (grants: least-privilege.test.ts)', () => {
      for (const fn of stack.api.functions) {
        const resource = template.findResources('AWS::Lambda::Function')[logicalId(fn)];
        const variables = Object.keys(resource?.Properties.Environment.Variables ?? {});
        expect(variables).toEqual(
          expect.arrayContaining([envNames.supportEmail, envNames.appUrl, envNames.apiUrl]),
        );
      }
    });
  });

  describe('HTTP API', () => {
    it.each(deployedRoutes.map((route) => [routeKey(route), route] as const))(
      'serves %s, behind the authorizer unless the route table says public',
      (key, route) => {
        const matches = template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: key } });
        expect(Object.values(matches)).toHaveLength(1);
        const properties = Object.values(matches)[0]!.Properties;
        if (route.access === 'public') {
          expect(properties.AuthorizationType ?? 'NONE').toBe('NONE');
          expect(properties.AuthorizerId).toBeUndefined();
        } else {
          expect(properties.AuthorizationType).toBe('JWT');
          expect(properties.AuthorizerId).toEqual({ Ref: expect.any(String) });
        }
      },
    );

    it('deploys exactly the routes of the route table that are not local-only, and $default', () => {
      const keys = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
        (route) => route.Properties.RouteKey,
      );
      expect(keys.sort()).toEqual([...deployedRoutes.map(routeKey), '$default'].sort());
      for (const route of localOnlyRoutes) expect(keys).not.toContain(routeKey(route));
    });

    it('sends paths no route matches to the OpenAPI function, which answers 404 in the contract shape', () => {
      const [fallback] = Object.values(
        template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: '$default' } }),
      );
      const [openApi] = Object.values(
        template.findResources('AWS::ApiGatewayV2::Route', {
          Properties: { RouteKey: 'GET /v1/openapi.json' },
        }),
      );
      expect(fallback!.Properties.AuthorizationType ?? 'NONE').toBe('NONE');
      expect(fallback!.Properties.Target).toEqual(openApi!.Properties.Target);
      // Browsers' preflights never reach it: with CORS configured on the API, API Gateway answers
      // OPTIONS itself, before any route (including $default) is matched.
      template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
        CorsConfiguration: Match.objectLike({ AllowHeaders: Match.arrayWith(['authorization']) }),
      });
    });

    it('logs access and throttles on the default stage', () => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
        DefaultRouteSettings: {
          ThrottlingRateLimit: Match.anyValue(),
          ThrottlingBurstLimit: Match.anyValue(),
        },
      });
    });

    it('trusts the Cognito user pool when no external issuer is configured', () => {
      template.resourceCountIs('AWS::Cognito::UserPool', 1);
      template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
        AuthorizerType: 'JWT',
        JwtConfiguration: { Audience: [{ Ref: Match.anyValue() }], Issuer: Match.anyValue() },
      });
    });
  });

  describe('scheduling', () => {
    it('lets EventBridge Scheduler, and nothing else, assume the scheduler role', () => {
      const role = template.findResources('AWS::IAM::Role')[logicalId(stack.scheduling.role)];
      expect(role?.Properties.AssumeRolePolicyDocument.Statement).toEqual([
        expect.objectContaining({
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Principal: { Service: 'scheduler.amazonaws.com' },
        }),
      ]);
    });

    it('allows the scheduler role nothing but sqs:SendMessage, on the release queue and its DLQ', () => {
      const role = logicalId(stack.scheduling.role);
      const statements = statementsOf(template).filter(({ roles }) =>
        roles.some((r: any) => r?.Ref === role),
      );
      expect(statements.length).toBeGreaterThan(0);
      const queueArns = [stack.workers.queues.release, stack.workers.deadLetterQueues.release].map(
        (queue) => ({
          'Fn::GetAtt': [logicalId(queue), 'Arn'],
        }),
      );
      for (const { statement } of statements) {
        expect(statement.Effect).toBe('Allow');
        expect(toArray(statement.Action)).toEqual(['sqs:SendMessage']);
        expect(toArray(statement.Resource)).toEqual(expect.arrayContaining(queueArns));
        expect(toArray(statement.Resource)).toHaveLength(queueArns.length);
      }
      const managed = template.findResources('AWS::IAM::Role')[role]?.Properties.ManagedPolicyArns;
      expect(managed).toBeUndefined();
    });
  });

  describe('IAM', () => {
    it('grants no service-wide dynamodb, s3 or sqs action, and none of their actions on every resource', () => {
      const serviceWide = /^(dynamodb|s3|sqs):\*$|^\*$/;
      const dataService = /^(dynamodb|s3|sqs):/;
      for (const { policy, statement } of statementsOf(template)) {
        if (statement.Effect !== 'Allow') continue;
        const actions = toArray(statement.Action);
        expect(
          actions.filter((action) => serviceWide.test(action)),
          policy,
        ).toEqual([]);
        if (toArray(statement.Resource).includes('*')) {
          expect(
            // ListStreams (the outbox relay's event source) names no table: IAM offers only `*` for it.
            actions.filter((action) => dataService.test(action) && action !== 'dynamodb:ListStreams'),
            policy,
          ).toEqual([]);
        }
      }
    });
  });

  describe('alarms', () => {
    it.each(queueIds)('alarms as soon as one message reaches the %s DLQ', (queueId) => {
      // A DLQ its dead-letter worker empties within seconds is counted by what is received from it.
      const consumed = (deadLetteredQueueIds as readonly QueueId[]).includes(queueId);
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: consumed ? 'NumberOfMessagesReceived' : 'ApproximateNumberOfMessagesVisible',
        Statistic: consumed ? 'Sum' : 'Maximum',
        Dimensions: [
          {
            Name: 'QueueName',
            Value: { 'Fn::GetAtt': [logicalId(stack.workers.deadLetterQueues[queueId]), 'QueueName'] },
          },
        ],
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: [{ Ref: logicalId(stack.observability.alarmTopic) }],
      });
    });

    it('alarms on any error of any function within five minutes', () => {
      for (const fn of [...stack.api.functions, ...stack.workers.functions]) {
        template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          Namespace: 'AWS/Lambda',
          MetricName: 'Errors',
          Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(fn) } }],
          Period: 300,
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          AlarmActions: [{ Ref: logicalId(stack.observability.alarmTopic) }],
        });
      }
    });

    it('sends alarms to an encrypted, TLS-only topic', () => {
      template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
      template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    });
  });
});

describe('ProfileSharingStack with an external OIDC issuer', { timeout: 120_000 }, () => {
  it('authorises with that issuer and audience and creates no user pool', () => {
    const template = Template.fromStack(synthesize({ jwt: externalIssuer }, { bundle: false }));
    template.resourceCountIs('AWS::Cognito::UserPool', 0);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: externalIssuer.issuer, Audience: [externalIssuer.audience] },
    });
  });
});

describe('cdk-nag AwsSolutions', { timeout: 120_000 }, () => {
  const configurations: Array<[string, ProfileSharingStackProps]> = [
    ['a Cognito user pool', {}],
    [
      'an external issuer and a verified sender',
      { jwt: externalIssuer, mailFrom: 'Profiles <no-reply@example.org>' },
    ],
  ];

  it.each(configurations)('leaves no finding unacknowledged, with %s', (_name, props) => {
    const stack = synthesize(props, { bundle: false });
    // The pack app.ts registers, run on the synthesised tree (every lazily built policy complete).
    (stack.node.root as App).synth();
    const { violations } = new AwsSolutionsChecks().validateScope(stack);
    const findings = (severity: string) =>
      violations
        .filter((violation) => violation.severity === severity)
        .map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
    expect(findings('error')).toEqual([]);
    expect(findings('warning')).toEqual([]);
  });
});

describe('the default Cognito identity provider', () => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const cognito = new ProfileSharingStack(app, 'CognitoClaims', {});
  const template = Template.fromStack(cognito);

  it('adds org and roles claims through a V2 pre-token-generation trigger', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: Match.objectLike({
        PreTokenGenerationConfig: Match.objectLike({ LambdaVersion: 'V2_0' }),
      }),
      Schema: Match.arrayWith([Match.objectLike({ Name: 'org', AttributeDataType: 'String' })]),
    });
  });

  it('applies a changed email only once it is verified', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
    });
  });

  it('has one group per role', () => {
    for (const role of ['practitioner', 'admin', 'supplier', 'client']) {
      template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: role });
    }
  });

  it('lets the web client write the name and email, never the organisation', () => {
    const clients = Object.values(template.findResources('AWS::Cognito::UserPoolClient'));
    expect(clients).toHaveLength(1);
    const writable = clients[0]!.Properties.WriteAttributes as string[];
    expect(writable).toEqual(expect.arrayContaining(['email', 'name']));
    expect(writable).not.toContain('custom:org');
  });
});
