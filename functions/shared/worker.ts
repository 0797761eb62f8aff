import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type * as z from 'zod/mini';
import { logger } from './logger.ts';

/**
 * Builds an SQS worker: each record's body is parsed with the message schema and processed on its
 * own; a record that throws (including one that does not parse) is reported as a batch item
 * failure, so only it is retried, and after the queue's maxReceiveCount it moves to the DLQ.
 * Nothing is swallowed: `process` must be idempotent, because delivery is at-least-once.
 */
export function sqsWorker<S extends z.ZodMiniType>(
  schema: S,
  process: (message: z.output<S>, record: SQSRecord) => Promise<void>,
) {
  const processor = new BatchProcessor(EventType.SQS);
  const handleRecord = async (record: SQSRecord) => {
    let body: unknown;
    try {
      body = JSON.parse(record.body);
    } catch {
      throw new Error(`Message ${record.messageId} is not JSON`);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new Error(`Message ${record.messageId} does not match its schema: ${parsed.error.message}`);
    }
    try {
      await process(parsed.data, record);
    } catch (error) {
      logger.error('Record failed; it will be retried', {
        messageId: record.messageId,
        receiveCount: record.attributes.ApproximateReceiveCount,
        error: error as Error,
      });
      throw error;
    }
  };
  return middy<SQSEvent, SQSBatchResponse, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler((event, context) => processPartialResponse(event, handleRecord, processor, { context }));
}
