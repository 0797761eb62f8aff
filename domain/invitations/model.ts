import type { ProfileResults } from '../learning/model.ts';
import type { CountedProduct } from '../products.ts';

/** A practitioner's invitation of one person by email (seed 000, second half). */
export interface Invitation {
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
  status: 'sent' | 'accepted' | 'revoked';
  sentAt: string;
  sentBy: string;
  sentByName?: string | undefined;
  acceptedAt?: string | undefined;
  acceptedBy?: string | undefined;
  assignmentId?: string | undefined;
  profileId?: string | undefined;
  releasedAt?: string | undefined;
  revokedAt?: string | undefined;
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
