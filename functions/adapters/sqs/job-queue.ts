import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { OutgoingMessage } from '../../../events/message.ts';
import type { QueueId } from '../../../events/queues.ts';
import { sqs } from '../../shared/clients/sqs.ts';
import { envNames } from '../../shared/env-names.ts';
import { requiredEnv } from '../../shared/env.ts';

/**
 * Sends to the project's queues. Request paths never come here: what a request accepts is recorded
 * in the outbox with its work (functions/adapters/dynamo/outbox.ts) and relayed. Workers, which are
 * retried until their work is done, send what they owe directly.
 */
export const jobQueue = {
  /** A message built (and checked) by its producer in events/. */
  send: (message: OutgoingMessage) => sendBody(message.queue, JSON.stringify(message.body)),
};

/** A body as recorded (the outbox relay sends what the producer checked when it was recorded). */
export async function sendBody(queue: QueueId, body: string): Promise<void> {
  await sqs.send(
    new SendMessageCommand({ QueueUrl: requiredEnv(envNames.queueUrl(queue)), MessageBody: body }),
  );
}
