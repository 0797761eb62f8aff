import { emailChangeOf } from '../../domain/delivery/email-status.ts';
import { emailSubjectFromTags } from '../../events/email-subject.ts';
import { sesEvent } from '../../events/ses-events.ts';
import { emailTracking } from '../adapters/dynamo/email-tracking.ts';
import { envNames } from '../shared/env-names.ts';
import { requiredEnv } from '../shared/env.ts';
import { logger } from '../shared/logger.ts';
import { sqsWorker } from '../shared/worker.ts';

const tracking = emailTracking(requiredEnv(envNames.tableName));

/**
 * Delivery tracking: one SES event (as EventBridge delivers it, in AWS; as the local stack's SES
 * event publisher makes it, locally) moves the status of the email's record forward. The email's
 * tags name the record. An event naming nothing we track, or a record that no longer exists, is
 * logged and dropped: retrying cannot make the record appear, and the DLQ is for events we failed
 * to handle, not for mail that is none of our business.
 */
export const handler = sqsWorker(sesEvent, async (event) => {
  const { mail, eventType } = event.detail;
  const context = { eventId: event.id, eventType, sesMessageId: mail.messageId };
  const subject = emailSubjectFromTags(mail.tags);
  if (!subject) {
    logger.warn('SES event for an email without our tags; dropped', context);
    return;
  }
  const outcome = await tracking.record(subject, emailChangeOf(event.detail));
  if (outcome === 'untracked')
    logger.info('SES event for an email no record tracks', { ...context, kind: subject.kind });
  else if (outcome === 'unchanged')
    logger.info('SES event changed nothing (duplicate, out of order, or record gone)', {
      ...context,
      kind: subject.kind,
    });
});
