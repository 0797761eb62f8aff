import { bundleLambda, lambdaHandler } from '../bundling.ts';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Arn, AssetHashType, DockerImage, Duration, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { QueueId } from '../../events/queues.ts';
import { keys } from '../../functions/adapters/dynamo/keys.ts';
import { bucketIds, type BucketId } from '../../functions/adapters/s3/buckets.ts';
import { envNames } from '../../functions/shared/env-names.ts';
import type { DataAccess, FunctionNeeds, TableAccess } from '../../functions/shared/function-needs.ts';

/** The repository root: entries in the route and worker tables are paths relative to it. */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** `send-email` → `SendEmail`, `GET /v1/groups` → `GetV1Groups`: construct ids from table values. */
export function pascalCase(value: string): string {
  return value
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/** `functions/workers/send-email.ts` → `SendEmail`. */
export const entryId = (entry: string): string => pascalCase(basename(entry, '.ts'));

export interface AppFunctionProps {
  /** Lambda entry file relative to the project root, exactly as the route or worker table spells it. */
  readonly entry: string;
  readonly timeout?: Duration;
  readonly memorySize?: number;
  readonly description?: string;
  readonly environment?: Readonly<Record<string, string>>;
}

/** What a function needs to send mail: the sender and the SES resources it may send through. */
export interface MailBinding {
  /** The `From` header, e.g. `Profiles <no-reply@example.com>`. */
  readonly from: string;
  /** ARN of the SES identity (the sender's domain) the function may send as. */
  readonly identityArn: string;
  readonly configurationSetName: string;
  readonly configurationSetArn: string;
}

export type { DataAccess };

/** Where release schedules deliver, and the DLQ for what they cannot deliver. */
export interface SchedulerTarget {
  readonly queue: IQueue;
  readonly deadLetterQueue: IQueue;
}

/** The one-time schedules' group and the role they run as (infra/constructs/scheduling.ts). */
export interface SchedulingBinding {
  readonly group: IScheduleGroup;
  readonly role: IRole;
  readonly target: SchedulerTarget;
}

/**
 * Everything a function may be granted, for `grantNeeds` to pick from. `scheduling` is absent where
 * no schedules exist yet (the workers are made before the scheduling construct, which targets their queues).
 */
export interface AppResources {
  readonly table: ITable;
  readonly buckets: Readonly<Record<BucketId, IBucket>>;
  readonly queues: Readonly<Partial<Record<QueueId, IQueue>>>;
  readonly mail: MailBinding;
  readonly scheduling?: SchedulingBinding;
}

/** The partitions of the table's signing secrets, as an IAM `dynamodb:LeadingKeys` pattern. */
const secretPartitions = keys.secret('*').PK;

/**
 * A handler entry bundled by infra/bundling.ts. CDK runs the bundler locally (esbuild is a
 * dependency, no Docker); the image is required by the API but never pulled. The asset hash is the
 * hash of the output, so an unchanged bundle is not uploaded again. Stacks that skip bundling (the
 * `aws:cdk:bundling-stacks` context, used by tests that never look at code) skip it here too.
 */
export function bundledCode(entry: string): Code {
  return Code.fromAsset(projectRoot, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      image: DockerImage.fromRegistry('scratch'),
      // Never run (local bundling always succeeds), but part of the key CDK caches staged assets by:
      // the local bundler is a function, which that key cannot see, so without the entry here every
      // function would get the first function's bundle.
      command: ['bundle', entry],
      local: {
        tryBundle(outputDir) {
          bundleLambda(projectRoot, entry, outputDir);
          return true;
        },
      },
    },
  });
}

/**
 * Every Lambda function of the app, with the defaults chosen once: Node 22 on Graviton, an ESM
 * bundle built by esbuild with code splitting (AWS SDK v3 included, so a cold start loads a few
 * minified files instead of resolving the runtime's SDK), active tracing, and its own log group with
 * a retention (the implicit log group Lambda would create keeps logs forever).
 *
 * Configuration goes through the `bind*` helpers only: each sets the environment variable a handler
 * reads (names from functions/shared/env-names.ts) together with the IAM grant that makes it usable,
 * so a function can never receive a name it is not allowed to use, nor a permission it has no name for.
 */
