import { emailTags, type EmailSubject } from '../../events/email-subject.ts';
import { maxAttachmentBytes } from '../../events/email.ts';
import { profileShareEmail, type ProfileShareDelivery } from '../documents/emails/profile-share-email.ts';
import type { Clock } from '../kernel.ts';
import type { LinkUseCases } from '../links/use-cases.ts';
import type { ProfileShare } from './model.ts';
import type { EmailQueue, LearningStore, ProfileDocuments } from './ports.ts';
import { chooseShareChannel, shareLinkKey, type ShareChannel } from './share-policy.ts';
import { profileFileName } from './use-cases.ts';

export interface ShareProfileDependencies {
  learners: Pick<LearningStore, 'learner' | 'profile' | 'markShareEmailed'>;
  documents: Pick<ProfileDocuments, 'ensureRendered'>;
  links: Pick<LinkUseCases, 'issue'>;
  emails: EmailQueue;
  clock: Clock;
  /** The web app, where a digital profile is read. */
  appUrl: string;
  /** The address a learner writes to for help, named in the email. */
  support: string;
}

/** One learner, one of their profiles, as recorded when the share was requested. */
export interface ProfileShareRequest {
  org: string;
  shareId: string;
  learnerId: string;
  profileId: string;
  delivery: ProfileShare['delivery'];
  language: string;
  /** The user who asked for the share: the download link is issued in their name. */
  requestedBy: string;
  /**
   * The record whose `email` status follows this email (delivery tracking): the share itself, or
   * for a bulk share the export's result row.
   */
  emailSubject?: EmailSubject | undefined;
}

export type ProfileShareOutcome =
  | { outcome: 'emailed'; channel: ShareChannel }
  /** The learner or the profile was deleted after the share was queued: there is nobody to email. */
  | { outcome: 'gone' };

/**
 * Emails one learner one profile: renders the PDF (unless cached), chooses how it travels, issues
 * the download link when it travels as one, queues the email and marks the share emailed. Single
 * shares (the documents worker) and bulk shares both come here, so a profile reaches a learner the
 * same way whichever asked.
 *
 * Safe to run twice, as at-least-once delivery requires: the PDF is cached, the link is issued once
 * per share (its `once` key), and the email is queued under the share's dedupe key, which the mail
 * worker sends once however often it is queued.
 */
export function shareProfile({
  learners,
  documents,
  links,
  emails,
  clock,
  appUrl,
  support,
}: ShareProfileDependencies) {
  return async (share: ProfileShareRequest): Promise<ProfileShareOutcome> => {
    const [learner, profile] = await Promise.all([
      learners.learner(share.org, share.learnerId),
      learners.profile(share.org, share.learnerId, share.profileId),
    ]);
    if (!learner || !profile) return { outcome: 'gone' };
    // What the link and the email belong to, for the audit trail and the delivery events.
    const subject = `share:${share.shareId}`;

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
    const pdf = rendered && {
      bucket: 'profiles' as const,
      key: rendered.key,
      filename: profileFileName(learner.name, profile.completedAt, share.language),
      contentType: 'application/pdf',
    };

    let delivery: ProfileShareDelivery;
    if (channel === 'digital-link') {
      delivery = { kind: 'digital', url: `${appUrl}/profiles/${encodeURIComponent(profile.id)}/digital` };
    } else if (channel === 'attachment') {
      delivery = { kind: 'attachment' };
    } else {
      const link = await links.issue({
        ...pdf!,
        org: share.org,
        recipient: learner.email,
        subject,
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

    await emails.queue({
      dedupeKey: subject,
      to: [learner.email],
      ...profileShareEmail({ name: learner.name, language: share.language, delivery, support }),
      attachments: channel === 'attachment' ? [pdf!] : [],
      tags: emailTags(share.emailSubject ?? { kind: 'profile-share', org: share.org, share: share.shareId }),
    });
    await learners.markShareEmailed(share.org, share.shareId, channel, clock.now().toISOString());
    return { outcome: 'emailed', channel };
  };
}

export type ShareProfile = ReturnType<typeof shareProfile>;
