import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { EmailMessage } from '../../../events/email.ts';
import type { ProfileShareMessage } from '../../../events/profile-share.ts';
import type { QueueId } from '../../../events/queues.ts';
import { sqs } from '../../shared/clients/sqs.ts';
import { envNames } from '../../shared/env-names.ts';
import { requiredEnv } from '../../shared/env.ts';

/** Sends typed messages to the project's queues (each message type belongs to one queue). */
async function send(queue: QueueId, message: unknown): Promise<void> {
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: requiredEnv(envNames.queueUrl(queue)),
      MessageBody: JSON.stringify(message),
    }),
  );
}

export const jobQueue = {
  email: (message: EmailMessage) => send('email', message),
  profileShare: (message: Omit<ProfileShareMessage, 'v' | 'type'>) =>
    send('documents', { v: 1, type: 'profile.share', ...message }),
};
