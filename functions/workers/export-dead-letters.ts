import * as z from 'zod/mini';
import { exportDeadLetters } from '../../domain/exports/dead-letters.ts';
import { deadExportMessage } from '../../events/profile-export.ts';
import { dynamoExportStore } from '../adapters/dynamo/export-store.ts';
import { dynamoLearningStore } from '../adapters/dynamo/learning-store.ts';
import { envNames } from '../shared/env-names.ts';
import { requiredEnv } from '../shared/env.ts';
import { logger } from '../shared/logger.ts';
import { systemClock } from '../shared/runtime.ts';
import { sqsWorker } from '../shared/worker.ts';

const tableName = requiredEnv(envNames.tableName);
const deadLetters = exportDeadLetters({
  store: dynamoExportStore(tableName),
  learners: dynamoLearningStore(tableName),
  clock: systemClock,
});

/**
 * The worker on the exports and packaging DLQs (functions/workers/workers.ts `deadLetterWorkers`):
 * gives up on what each dead message owed so its job ends (domain/exports/dead-letters.ts). It only
 * writes the table; what follows (packaging, the summary) goes out through the outbox as usual. A
 * failure here is retried like any delivery, which the conditional writes make harmless.
 *
 * A JSON body that is no export step cannot name a job: it is logged whole and dropped rather than
 * received again and again until the DLQ's retention ends (its arrival has already raised the DLQ's
 * alarm, infra/constructs/observability.ts).
 */
export const handler = sqsWorker(z.unknown(), async (body, record) => {
  const message = deadExportMessage.safeParse(body);
  if (!message.success) {
    logger.error('A dead message that is no export step was dropped', {
      messageId: record.messageId,
      queue: record.eventSourceARN,
      body: record.body,
    });
    return;
  }
  const outcome = await deadLetters.giveUp(message.data);
  logger.warn('Gave up on a dead export message', {
    messageId: record.messageId,
    type: message.data.type,
    jobId: message.data.jobId,
    ...outcome,
  });
});
