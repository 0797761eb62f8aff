import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { queueIds, type QueueId } from '../../events/queues.ts';
import { keys } from '../../functions/adapters/dynamo/keys.ts';
import { bucketIds, type BucketId } from '../../functions/adapters/s3/buckets.ts';
import { httpNeeds } from '../../functions/http/needs.ts';
import { routes } from '../../functions/http/routes.ts';
import type { RouteSpec } from '../../functions/http/route-definition.ts';
import { envNames } from '../../functions/shared/env-names.ts';
import type { FunctionNeeds } from '../../functions/shared/function-needs.ts';
import { deadLetterWorkers, workers } from '../../functions/workers/workers.ts';
import { AppFunction } from '../../infra/constructs/app-function.ts';
import { deadLetterWorkerNeeds, workerNeeds } from '../../infra/constructs/workers.ts';
import { ProfileSharingStack } from '../../infra/stack.ts';

/**
 * Least privilege, function by function: each Lambda may do exactly what its family declares beside
 * its routes (functions/http/routes/*.ts, gathered in functions/http/needs.ts) or what its worker
 * declares (infra/constructs/workers.ts), read back from the synthesised IAM policies, and its
 * environment names exactly the resources it is granted. Policies do not depend on code, so the
 * stack is synthesised without bundling.
 */

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

const toArray = <T>(value: T | readonly T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? [...(value as T[])] : [value as T];

const logicalId = (construct: IConstruct): string =>
  Stack.of(construct).resolve((construct.node.defaultChild as CfnElement).logicalId) as string;

/** Actions that only read the table (DescribeTable included: the SDK's document client may use it). */
const tableReads = new Set([
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:GetItem',
  'dynamodb:Scan',
  'dynamodb:ConditionCheckItem',
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
  'dynamodb:DescribeTable',
]);
const tableWrites = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];
const bucketReads = ['s3:GetObject', 's3:ListBucket'];
const bucketWrites = ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'];
const queueConsuming = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility'];

/** What one function's role is allowed, sorted by the resource it is allowed on. */
interface Granted {
  table: { action: string; condition?: Statement['Condition'] }[];
  /** DynamoDB actions on anything but the table (a stream's, say). */
  otherDynamo: string[];
  buckets: Record<BucketId, string[]>;
  queues: Record<QueueId, string[]>;
  /** SQS actions on each queue's DLQ (only dead-letter workers consume one). */
  deadLetterQueues: Record<QueueId, string[]>;
  ses: string[];
  scheduler: string[];
  passRole: string[];
  environment: string[];
}

