import { describe, expect, it } from 'vitest';
import type { Invitation, UserProfile } from '../../domain/invitations/model.ts';
import { invitedProfiles } from '../../domain/invitations/profiles.ts';

/** A withheld profile as its invitee sees it, at different moments around its release time. */
const releaseAt = '2026-12-23T10:00:00.000Z';
const profile: UserProfile = {
  id: 'p1',
  userId: 'ivy',
  org: 'o',
  assignmentId: 'a1',
  invitationId: 'i1',
  product: 'expert',
  includeCareerGuide: false,
  personName: 'Ivy',
  completedAt: '2026-11-24T09:00:00.000Z',
  results: { scores: [] },
  withhold: true,
};

function profilesAt(now: string, invitation: Partial<Invitation>) {
  const store = {
    invitation: async () => ({ id: 'i1', releaseAt, ...invitation }) as Invitation,
    userProfile: async () => profile,
    userProfiles: async () => ({ items: [profile] }),
  };
  return invitedProfiles(store, { now: () => new Date(now) });
}

describe('a withheld profile', () => {
  it('is hidden before its release time: listed as withheld, download refused', async () => {
    const profiles = profilesAt('2026-12-23T09:59:59.000Z', {});
    expect(await profiles.view(profile)).toMatchObject({ withheld: true, releaseAt });
    await expect(profiles.downloadable('ivy', 'p1')).rejects.toMatchObject({ code: 'PROFILE_WITHHELD' });
  });

  it('is released early when the practitioner releases it', async () => {
    const profiles = profilesAt('2026-11-30T00:00:00.000Z', { releasedAt: '2026-11-29T00:00:00.000Z' });
    expect(await profiles.view(profile)).toMatchObject({ withheld: false });
    expect(await profiles.downloadable('ivy', 'p1')).toBe(profile);
  });

  it('is visible once its release time has passed, even if the release message never came', async () => {
    const profiles = profilesAt(releaseAt, {});
    expect(await profiles.view(profile)).toMatchObject({ withheld: false });
    expect((await profiles.view(profile)).releaseAt).toBeUndefined();
    expect(await profiles.downloadable('ivy', 'p1')).toBe(profile);
  });
});
