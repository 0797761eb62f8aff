import {
  profileShareEmail,
  type ProfileShareDelivery,
} from '../../domain/documents/emails/profile-share-email.ts';
import { chooseShareChannel, shareLinkKey } from '../../domain/learning/share-policy.ts';
import { profileFileName } from '../../domain/learning/use-cases.ts';
import { profileShareMessage } from '../../events/profile-share.ts';
import { maxAttachmentBytes, type EmailMessage } from '../../events/email.ts';
import { dynamoLearningStore } from '../adapters/dynamo/learning-store.ts';

import { s3ProfileDocuments } from '../adapters/s3/profile-documents.ts';
import { jobQueue } from '../adapters/sqs/job-queue.ts';
import { envNames } from '../shared/env-names.ts';
import { requiredEnv, supportEmail } from '../shared/env.ts';
import { logger } from '../shared/logger.ts';
import { sqsWorker } from '../shared/worker.ts';
import { linkWiring } from '../shared/wiring/links.ts';

const learners = dynamoLearningStore(requiredEnv(envNames.tableName));
const documents = s3ProfileDocuments();
const links = linkWiring();
const appUrl = requiredEnv(envNames.appUrl);

/**
 * Emails one learner one profile. Safe to run twice: the PDF is cached, and the email is queued
 * under the share's id as its dedupe key, so the mail worker sends it once however often we get here.
 */
export const handler = sqsWorker(profileShareMessage, async (share) => {
  const [learner, profile] = await Promise.all([
    learners.learner(share.org, share.learnerId),
    learners.profile(share.org, share.learnerId, share.profileId),
  ]);
  if (!learner || !profile) {
    logger.warn('Learner or profile no longer exists; nothing to share', { shareId: share.shareId });
    return;
  }
  const rendered =
    profile.format === 'pdf'
      ? await documents.ensureRendered(share.org, profile, learner.name, share.language)
      : undefined;
  const channel = chooseShareChannel({
    format: profile.format,
    requested: share.delivery,
    pdfBytes: rendered?.bytes,
    attachmentLimitBytes: maxAttachmentBytes,
  });
  const filename = profileFileName(learner.name, profile.completedAt, share.language);
  let delivery: ProfileShareDelivery;
  const attachments: NonNullable<EmailMessage['attachments']> = [];
  if (channel === 'digital-link') {
    delivery = { kind: 'digital', url: `${appUrl}/profiles/${encodeURIComponent(profile.id)}/digital` };
  } else if (channel === 'attachment') {
    delivery = { kind: 'attachment' };
    attachments.push({ filename, contentType: 'application/pdf', bucket: 'profiles', key: rendered!.key });
  } else {
    const link = await links.issue({
      bucket: 'profiles',
      key: rendered!.key,
      filename,
      contentType: 'application/pdf',
      org: share.org,
      recipient: learner.email,
      subject: `share:${share.shareId}`,
      issuedBy: share.requestedBy,
      once: shareLinkKey(share.shareId),
    });
    delivery = {
      kind: 'link',
      url: link.url,
      expiresAt: link.expiresAt,
      fellBackFromAttachment: share.delivery === 'attachment',
    };
  }
  const email = profileShareEmail({
    name: learner.name,
    language: share.language,
    delivery,
    support: supportEmail(),
  });
  await jobQueue.email({
    v: 1,
    type: 'email.send',
    dedupeKey: `share:${share.shareId}`,
    to: [learner.email],
    ...email,
    attachments,
    tags: { share: share.shareId },
  });
  await learners.markShareEmailed(share.org, share.shareId, channel, new Date().toISOString());
});
