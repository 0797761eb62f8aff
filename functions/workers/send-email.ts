import { emailMessage } from '../../events/email.ts';
import type { FileStore } from '../adapters/s3/file-store.ts';
import { sentChange } from '../../domain/delivery/email-status.ts';
import { emailSubjectFromTags } from '../../events/email-subject.ts';
import { emailTracking } from '../adapters/dynamo/email-tracking.ts';
import { sentEmails } from '../adapters/dynamo/sent-emails.ts';
import { sesMailer } from '../adapters/ses/mailer.ts';
import { envNames } from '../shared/env-names.ts';
import { optionalEnv, requiredEnv } from '../shared/env.ts';
import { logger } from '../shared/logger.ts';
import { systemClock } from '../shared/runtime.ts';
import { sqsWorker } from '../shared/worker.ts';

/**
 * Attachments are read from S3, which most emails never need: the S3 client is loaded with the first
 * attachment instead of on every cold start (it is a separate chunk of the bundle, infra/bundling.ts).
 */
let files: Promise<FileStore> | undefined;
const attachmentFiles = () =>
  (files ??= import('../adapters/s3/file-store.ts').then(
    (module) => module.fileStore(),
    (error: unknown) => {
      files = undefined; // a chunk that failed to load is tried again by the next attachment
      throw error;
    },
  ));
const emails = sentEmails(requiredEnv(envNames.tableName));
const tracking = emailTracking(requiredEnv(envNames.tableName));
const mailer = sesMailer(optionalEnv(envNames.sesConfigurationSet));
const from = requiredEnv(envNames.mailFrom);

/**
 * Sends one email per message, at most once per `dedupeKey` however often the message arrives, and
 * marks the record it belongs to (its tags) `sent` with SES's message id. The mark comes after the
 * send and is safe to repeat: a worker that dies in between leaves the message to be redelivered,
 * which finds the email sent and marks it then (without the id, which only the first send learned;
 * SES's own events bring it too).
 */
export const handler = sqsWorker(emailMessage, async (message) => {
  let messageId: string | undefined;
  const outcome = await emails.sendOnce(message.dedupeKey, async () => {
    const attachments = await Promise.all(
      message.attachments.map(async (a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: await (await attachmentFiles()).read(a.bucket, a.key),
      })),
    );
    messageId = (await mailer.send({ ...message, from, attachments })).messageId;
    return messageId;
  });
  if (outcome === 'already-sent') {
    logger.info('Email already sent; redelivery ignored', { dedupeKey: message.dedupeKey });
  }
  const subject = emailSubjectFromTags(message.tags);
  if (subject)
    await tracking.record(subject, sentChange(systemClock.now().toISOString(), messageId || undefined));
});
