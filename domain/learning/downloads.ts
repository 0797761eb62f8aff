import type { AuditLog } from '../audit/ports.ts';
import type { Actor, Clock } from '../kernel.ts';
import { resolveLanguage } from '../documents/languages.ts';
import { NotFoundError } from '../errors.ts';
import type { InvitedProfiles } from '../invitations/profiles.ts';
import type { LearningStore, ProfileDocuments } from './ports.ts';
import { profileFileName } from './use-cases.ts';

export interface ProfileDownloadDependencies {
  learners: Pick<LearningStore, 'learner' | 'profile'>;
  invitations: Pick<InvitedProfiles, 'downloadable'>;
  documents: ProfileDocuments;
  audit: AuditLog;
  clock: Clock;
}

/**
 * Downloading a profile as PDF: rendered in the asked (or preferred) language unless already
 * cached, answered as a short-lived URL, and recorded in the audit trail as a download link issued.
 */
export function profileDownloadUseCases({
  learners,
  invitations,
  documents,
  audit,
  clock,
}: ProfileDownloadDependencies) {
  return {
    /** Any of a learner's profiles, not only the latest (team admins, seed 001). */
    async learnerProfile(actor: Actor, learnerId: string, profileId: string, language: string | undefined) {
      const { org } = actor;
      const learner = await learners.learner(org, learnerId);
      const profile = learner ? await learners.profile(org, learnerId, profileId) : undefined;
      if (!learner || !profile) throw new NotFoundError('Profile');
      const resolved = resolveLanguage(language ?? learner.preferredLanguage);
      const rendered = await documents.ensureRendered(org, profile, learner.name, resolved);
      const url = await documents.downloadUrl(
        rendered.key,
        profileFileName(learner.name, profile.completedAt, resolved),
      );
      await audit.record({
        org,
        actor: actor.userId,
        at: clock.now().toISOString(),
        action: 'profile.download',
        subject: `profile:${profileId}`,
        details: { learnerId, language: resolved, expiresAt: url.expiresAt },
      });
      return url;
    },

    /** The signed-in user's own profile, unless still withheld (403 PROFILE_WITHHELD). */
    async myProfile(userId: string, profileId: string, language: string | undefined) {
      const profile = await invitations.downloadable(userId, profileId);
      const resolved = resolveLanguage(language);
      const rendered = await documents.ensureRendered(profile.org, profile, profile.personName, resolved);
      return documents.downloadUrl(
        rendered.key,
        profileFileName(profile.personName, profile.completedAt, resolved),
      );
    },
  };
}
