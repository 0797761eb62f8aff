import type { EmailDelivery } from '../delivery/email-status.ts';
/** Learners, their imported profiles, and teams of learners (seed 001). */
export interface ProfileResults {
  scores: { key: string; label: string; value: number }[];
  summary?: string | undefined;
}

export type ProfileFormat = 'pdf' | 'digital';

export interface ProfileSummary {
  id: string;
  product: string;
  completedAt: string;
  format: ProfileFormat;
}

export interface LearnerProfile extends ProfileSummary {
  learnerId: string;
  results: ProfileResults;
  importedAt: string;
}

export interface Learner {
  id: string;
  name: string;
  email: string;
  preferredLanguage: string;
  createdAt: string;
  /** Newest first (by completedAt). */
  profiles: ProfileSummary[];
}

export interface Team {
  id: string;
  name: string;
  createdAt: string;
}

export const newestFirst = (profiles: ProfileSummary[]): ProfileSummary[] =>
  [...profiles].sort((a, b) =>
    a.completedAt === b.completedAt ? b.id.localeCompare(a.id) : b.completedAt.localeCompare(a.completedAt),
  );

export const latestProfile = (learner: Pick<Learner, 'profiles'>): ProfileSummary | undefined =>
  newestFirst(learner.profiles)[0];

/** One profile emailed to its learner (POST …/shares): queued, then emailed by the documents worker. */
export interface ProfileShare {
  /** What became of its email (delivery tracking), once sent. */
  emailDelivery?: EmailDelivery | undefined;
  id: string;
  learnerId: string;
  profileId: string;
  delivery: 'link' | 'attachment';
  language: string;
  status: 'queued' | 'emailed';
  /** How it went out: attached, as a download link, or as a link to the digital profile. */
  channel?: 'attachment' | 'download-link' | 'digital-link' | undefined;
  requestedAt: string;
  requestedBy: string;
  emailedAt?: string | undefined;
}
