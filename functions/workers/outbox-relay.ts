import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import middy from '@middy/core';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { dynamoOutbox } from '../adapters/dynamo/outbox.ts';
import { sendBody } from '../adapters/sqs/job-queue.ts';
import { envNames } from '../shared/env-names.ts';
import { requiredEnv } from '../shared/env.ts';
import { logger } from '../shared/logger.ts';

const outbox = dynamoOutbox(requiredEnv(envNames.tableName));
const processor = new BatchProcessor(EventType.DynamoDBStreams);

/**
 * Relays one outbox item: sends its body to its queue, then deletes it. An item already gone was
 * relayed before (a retried batch, a replayed stream, the local start-up sweep) and is not sent
 * again. A crash between the send and the delete sends it once more on retry: at least once, and
 * every consumer is idempotent.
 */
async function relay(record: DynamoDBRecord): Promise<void> {
  const image = record.dynamodb?.NewImage;
  if (!image) throw new Error(`Stream record ${record.eventID} has no new image`);
  const item = outbox.itemOf(unmarshall(image as Record<string, AttributeValue>));
  if (!(await outbox.pending(item.id))) return;
  await sendBody(item.queue, item.body);
  await outbox.delete(item.id);
}

/**
 * The outbox relay: invoked by the table's stream for new outbox items (table.ts
 * `outboxStreamRecords`). A record that fails is reported by its sequence number, so the stream
 * resumes from it and the records before it are not relayed again.
 */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse, Error, Context>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler((event, context) =>
    processPartialResponse(
      event,
      async (record: DynamoDBRecord) => {
        try {
          await relay(record);
        } catch (error) {
          logger.error('Outbox record failed; it will be retried', {
            eventId: record.eventID,
            error: error as Error,
          });
          throw error;
        }
      },
      processor,
      { context },
    ),
  );
