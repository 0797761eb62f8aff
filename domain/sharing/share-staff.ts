import type { StaffShareMessage } from '../../events/staff-share.ts';
import type { Clock, IdGenerator } from '../kernel.ts';
import type { LearningStore } from '../learning/ports.ts';
import type { StaffShare } from './model.ts';
import type { SharingStore } from './ports.ts';

export interface ShareStaffDependencies {
  store: Pick<
    SharingStore,
    'shareJob' | 'clientLink' | 'sharedTeam' | 'shareStaffMember' | 'completeShareJob'
  >;
  learners: Pick<LearningStore, 'learnersById'>;
  clock: Clock;
  ids: IdGenerator;
}

export interface ShareStaffResult {
  shared: number;
  alreadyShared: number;
  skipped: number;
}

/**
 * Carries out one staff share job (the sharing queue's worker): each person is shared with the
 * client, and added to the team when one was picked, by one conditional transaction per person.
 *
 * Safe to run twice, as at-least-once delivery requires: a person already shared under the link is
 * left as they are (their grant keeps its id, so a download link issued meanwhile keeps working),
 * and one shared by this very job in an earlier delivery still counts as shared by it, so the job's
 * counts come out the same however often its message arrives. A job already done is not carried
 * out again: a message delivered again after the supplier revoked someone it shared must not share
 * them anew. A link that changed since the share was accepted (unlinked) shares nobody, and is no
 * failure to retry.
 */
export function shareStaff({ store, learners, clock, ids }: ShareStaffDependencies) {
  return async (job: StaffShareMessage): Promise<ShareStaffResult> => {
    const recorded = await store.shareJob(job.jobId);
    if (recorded?.status === 'done') {
      return {
        shared: recorded.shared ?? 0,
        alreadyShared: recorded.alreadyShared ?? 0,
        skipped: recorded.skipped ?? 0,
      };
    }
    const result: ShareStaffResult = { shared: 0, alreadyShared: 0, skipped: 0 };
    const link = await store.clientLink(job.supplierOrg, job.clientOrg);
    if (!link || link.linkId !== job.linkId) {
      result.skipped = job.staffIds.length;
    } else {
      // A team unshared since is simply not added; the people are still shared with the client.
      const team = job.teamId
        ? await store.sharedTeam(job.supplierOrg, job.clientOrg, job.teamId)
        : undefined;
      const teamIds = team && team.linkId === link.linkId ? [team.teamId] : [];
      const present = new Set((await learners.learnersById(job.supplierOrg, job.staffIds)).map((l) => l.id));
      for (const staffId of job.staffIds) {
        if (!present.has(staffId)) {
          result.skipped += 1;
          continue;
        }
        const share: StaffShare = {
          clientOrg: job.clientOrg,
          supplierOrg: job.supplierOrg,
          staffId,
          linkId: job.linkId,
          shareId: ids.next(),
          jobId: job.jobId,
          teamIds,
          sharedAt: clock.now().toISOString(),
          sharedBy: job.requestedBy,
        };
        const outcome = await store.shareStaffMember(share, {
          org: job.supplierOrg,
          userId: job.requestedBy,
        });
        if (outcome === 'shared') result.shared += 1;
        else if (outcome === 'already') result.alreadyShared += 1;
        else result.skipped += 1;
      }
    }
    await store.completeShareJob(job.jobId, result, clock.now().toISOString());
    return result;
  };
}

export type ShareStaff = ReturnType<typeof shareStaff>;
