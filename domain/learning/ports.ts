import type { EmailMessage } from '../../events/email.ts';
import type { OutgoingMessage } from '../../events/message.ts';
import type { Page, PageRequest } from '../kernel.ts';
import type { Learner, LearnerProfile, ProfileShare, Team } from './model.ts';

export interface LearningStore {
  createLearner(org: string, learner: Learner, actor: string): Promise<void>;
  learner(org: string, learnerId: string): Promise<Learner | undefined>;
  learners(org: string, page: PageRequest): Promise<Page<Learner>>;
  /** Several learners at once (missing ids are left out). */
  learnersById(org: string, learnerIds: string[]): Promise<Learner[]>;
  /** Stores the profile and adds its summary to the learner, atomically; false when no such learner. */
  importProfile(org: string, profile: LearnerProfile, actor: string): Promise<boolean>;
  profile(org: string, learnerId: string, profileId: string): Promise<LearnerProfile | undefined>;
  /** Records a requested share with its audit entry and, in the outbox, the job it owes. */
  createShare(org: string, share: ProfileShare, owed: { outbox: readonly OutgoingMessage[] }): Promise<void>;
  share(org: string, shareId: string): Promise<ProfileShare | undefined>;
  /** Idempotent: a share already marked emailed keeps its first record. */
  markShareEmailed(
    org: string,
    shareId: string,
    channel: NonNullable<ProfileShare['channel']>,
    at: string,
  ): Promise<void>;

  createTeam(org: string, team: Team, actor: string): Promise<void>;
  team(org: string, teamId: string): Promise<Team | undefined>;
  teams(org: string, page: PageRequest): Promise<Page<Team>>;
  addTeamMembers(org: string, teamId: string, learnerIds: string[], actor: string, at: string): Promise<void>;
  teamMemberIds(org: string, teamId: string): Promise<string[]>;
}

/** What a profile PDF is made from, whoever owns the profile (a learner or a signed-in user). */
export type RenderableProfile = Pick<LearnerProfile, 'id' | 'product' | 'completedAt' | 'results'> & {
  includeCareerGuide?: boolean;
};

/** Where rendered documents live and how a person is handed one. */
export interface ProfileDocuments {
  /** Renders the profile PDF in `language` unless already cached; answers its storage key. */
  ensureRendered(
    org: string,
    profile: RenderableProfile,
    personName: string,
    language: string,
  ): Promise<{ key: string; bytes: number }>;
  /** A short-lived download URL for a stored document, named `filename` when saved. */
  downloadUrl(key: string, filename: string): Promise<{ url: string; expiresAt: string }>;
}

/**
 * Queues an email for the mail worker: files travel as references to stored objects, and an email
 * is sent at most once per dedupe key however often it is queued.
 */
export interface EmailQueue {
  queue(email: Omit<EmailMessage, 'v' | 'type'>): Promise<void>;
}