export class AppFunction extends Function {
  /** The handler entry this function runs, as the route or worker table spells it. */
  readonly entry: string;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    // A sibling, not a child: the function's own constructor needs the log group.
    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.ONE_MONTH });
    super(scope, id, {
      code: bundledCode(props.entry),
      handler: lambdaHandler,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      logGroup,
      description: props.description ?? props.entry,
      environment: { ...props.environment },
    });
    this.entry = props.entry;
    Validations.of(this).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          'The AWS-managed basic execution policy only lets the function write its own CloudWatch logs.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions.',
      },
      {
        id: 'AwsSolutions-L1',
        reason:
          'Node.js 22 is a supported LTS runtime, pinned together with the esbuild target (node22) so that a runtime upgrade is one deliberate, tested change rather than drift.',
      },
    );
  }

  /**
   * Grants exactly what a function declares it needs (functions/shared/function-needs.ts), through
   * the bind helpers below, so each grant comes with its environment variable. Anything undeclared
   * gets neither: no grant and no name.
   */
  grantNeeds(needs: FunctionNeeds, resources: AppResources): this {
    if (needs.table) this.bindTable(resources.table, needs.table, { createsSecrets: needs.createsSecrets });
    else if (needs.createsSecrets) throw new Error(`${this.node.path}: createsSecrets needs table access`);
    for (const id of bucketIds) {
      const access = needs.buckets?.[id];
      if (access) this.bindBucket(id, resources.buckets[id], access);
    }
    for (const id of needs.sendsTo ?? []) {
      const queue = resources.queues[id];
      if (!queue) throw new Error(`${this.node.path}: no ${id} queue to send to`);
      this.bindQueue(id, queue);
    }
    if (needs.mail) this.bindMail(resources.mail);
    if (needs.schedules) {
      if (!resources.scheduling) throw new Error(`${this.node.path}: schedules are not available here`);
      const { group, role, target } = resources.scheduling;
      this.bindScheduler(group, role, target);
    }
    return this;
  }

  /**
   * The one table: `TABLE_NAME` plus read or read-write data access. The grant covers the table's
   * indexes (`<table>/index/*`): queries by GSI1 need it, and it reaches no other table.
   *
   * `createsSecrets` adds, to a read-only function, the one write the HTTP wrapper may make: the
   * first-ever use of a signing secret creates it (functions/adapters/dynamo/secrets.ts). The secret
   * is random and must never appear in a template or an environment, so CDK cannot create it up
   * front without a custom resource of its own; instead PutItem is allowed on the secrets'
   * partitions only (`dynamodb:LeadingKeys`), not on any organisation's data.
   */
  bindTable(
    table: ITable,
    access: TableAccess,
    options: { createsSecrets?: boolean | undefined } = {},
  ): this {
    this.addEnvironment(envNames.tableName, table.tableName);
    if (access === 'update') {
      // The table itself only (no index): an update names its item by key.
      this.addToRolePolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ['dynamodb:UpdateItem'],
          resources: [table.tableArn],
        }),
      );
      return this;
    }
    if (access === 'read') table.grantReadData(this);
    else table.grantReadWriteData(this);
    if (access === 'read' && options.createsSecrets) {
      this.addToRolePolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ['dynamodb:PutItem'],
          resources: [table.tableArn],
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [secretPartitions] } },
        }),
      );
    }
    this.acknowledgeWildcardResource(
      `${table.tableArn}/index/*`,
      'The indexes of this one table (GSI1 and any later GSI of tableDefinition), not any other table.',
    );
    return this;
  }

  /**
   * A bucket by its definition id: `BUCKET_<ID>` plus named object actions instead of the L2 grant's
   * wildcards (`s3:GetObject*`, `s3:List*`...): GetObject (also HEAD and presigned GETs), and with
   * `readWrite` PutObject (multipart uploads included), DeleteObject and AbortMultipartUpload.
   * ListBucket makes a missing key answer 404 instead of 403.
   */
  bindBucket(id: BucketId, bucket: IBucket, access: DataAccess): this {
    this.addEnvironment(envNames.bucketName(id), bucket.bucketName);
    const objects = bucket.arnForObjects('*');
    const objectActions =
      access === 'read'
        ? ['s3:GetObject']
        : ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'];
    this.addToRolePolicy(new PolicyStatement({ actions: objectActions, resources: [objects] }));
    this.addToRolePolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
    if (bucket.encryptionKey) {
      if (access === 'read') bucket.encryptionKey.grantDecrypt(this);
      else bucket.encryptionKey.grantEncryptDecrypt(this);
    }
    this.acknowledgeWildcardResource(
      objects,
      `Objects of the ${id} bucket: keys are made at run time (per organisation, job and file), so no narrower prefix is known here.`,
    );
    return this;
  }

  /** A queue by its definition id: `QUEUE_URL_<ID>` plus send only (consumers get their event source). */
  bindQueue(id: QueueId, queue: IQueue): this {
    this.addEnvironment(envNames.queueUrl(id), queue.queueUrl);
    queue.grantSendMessages(this);
    return this;
  }

  /**
   * Sending mail: `MAIL_FROM` and `SES_CONFIGURATION_SET`, and SendEmail scoped to the sender's
   * identity and the configuration set (SES authorises a send against both). In the SES sandbox SES
   * also checks the recipients' identities, so sandbox testing needs production access or a wider grant.
   */
  bindMail(mail: MailBinding): this {
    this.addEnvironment(envNames.mailFrom, mail.from);
    this.addEnvironment(envNames.sesConfigurationSet, mail.configurationSetName);
    this.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [mail.identityArn, mail.configurationSetArn],
      }),
    );
    return this;
  }

  /**
   * One-time schedules: `SCHEDULER_GROUP` and `SCHEDULER_ROLE_ARN`, create/delete/get on the group's
   * schedules only, and PassRole on the role schedules run as (and only towards the Scheduler service),
   * so a function cannot hand that role to anything else.
   */
  bindScheduler(group: IScheduleGroup, role: IRole, target: SchedulerTarget): this {
    this.addEnvironment(envNames.schedulerGroup, group.scheduleGroupName);
    this.addEnvironment(envNames.schedulerRoleArn, role.roleArn);
    this.addEnvironment(envNames.schedulerTargetArn, target.queue.queueArn);
    this.addEnvironment(envNames.schedulerDeadLetterArn, target.deadLetterQueue.queueArn);
    const schedules = Arn.format(
      { service: 'scheduler', resource: 'schedule', resourceName: `${group.scheduleGroupName}/*` },
      Stack.of(this),
    );
    this.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule', 'scheduler:GetSchedule'],
        resources: [schedules],
      }),
    );
    this.acknowledgeWildcardResource(
      schedules,
      'Schedules of this one group: their names (release-<id>) are made at run time.',
    );
    this.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['iam:PassRole'],
        resources: [role.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
    return this;
  }

  /**
   * Acknowledges cdk-nag's AwsSolutions-IAM5 finding for one wildcard resource of this function's
   * policy, with the reason next to the grant that needs it. The finding id names the resource the
   * way cdk-nag prints it: CloudFormation references flattened to `<LogicalId.Attribute>` / `<Ref>`.
   */
  private acknowledgeWildcardResource(arn: string, reason: string): void {
    const finding = flattenReference(Stack.of(this).resolve(arn));
    Validations.of(this).acknowledge({ id: `AwsSolutions-IAM5[Resource::${finding}]`, reason });
  }
}

/** A resolved CloudFormation value as one string, the way cdk-nag names resources in its findings. */
function flattenReference(value: unknown): string {
  if (typeof value === 'string') return value.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (value !== null && typeof value === 'object') {
    const node = value as Record<string, unknown>;
    if (Array.isArray(node['Fn::Join'])) {
      const [delimiter, parts] = node['Fn::Join'] as [string, unknown[]];
      return parts.map(flattenReference).join(delimiter);
    }
    if (node['Fn::Sub'] !== undefined) return flattenReference(node['Fn::Sub']);
    if (Array.isArray(node['Fn::GetAtt'])) {
      const [resource, attribute] = node['Fn::GetAtt'] as [unknown, unknown];
      return `<${flattenReference(resource)}.${flattenReference(attribute)}>`;
    }
    if (node['Fn::ImportValue'] !== undefined) return flattenReference(node['Fn::ImportValue']);
    if (node.Ref !== undefined) return `<${flattenReference(node.Ref)}>`;
  }
  return JSON.stringify(value);
}
