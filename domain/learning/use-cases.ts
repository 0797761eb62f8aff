import type { Actor, Clock, IdGenerator, PageRequest } from '../kernel.ts';
import { emailView } from '../delivery/email-status.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { resolveLanguage } from '../documents/languages.ts';
import {
  latestProfile,
  type ProfileShare,
  newestFirst,
  type Learner,
  type LearnerProfile,
  type ProfileFormat,
  type ProfileResults,
  type Team,
} from './model.ts';
import { queueProfileShare } from '../../events/profile-share.ts';
import type { LearningStore } from './ports.ts';
import { shareLinkKey } from './share-policy.ts';
import { withoutBidiControls } from '../documents/safe-text.ts';

export interface LearningDependencies {
  store: LearningStore;
  /** Revokes the download link a share was emailed with (links/use-cases.ts). */
  links: { revokeIssued(once: string, by: Actor): Promise<boolean> };
  clock: Clock;
  ids: IdGenerator;
}

/**
 * A file name a person recognises: `Profile - Łukasz Żółć - 2026-03-01 (pl).pdf`, safe on every OS,
 * and showing what it is: no bidi control can make `…\u202Efdp.exe` look like an `.exe`.
 */
export function profileFileName(personName: string, completedAt: string, language: string): string {
  const safeName =
    withoutBidiControls(personName)
      .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim() || 'Profile';
  return `Profile - ${safeName} - ${completedAt.slice(0, 10)} (${language}).pdf`;
}

/** Team admins' learners, teams and single-profile download and share (seed 001). */
export function learningUseCases({ store, links, clock, ids }: LearningDependencies) {
  const now = () => clock.now().toISOString();

  async function existingLearner(org: string, learnerId: string): Promise<Learner> {
    const learner = await store.learner(org, learnerId);
    if (!learner) throw new NotFoundError('Learner');
    return learner;
  }

  async function existingProfile(org: string, learnerId: string, profileId: string) {
    const learner = await existingLearner(org, learnerId);
    const profile = await store.profile(org, learnerId, profileId);
    if (!profile) throw new NotFoundError('Profile');
    return { learner, profile };
  }

  async function existingTeam(org: string, teamId: string): Promise<Team> {
    const team = await store.team(org, teamId);
    if (!team) throw new NotFoundError('Team');
    return team;
  }

  async function existingShare(org: string, learnerId: string, profileId: string, shareId: string) {
    const share = await store.share(org, shareId);
    if (!share || share.learnerId !== learnerId || share.profileId !== profileId)
      throw new NotFoundError('Share');
    return share;
  }

  const view = (learner: Learner) => ({ ...learner, profiles: newestFirst(learner.profiles) });

  return {
    async createLearner(actor: Actor, input: { name: string; email: string; preferredLanguage: string }) {
      const learner: Learner = {
        id: ids.next(),
        ...input,
        email: input.email.toLowerCase(),
        createdAt: now(),
        profiles: [],
      };
      await store.createLearner(actor.org, learner, actor.userId);
      return view(learner);
    },

    async learners(org: string, page: PageRequest) {
      const found = await store.learners(org, page);
      return { items: found.items.map(view), next: found.next };
    },

    learner: async (org: string, learnerId: string) => view(await existingLearner(org, learnerId)),

    async importProfile(
      actor: Actor,
      learnerId: string,
      input: { product: string; completedAt: string; format: ProfileFormat; results: ProfileResults },
    ) {
      const profile: LearnerProfile = { id: ids.next(), learnerId, ...input, importedAt: now() };
      if (!(await store.importProfile(actor.org, profile, actor.userId))) throw new NotFoundError('Learner');
      return profile;
    },

    /** Queues an email to the learner with that profile; the worker renders, links or attaches. */
    async share(
      actor: Actor,
      learnerId: string,
      profileId: string,
      input: { delivery: 'link' | 'attachment'; language?: string | undefined },
    ) {
      const { org } = actor;
      const { learner } = await existingProfile(org, learnerId, profileId);
      const share: ProfileShare = {
        id: ids.next(),
        learnerId,
        profileId,
        delivery: input.delivery,
        language: resolveLanguage(input.language ?? learner.preferredLanguage),
        status: 'queued',
        requestedAt: now(),
        requestedBy: actor.userId,
      };
      // The job is recorded with the share (outbox): a share is never left `queued` with no job.
      const job = queueProfileShare({
        shareId: share.id,
        org,
        learnerId,
        profileId,
        delivery: share.delivery,
        language: share.language,
        requestedBy: actor.userId,
      });
      await store.createShare(org, share, { outbox: [job] });
      return share;
    },

    /** A share as its sender follows it: queued or emailed, and what became of the email. */
    async shareStatus(org: string, learnerId: string, profileId: string, shareId: string) {
      const { emailDelivery, ...share } = await existingShare(org, learnerId, profileId, shareId);
      const email = emailView(emailDelivery);
      return { ...share, ...(email ? { email } : {}) };
    },

    /**
     * Withdraws a share that went out as a download link: the link answers 410 LINK_REVOKED from the
     * next click. An attachment or a link to the digital profile cannot be taken back, and a share
     * still queued has no link yet (409 SHARE_NOT_REVOCABLE says which).
     */
    async revokeShare(actor: Actor, learnerId: string, profileId: string, shareId: string) {
      const share = await existingShare(actor.org, learnerId, profileId, shareId);
      if (share.status !== 'emailed')
        throw new ConflictError(
          'SHARE_NOT_REVOCABLE',
          'This share is still being sent; try again in a minute.',
        );
      if (share.channel !== 'download-link')
        throw new ConflictError(
          'SHARE_NOT_REVOCABLE',
          share.channel === 'attachment'
            ? 'This profile was sent as an attachment, which cannot be taken back.'
            : 'This share links to the digital profile, which has no download link to revoke.',
        );
      // False only when the link record is gone: kept 30 days past its expiry, so long dead anyway.
      await links.revokeIssued(shareLinkKey(shareId), actor);
    },

    async createTeam(actor: Actor, input: { name: string }) {
      const team: Team = { id: ids.next(), name: input.name, createdAt: now() };
      await store.createTeam(actor.org, team, actor.userId);
      return team;
    },

    teams: (org: string, page: PageRequest) => store.teams(org, page),

    async addTeamMembers(actor: Actor, teamId: string, learnerIds: string[]) {
      const { org } = actor;
      await existingTeam(org, teamId);
      const unique = [...new Set(learnerIds)];
      const known = new Set((await store.learnersById(org, unique)).map((l) => l.id));
      const unknown = unique.filter((id) => !known.has(id));
      if (unknown.length > 0) {
        throw new ValidationError(
          'Some learners do not exist.',
          unknown.map((id) => ({ path: 'learnerIds', message: `no learner ${id}` })),
        );
      }
      await store.addTeamMembers(org, teamId, unique, actor.userId, now());
      return this.team(org, teamId);
    },

    async team(org: string, teamId: string) {
      const team = await existingTeam(org, teamId);
      const members = await store.learnersById(org, await store.teamMemberIds(org, teamId));
      return {
        ...team,
        members: members
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((learner) => {
            const latest = latestProfile(learner);
            return {
              learner: view(learner),
              latestProfile: latest
                ? {
                    id: latest.id,
                    completedAt: latest.completedAt,
                    format: latest.format,
                    product: latest.product,
                  }
                : null,
            };
          }),
      };
    },
  };
}

export type LearningUseCases = ReturnType<typeof learningUseCases>;
