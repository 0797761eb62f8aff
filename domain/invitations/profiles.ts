import type { Clock, PageRequest } from '../kernel.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { isWithheld, type UserProfile } from './model.ts';
import type { InvitationStore } from './ports.ts';

/**
 * A signed-in person's own profiles as they may see them: withheld ones listed with their release
 * time and not downloadable. Apart from the invitation use cases so that the download route reads
 * profiles without loading what sending invitations needs (schedules, the mail queue).
 */
export function invitedProfiles(
  store: Pick<InvitationStore, 'invitation' | 'userProfile' | 'userProfiles'>,
  clock: Clock,
) {
  async function view(profile: UserProfile) {
    const invitation = profile.invitationId
      ? await store.invitation(profile.org, profile.invitationId)
      : undefined;
    const withheld = isWithheld(profile, invitation, clock.now());
    return {
      id: profile.id,
      product: profile.product,
      includeCareerGuide: profile.includeCareerGuide,
      completedAt: profile.completedAt,
      withheld,
      ...(withheld && invitation?.releaseAt ? { releaseAt: invitation.releaseAt } : {}),
    };
  }

  return {
    view,

    async list(userId: string, page: PageRequest) {
      const found = await store.userProfiles(userId, page);
      return { items: await Promise.all(found.items.map(view)), next: found.next };
    },

    /** The profile to download, unless it is still withheld (403 PROFILE_WITHHELD). */
    async downloadable(userId: string, profileId: string): Promise<UserProfile> {
      const profile = await store.userProfile(userId, profileId);
      if (!profile) throw new NotFoundError('Profile');
      if ((await view(profile)).withheld) {
        throw new ForbiddenError(
          'PROFILE_WITHHELD',
          'Your practitioner has chosen to share these results with you later.',
        );
      }
      return profile;
    },
  };
}

export type InvitedProfiles = ReturnType<typeof invitedProfiles>;
