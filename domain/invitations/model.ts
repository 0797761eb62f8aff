import type { EmailDelivery } from '../delivery/email-status.ts';
import type { ProfileResults } from '../learning/model.ts';
import type { DocumentLanguage } from '../documents/languages.ts';
import type { CountedProduct } from '../products.ts';

/** A practitioner's invitation of one person by email (seed 000, second half). */
export interface Invitation {
  /** What became of its email (delivery tracking), once sent. */
  emailDelivery?: EmailDelivery | undefined;
  id: string;
  org: string;
  email: string;
  product: CountedProduct;
  includeCareerGuide: boolean;
  groupIds: string[];
  withhold: boolean;
  /** When a withheld profile is released: 30 days after sending. */
  releaseAt?: string | undefined;
  message?: string | undefined;
  /** The invitee's language for reminders (the first email is the inviter's, in English). */
  language?: DocumentLanguage | undefined;
  status: 'sent' | 'accepted' | 'revoked' | 'expired';
  sentAt: string;
  sentBy: string;
  sentByName?: string | undefined;
  acceptedAt?: string | undefined;
  acceptedBy?: string | undefined;
  assignmentId?: string | undefined;
  profileId?: string | undefined;
  releasedAt?: string | undefined;
  revokedAt?: string | undefined;
  /** `expiresInDays` after sending: no longer acceptable, its use back in the balance. */
  expiresAt?: string | undefined;
  expiredAt?: string | undefined;
  /** Scheduled (`remindAfterDays`) and manual reminders, in the order they were made. */
  reminders?: Reminder[] | undefined;
  /** The last email the invitee got about it (the invitation or a reminder): at most one a day. */
  lastEmailedAt?: string | undefined;
}

export interface Reminder {
  /** The day after sending it is scheduled for; absent on a manual reminder. */
  day?: number | undefined;
  at: string;
  status: 'scheduled' | 'sent' | 'cancelled';
}

/** A profile a signed-in user completed (through an invitation or a code). */
export interface UserProfile {
  id: string;
  userId: string;
  org: string;
  assignmentId: string;
  invitationId?: string | undefined;
  product: CountedProduct;
  includeCareerGuide: boolean;
  personName: string;
  completedAt: string;
  results: ProfileResults;
  withhold: boolean;
}

export const withholdDays = 30;

export const releaseTime = (sentAt: string): string =>
  new Date(Date.parse(sentAt) + withholdDays * 24 * 60 * 60 * 1000).toISOString();

/**
 * Withheld until released: by its schedule, early by the practitioner, or in any case once its
 * release time has passed, so a schedule that never delivers (its retries and DLQ exhausted) cannot
 * hide a profile for longer than promised. The release worker still records the release and emails
 * the invitee when its message comes.
 */
export const isWithheld = (
  profile: Pick<UserProfile, 'withhold'>,
  invitation: Pick<Invitation, 'releasedAt' | 'releaseAt'> | undefined,
  now: Date,
): boolean =>
  profile.withhold &&
  !invitation?.releasedAt &&
  !(invitation?.releaseAt !== undefined && Date.parse(invitation.releaseAt) <= now.getTime());

const dayMs = 24 * 60 * 60 * 1000;
export const daysAfter = (from: string, days: number): string =>
  new Date(Date.parse(from) + days * dayMs).toISOString();

/** At most one email per person per 24 h: when the next reminder may go, or undefined if now. */
export const nextReminderAllowedAt = (
  invitation: Pick<Invitation, 'lastEmailedAt' | 'sentAt'>,
  now: Date,
): string | undefined => {
  const next = Date.parse(invitation.lastEmailedAt ?? invitation.sentAt) + dayMs;
  return next > now.getTime() ? new Date(next).toISOString() : undefined;
};

/** Past its expiry time an invitation cannot be accepted, even before its schedule has fired. */
export const isExpired = (invitation: Pick<Invitation, 'status' | 'expiresAt'>, now: Date): boolean =>
  invitation.status === 'expired' ||
  (invitation.expiresAt !== undefined && Date.parse(invitation.expiresAt) <= now.getTime());

/**
 * The reminders as the practitioner sees them: one still scheduled on an invitation that was
 * accepted, revoked or expired is cancelled (its schedule is deleted, or finds nothing to do).
 */
export const reminderView = (invitation: Pick<Invitation, 'status' | 'reminders'>) =>
  (invitation.reminders ?? []).map((reminder) => ({
    at: reminder.at,
    status:
      reminder.status === 'scheduled' && invitation.status !== 'sent'
        ? ('cancelled' as const)
        : reminder.status,
  }));
