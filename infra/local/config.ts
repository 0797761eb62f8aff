import { envNames } from '../../functions/shared/env-names.ts';
import { bucketIds, type BucketId } from '../../functions/adapters/s3/buckets.ts';
import { queueIds, type QueueId } from '../../events/queues.ts';

/** Ports of the local stack (api.md defaults), each overridable by an environment variable. */
export interface LocalPorts {
  api: number;
  dynamodb: number;
  s3: number;
  sqs: number;
  ses: number;
  scheduler: number;
}

export const portVariables: Record<
  keyof LocalPorts,
  { variable: string; fallback: number; service: string }
> = {
  api: { variable: 'LOCAL_API_PORT', fallback: 3000, service: 'API gateway' },
  dynamodb: { variable: 'LOCAL_DYNAMODB_PORT', fallback: 8000, service: 'DynamoDB Local' },
  s3: { variable: 'LOCAL_S3_PORT', fallback: 4569, service: 'S3 emulator (s3rver)' },
  sqs: { variable: 'LOCAL_SQS_PORT', fallback: 9324, service: 'SQS emulator (local-aws-sqs)' },
  ses: { variable: 'LOCAL_SES_PORT', fallback: 8005, service: 'SES emulator (aws-ses-v2-local)' },
  scheduler: { variable: 'LOCAL_SCHEDULER_PORT', fallback: 8010, service: 'Scheduler stand-in' },
};

export function portsFromEnvironment(env: NodeJS.ProcessEnv): LocalPorts {
  const entries = Object.entries(portVariables).map(([key, { variable, fallback }]) => {
    const raw = env[variable];
    const port = raw === undefined || raw === '' ? fallback : Number(raw);
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new Error(`${variable}=${raw} is not a port number`);
    return [key, port];
  });
  return Object.fromEntries(entries) as LocalPorts;
}

/** Resource names in the emulators (CDK lets CloudFormation name them in AWS). */
export const localNames = {
  table: 'profile-sharing',
  bucket: (id: BucketId) => `profile-sharing-${id}`,
  queue: (id: QueueId) => `profile-sharing-${id}`,
  schedulerGroup: 'profile-sharing',
  /** Sends name it (SES_CONFIGURATION_SET) so the SES event publisher makes their events, as AWS's rule does. */
  configurationSet: 'profile-sharing',
  schedulerRoleArn: 'arn:aws:iam::123456789012:role/profile-sharing-scheduler',
};

export const localRegion = 'eu-west-1';
/** s3rver checks signatures against these credentials; the other emulators accept any. */
export const localCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/**
 * Everything the handlers read, for the local stack: the SDK's own endpoint overrides plus the same
 * variables CDK's bind helpers set. No handler branches on "local": only these values differ.
 */
export function localEnvironment(
  host: string,
  ports: LocalPorts,
  queueUrl: (id: QueueId) => string,
  queueArn: (id: QueueId | `${QueueId}-dlq`) => string,
): Record<string, string> {
  const at = (port: number) => `http://${host}:${port}`;
  return {
    AWS_REGION: localRegion,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: at(ports.dynamodb),
    AWS_ENDPOINT_URL_S3: at(ports.s3),
    AWS_ENDPOINT_URL_SQS: at(ports.sqs),
    AWS_ENDPOINT_URL_SESV2: at(ports.ses),
    AWS_ENDPOINT_URL_SCHEDULER: at(ports.scheduler),
    [envNames.s3ForcePathStyle]: 'true',
    [envNames.tableName]: localNames.table,
    ...Object.fromEntries(bucketIds.map((id) => [envNames.bucketName(id), localNames.bucket(id)])),
    ...Object.fromEntries(queueIds.map((id) => [envNames.queueUrl(id), queueUrl(id)])),
    [envNames.mailFrom]: 'Profiles <no-reply@profiles.local>',
    [envNames.sesConfigurationSet]: localNames.configurationSet,
    [envNames.supportEmail]: 'help@profiles.local',
    [envNames.appUrl]: 'http://localhost:5173',
    [envNames.apiUrl]: at(ports.api),
    [envNames.schedulerGroup]: localNames.schedulerGroup,
    [envNames.schedulerRoleArn]: localNames.schedulerRoleArn,
    [envNames.schedulerTargetArn]: queueArn('release'),
    [envNames.schedulerDeadLetterArn]: queueArn('release-dlq'),
    POWERTOOLS_LOG_LEVEL: 'WARN',
  };
}
