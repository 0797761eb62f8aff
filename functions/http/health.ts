import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { GetScheduleGroupCommand } from '@aws-sdk/client-scheduler';
import { GetAccountCommand } from '@aws-sdk/client-sesv2';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { queueIds } from '../../events/queues.ts';
import { bucketIds } from '../adapters/s3/buckets.ts';
import { dynamo } from '../shared/clients/dynamo.ts';
import { s3 } from '../shared/clients/s3.ts';
import { scheduler } from '../shared/clients/scheduler.ts';
import { ses } from '../shared/clients/ses.ts';
import { sqs } from '../shared/clients/sqs.ts';
import { envNames } from '../shared/env-names.ts';
import { requiredEnv } from '../shared/env.ts';
import { httpHandler } from '../shared/http/handler.ts';
import { metaRoutes } from './routes/meta.ts';
import { errorResult, ok } from '../shared/http/responses.ts';

/**
 * Local-stack health: asks every service, through the same SDK clients the handlers use, for the
 * resources the handlers need. 200 only when all of them answer; otherwise 503 naming the laggards.
 */
const checks: Record<string, () => Promise<unknown>> = {
  dynamodb: () => dynamo.send(new DescribeTableCommand({ TableName: requiredEnv(envNames.tableName) })),
  s3: () =>
    Promise.all(
      bucketIds.map((id) => s3.send(new HeadBucketCommand({ Bucket: requiredEnv(envNames.bucketName(id)) }))),
    ),
  sqs: () =>
    Promise.all(
      queueIds.map((id) =>
        sqs.send(
          new GetQueueAttributesCommand({
            QueueUrl: requiredEnv(envNames.queueUrl(id)),
            AttributeNames: ['All'],
          }),
        ),
      ),
    ),
  ses: () => ses.send(new GetAccountCommand({})),
  scheduler: () =>
    scheduler.send(new GetScheduleGroupCommand({ Name: requiredEnv(envNames.schedulerGroup) })),
};

export const handler = httpHandler(metaRoutes, {
  'GET /v1/health': async ({ requestId }) => {
    const outcomes = await Promise.all(
      Object.entries(checks).map(async ([service, check]) => {
        try {
          await check();
          return undefined;
        } catch (error) {
          return { path: service, message: `not answering (${(error as Error).name})` };
        }
      }),
    );
    const down = outcomes.filter((o) => o !== undefined);
    if (down.length === 0) return ok({ status: 'ok' });
    return errorResult(
      503,
      'SERVICE_UNAVAILABLE',
      'Some local services are not answering yet.',
      requestId,
      down,
    );
  },
});