describe('least privilege per function', { timeout: 120_000 }, () => {
  let stack: ProfileSharingStack;
  let template: Template;
  let granted: (fn: AppFunction) => Granted;

  beforeAll(() => {
    const app = new App({
      builtinCloudFormationValidation: false,
      context: { 'aws:cdk:bundling-stacks': [] },
    });
    stack = new ProfileSharingStack(app, 'ProfileSharing');
    template = Template.fromStack(stack);
    const policies = Object.values(template.findResources('AWS::IAM::Policy'));
    const functions = template.findResources('AWS::Lambda::Function');
    const ids = {
      table: logicalId(stack.data.table),
      buckets: Object.fromEntries(bucketIds.map((id) => [id, logicalId(stack.data.buckets[id])])),
      queues: Object.fromEntries(queueIds.map((id) => [id, logicalId(stack.workers.queues[id])])),
      deadLetterQueues: Object.fromEntries(
        queueIds.map((id) => [id, logicalId(stack.workers.deadLetterQueues[id])]),
      ),
      schedulerRole: logicalId(stack.scheduling.role),
    };
    /** Whether a (CloudFormation) resource value refers to the resource of this logical id. */
    const names = (resource: unknown, id: string) => JSON.stringify(resource).includes(`"${id}"`);

    granted = (fn) => {
      const role = logicalId(fn.role!);
      const statements = policies
        .filter((policy) => toArray(policy.Properties.Roles).some((r: any) => r.Ref === role))
        .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[])
        .filter((statement) => statement.Effect === 'Allow');
      const result: Granted = {
        table: [],
        otherDynamo: [],
        buckets: { profiles: [], exports: [] },
        queues: Object.fromEntries(queueIds.map((id) => [id, []])) as unknown as Granted['queues'],
        deadLetterQueues: Object.fromEntries(queueIds.map((id) => [id, []])) as unknown as Granted['queues'],
        ses: [],
        scheduler: [],
        passRole: [],
        environment: Object.keys(functions[logicalId(fn)]!.Properties.Environment?.Variables ?? {}),
      };
      for (const statement of statements) {
        for (const action of toArray(statement.Action)) {
          const resources = toArray(statement.Resource);
          if (action.startsWith('dynamodb:')) {
            if (resources.every((r) => names(r, ids.table))) {
              result.table.push({
                action,
                ...(statement.Condition ? { condition: statement.Condition } : {}),
              });
            } else result.otherDynamo.push(action);
          } else if (action.startsWith('s3:')) {
            for (const id of bucketIds)
              if (resources.some((r) => names(r, ids.buckets[id]!))) result.buckets[id].push(action);
          } else if (action.startsWith('sqs:')) {
            for (const id of queueIds) {
              if (resources.some((r) => names(r, ids.queues[id]!))) result.queues[id].push(action);
              if (resources.some((r) => names(r, ids.deadLetterQueues[id]!)))
                result.deadLetterQueues[id].push(action);
            }
          } else if (action.startsWith('ses:')) result.ses.push(action);
          else if (action.startsWith('scheduler:')) result.scheduler.push(action);
          else if (action === 'iam:PassRole') {
            expect(resources.every((r) => names(r, ids.schedulerRole))).toBe(true);
            result.passRole.push(action);
          }
        }
      }
      return result;
    };
  });

  const httpFunction = (entry: string) => {
    const fn = stack.api.functions.find((f) => f.entry === entry);
    if (!fn) throw new Error(`No HTTP function runs ${entry}`);
    return fn;
  };
  /** Every function of the stack, whichever construct made it (a function added later is included). */
  const allFunctions = () =>
    stack.node.findAll().filter((construct): construct is AppFunction => construct instanceof AppFunction);
  const deployedEntries = [
    ...new Set(routes.filter((route: RouteSpec) => route.localOnly !== true).map((route) => route.entry)),
  ];

  /** Everything a function's role and environment must show for its declared needs, and nothing else. */
  function expectExactly(
    fn: AppFunction,
    needs: FunctionNeeds,
    consumes?: QueueId,
    consumesDeadLettersOf: readonly QueueId[] = [],
  ) {
    const got = granted(fn);
    const tableActions = got.table.map((grant) => grant.action);
    expect(got.otherDynamo, 'DynamoDB beyond the table').toEqual([]);
    if (!needs.table) expect(tableActions, 'table').toEqual([]);
    if (needs.table === 'readWrite')
      expect(tableActions).toEqual(expect.arrayContaining([...tableWrites, 'dynamodb:Query']));
    // Updates only: no read, no put, no delete, and not through an index.
    if (needs.table === 'update') expect(tableActions).toEqual(['dynamodb:UpdateItem']);
    if (needs.table === 'read') {
      expect(tableActions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
      const writes = got.table.filter((grant) => !tableReads.has(grant.action));
      // The one write a read-only function may have: creating a signing secret, on its own partitions.
      expect(writes.map((grant) => grant.action)).toEqual(needs.createsSecrets ? ['dynamodb:PutItem'] : []);
      for (const write of writes) {
        expect(write.condition).toEqual({
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [keys.secret('*').PK] },
        });
      }
    }
    for (const id of bucketIds) {
      const access = needs.buckets?.[id];
      const actions = got.buckets[id];
      if (!access) expect(actions, `bucket ${id}`).toEqual([]);
      else
        expect(actions.filter((a) => !bucketReads.includes(a)).sort(), `bucket ${id}`).toEqual(
          access === 'readWrite' ? [...bucketWrites].sort() : [],
        );
      if (access) expect(actions).toEqual(expect.arrayContaining(bucketReads));
    }
    for (const id of queueIds) {
      const sends = got.queues[id].filter((action) => action === 'sqs:SendMessage');
      expect(sends.length > 0, `sends to ${id}`).toBe(needs.sendsTo?.includes(id) ?? false);
      const consuming = got.queues[id].filter((action) => queueConsuming.includes(action));
      expect(consuming.length > 0, `consumes ${id}`).toBe(id === consumes);
      // A DLQ: consumed (and nothing else) by its dead-letter worker only.
      const onDeadLetters = got.deadLetterQueues[id];
      expect(
        onDeadLetters.some((action) => queueConsuming.includes(action)),
        `consumes ${id}'s DLQ`,
      ).toBe(consumesDeadLettersOf.includes(id));
      expect(
        onDeadLetters.filter(
          (action) =>
            !queueConsuming.includes(action) &&
            action !== 'sqs:GetQueueAttributes' &&
            action !== 'sqs:GetQueueUrl',
        ),
        `${id}'s DLQ`,
      ).toEqual([]);
    }
    expect(got.ses.length > 0, 'mail').toBe(needs.mail ?? false);
    expect(got.scheduler.length > 0, 'schedules').toBe(needs.schedules ?? false);
    expect(got.passRole.length > 0, 'passes a role').toBe(needs.schedules ?? false);

    // Its environment names exactly what it may use.
    const named = (name: string) => got.environment.includes(name);
    expect(named(envNames.tableName), envNames.tableName).toBe(needs.table !== undefined);
    for (const id of bucketIds)
      expect(named(envNames.bucketName(id)), id).toBe(needs.buckets?.[id] !== undefined);
    for (const id of queueIds)
      expect(named(envNames.queueUrl(id)), id).toBe(needs.sendsTo?.includes(id) ?? false);
    for (const name of [envNames.mailFrom, envNames.sesConfigurationSet])
      expect(named(name), name).toBe(needs.mail ?? false);
    for (const name of [
      envNames.schedulerGroup,
      envNames.schedulerRoleArn,
      envNames.schedulerTargetArn,
      envNames.schedulerDeadLetterArn,
    ]) {
      expect(named(name), name).toBe(needs.schedules ?? false);
    }
  }

  it('has a declaration for every deployed HTTP entry, and none for an entry that is not deployed', () => {
    expect(Object.keys(httpNeeds).sort()).toEqual([...deployedEntries].sort());
    expect(stack.api.functions.map((fn) => fn.entry).sort()).toEqual([...deployedEntries].sort());
  });

  it.each(deployedEntries)(
    'grants %s exactly what its family declares, and names exactly that in its environment',
    (entry) => {
      expectExactly(httpFunction(entry), httpNeeds[entry]!);
    },
  );

  it.each(workers.map((worker) => [worker.entry, worker] as const))(
    'grants the worker %s its own queue to consume and exactly what it declares',
    (_entry, worker) => {
      const fn = stack.workers.functions.find((f) => f.entry === worker.entry)!;
      expectExactly(fn, workerNeeds[worker.queue], worker.queue);
    },
  );

  it.each(deadLetterWorkers.map((worker) => [worker.entry, worker] as const))(
    'grants the dead-letter worker %s the DLQs it gives up on to consume, no queue, and exactly what it declares',
    (_entry, worker) => {
      const fn = stack.workers.functions.find((f) => f.entry === worker.entry)!;
      expectExactly(fn, deadLetterWorkerNeeds[worker.entry], undefined, worker.deadLettersOf);
    },
  );

  it('lets the OpenAPI function (which also answers unknown paths) touch no data, send nothing and pass no role', () => {
    const got = granted(httpFunction('functions/http/openapi.ts'));
    expect(got.table).toEqual([]);
    expect(Object.values(got.buckets).flat()).toEqual([]);
    expect(Object.values(got.queues).flat()).toEqual([]);
    expect([...got.ses, ...got.scheduler, ...got.passRole]).toEqual([]);
  });

  it('lets the links function only read files, send no mail, queue nothing and pass no role', () => {
    const got = granted(httpFunction('functions/http/links.ts'));
    for (const id of bucketIds)
      expect(got.buckets[id].filter((action) => bucketWrites.includes(action))).toEqual([]);
    expect(Object.values(got.queues).flat()).toEqual([]);
    expect([...got.ses, ...got.scheduler, ...got.passRole]).toEqual([]);
  });

  it('lets only the invitations and transfers functions touch schedules or pass the scheduler role', () => {
    const scheduling = allFunctions().filter((fn) => {
      const got = granted(fn);
      return got.scheduler.length > 0 || got.passRole.length > 0;
    });
    expect(allFunctions().length).toBeGreaterThan(
      stack.api.functions.length + stack.workers.functions.length,
    );
    expect(scheduling.map((fn) => fn.entry).sort()).toEqual([
      'functions/http/invitations.ts',
      'functions/http/transfers.ts',
    ]);
  });

  it('lets no HTTP function send mail itself: emails go through the email queue', () => {
    for (const fn of stack.api.functions) expect(granted(fn).ses, fn.entry).toEqual([]);
  });

  it('lets the read-only audit trail write nothing but a new signing secret, which the cursor secret is', () => {
    const writes = granted(httpFunction('functions/http/audit.ts')).table.filter(
      (grant) => !tableReads.has(grant.action),
    );
    expect(writes.map((grant) => grant.action)).toEqual(['dynamodb:PutItem']);
    const [pattern] = writes[0]!.condition!['ForAllValues:StringLike']!['dynamodb:LeadingKeys'] as string[];
    const glob = new RegExp(`^${pattern!.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    expect(keys.secret('cursor').PK).toMatch(glob);
    for (const other of [keys.org('o1'), keys.auditPartition('o1'), keys.idempotency('o1', 'u1', 'k').PK]) {
      expect(other).not.toMatch(glob);
    }
  });

  it('lets every function serving an idempotent route write the table (the wrapper records answers there)', () => {
    const idempotent = new Set(
      routes.filter((route: RouteSpec) => route.idempotent === true).map((route) => route.entry),
    );
    for (const entry of idempotent) expect(httpNeeds[entry]?.table, entry).toBe('readWrite');
  });
});
