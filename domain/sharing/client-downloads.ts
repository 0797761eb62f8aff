import { resolveLanguage } from '../documents/languages.ts';
import { NotFoundError } from '../errors.ts';
import type { Actor } from '../kernel.ts';
import { latestProfile } from '../learning/model.ts';
import type { LearningStore, ProfileDocuments } from '../learning/ports.ts';
import { profileFileName } from '../learning/use-cases.ts';
import type { LinkUseCases } from '../links/use-cases.ts';
import type { StaffShareGrant } from './model.ts';
import type { SharingStore } from './ports.ts';
import { standingShare } from './use-cases.ts';

export interface ClientDownloadDependencies {
  store: Pick<SharingStore, 'staffShare' | 'supplierLink'>;
  learners: Pick<LearningStore, 'learner' | 'profile'>;
  documents: Pick<ProfileDocuments, 'ensureRendered'>;
  links: Pick<LinkUseCases, 'issue'>;
}

/** A client's download link to a shared profile lives a day; the grant is checked on every click. */
const clientLinkLifetimeDays = 1;

/**
 * A client downloads the latest profile of a staff member shared with it, in the language it asks
 * for (or the staff member's preferred one). The answer is a link through `GET /v1/links/{token}`
 * bound to the grant it was issued under: every click checks that grant again, so a link issued
 * before a revocation (or an unlink) answers 410 LINK_REVOKED from then on.
 */
export function clientDownloadUseCases({ store, learners, documents, links }: ClientDownloadDependencies) {
  return {
    async latestProfile(actor: Actor, staffId: string, language: string | undefined) {
      const standing = await standingShare(store, actor.org, staffId);
      if (!standing) throw new NotFoundError('Staff member');
      const { supplierOrg, shareId } = standing.share;
      const learner = await learners.learner(supplierOrg, staffId);
      if (!learner) throw new NotFoundError('Staff member');
      // Only the latest profile is the client's to see, never an older one.
      const latest = latestProfile(learner);
      const profile = latest && (await learners.profile(supplierOrg, staffId, latest.id));
      if (!profile) throw new NotFoundError('Profile');
      const resolved = resolveLanguage(language ?? learner.preferredLanguage);
      const rendered = await documents.ensureRendered(supplierOrg, profile, learner.name, resolved);
      const grant: StaffShareGrant = { kind: 'staff-share', clientOrg: actor.org, staffId, shareId };
      const link = await links.issue({
        bucket: 'profiles',
        key: rendered.key,
        filename: profileFileName(learner.name, profile.completedAt, resolved),
        contentType: 'application/pdf',
        org: actor.org,
        recipient: actor.email,
        subject: `client-staff:${staffId}`,
        issuedBy: actor.userId,
        lifetimeDays: clientLinkLifetimeDays,
        grant,
      });
      return { url: link.url, expiresAt: link.expiresAt };
    },
  };
}

/**
 * Whether the grant a link was issued under still stands: the same share (not one made again after a
 * revocation) under a link that still stands. Read at every click (links/use-cases.ts).
 */
export const staffShareGrants = (store: Pick<SharingStore, 'staffShare' | 'supplierLink'>) => ({
  async holds(grant: StaffShareGrant): Promise<boolean> {
    const standing = await standingShare(store, grant.clientOrg, grant.staffId);
    return standing?.share.shareId === grant.shareId;
  },
});
