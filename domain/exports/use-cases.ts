import { queueExportStart, type ExportedLearner } from '../../events/profile-export.ts';
import { emailView } from '../delivery/email-status.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { resolveLanguage } from '../documents/languages.ts';
import type { Actor, Clock, IdGenerator, PageRequest } from '../kernel.ts';
import type { LearningStore } from '../learning/ports.ts';
import { exportStatus, type ExportAction } from './job-status.ts';
import { exportRetentionDays, type ExportJob, type ExportResult, type ExportStore } from './model.ts';
import {
  exportedProfile,
  selectExportLearners,
  selectionSummary,
  type ExportSelection,
} from './selection.ts';
import { failureText } from './share-summary.ts';
import { readAheadInOrder } from '../read-ahead.ts';
import { shareLinkKey } from '../learning/share-policy.ts';

/** The single-share id each learner of a share export is emailed under (its link and email keys derive from it). */
export const exportShareId = (jobId: string, learnerId: string) => `${jobId}.${learnerId}`;

/** Learners per stored selection part: 500 small entries stay far below DynamoDB's 400 KB an item. */
export const selectionPartSize = 500;

/** BatchGet-sized reads of learners, so a 10,000-learner team is read page by page. */
const learnerReadSize = 100;

/**
 * Batches read at once: the request waits on them (10,000 learners are 100 reads), while the table
 * serves a few together as fast as one.
 */
const learnerReadsAhead = 4;

export interface ExportRequest extends ExportSelection {
  action: ExportAction;
  language: string;
  delivery?: 'link' | 'attachment' | undefined;
}

/**
 * The request side of bulk exports (seed 001): the summary before anything starts, the job (recorded
 * with the message it owes, nothing more: workers do the rest), and its progress.
 */
export function profileExportUseCases({
  store,
  learners,
  clock,
  ids,
  linkOpenings,
}: {
  store: ExportStore;
  learners: Pick<LearningStore, 'team' | 'teamMemberIds' | 'learnersById'>;
  clock: Clock;
  ids: IdGenerator;
  /** When a learner first opened the download link a share mailed them (links record it). */
  linkOpenings: { openedAt(once: string): Promise<string | undefined> };
}) {
  /** The selected learners, each with their latest profile if any, read in batches. */
  async function* selected(actor: Actor, teamId: string, selection: ExportSelection) {
    if (!(await learners.team(actor.org, teamId))) throw new NotFoundError('Team');
    const chosen = selectExportLearners(selection, await learners.teamMemberIds(actor.org, teamId));
    const batches: string[][] = [];
    for (let start = 0; start < chosen.length; start += learnerReadSize)
      batches.push(chosen.slice(start, start + learnerReadSize));
    const reads = readAheadInOrder(batches, learnerReadsAhead, async (batch) => ({
      batch,
      found: new Map((await learners.learnersById(actor.org, batch)).map((l) => [l.id, l])),
    }));
    // A member whose learner record is gone has no profile to export: counted as without one.
    for await (const { batch, found } of reads)
      yield batch.map((id) => found.get(id) ?? { id, profiles: [], name: '', preferredLanguage: 'en' });
  }

  return {
    async summary(actor: Actor, teamId: string, selection: ExportSelection) {
      const summary = selectionSummary();
      for await (const batch of selected(actor, teamId, selection)) summary.add(batch);
      return summary.result();
    },

    async request(actor: Actor, teamId: string, input: ExportRequest) {
      const exported: ExportedLearner[] = [];
      for await (const batch of selected(actor, teamId, input)) {
        for (const learner of batch) {
          const profile = exportedProfile(learner);
          if (!profile) continue;
          exported.push({
            learnerId: learner.id,
            profileId: profile.id,
            completedAt: profile.completedAt,
            language: resolveLanguage(
              input.language === 'preferred' ? learner.preferredLanguage : input.language,
            ),
          });
        }
      }
      if (exported.length === 0)
        throw new ValidationError('None of the selected learners has a profile to export.', [
          { path: input.all ? 'all' : 'learnerIds', message: 'no selected learner has a profile' },
        ]);
      const requestedAt = clock.now().toISOString();
      const job: ExportJob = {
        id: ids.next(),
        org: actor.org,
        teamId,
        action: input.action,
        language: input.language,
        delivery: input.action === 'share' ? (input.delivery ?? 'link') : undefined,
        requestedBy: actor.userId,
        requesterEmail: actor.email,
        requesterName: actor.name,
        requestedAt,
        total: exported.length,
        rendered: 0,
        delivered: 0,
        failed: 0,
        remaining: exported.length,
        stage: 'rendering',
        parts: Math.ceil(exported.length / selectionPartSize),
      };
      const parts: ExportedLearner[][] = [];
      for (let start = 0; start < exported.length; start += selectionPartSize)
        parts.push(exported.slice(start, start + selectionPartSize));
      await store.createJob(job, parts, actor, { outbox: [queueExportStart({ jobId: job.id })] });
      return { id: job.id, status: 'queued' as const, total: job.total };
    },

    /** The job's progress and one page of its results; another organisation's job is 404. */
    async job(actor: Actor, jobId: string, page: PageRequest) {
      const job = await store.job(jobId);
      if (!job || job.org !== actor.org) throw new NotFoundError('Export');
      const results = await store.results(jobId, page);
      const items = await Promise.all(
        results.items.map(async (result) => {
          const openedAt =
            result.channel === 'download-link'
              ? await linkOpenings.openedAt(shareLinkKey(exportShareId(job.id, result.learnerId)))
              : undefined;
          return { ...resultView(job, result), ...(openedAt ? { openedAt } : {}) };
        }),
      );
      return { view: jobView(job), results: { items, next: results.next } };
    },
  };
}

export function jobView(job: ExportJob) {
  const finishedAt = job.action === 'download' ? job.finishedAt : job.summarisedAt;
  return {
    id: job.id,
    action: job.action,
    status: exportStatus(job.action, job, job.packaging),
    total: job.total,
    rendered: job.rendered,
    delivered: job.delivered,
    failed: job.failed,
    ...(job.downloadUrl ? { downloadUrl: job.downloadUrl, expiresAt: job.expiresAt } : {}),
    requestedAt: job.requestedAt,
    ...(finishedAt ? { finishedAt } : {}),
  };
}

/** A row as api.md shows it: a download's rendered PDF counts as delivered once the zip is written. */
export function resultView(job: ExportJob, result: ExportResult) {
  const status =
    result.status === 'failed'
      ? 'failed'
      : result.status === 'delivered' || job.packaging === 'succeeded'
        ? 'delivered'
        : 'rendered';
  return {
    learnerId: result.learnerId,
    status,
    ...(result.reason ? { error: failureText(result.reason) } : {}),
    ...(result.channel ? { channel: result.channel } : {}),
    ...(result.emailDelivery ? { email: emailView(result.emailDelivery) } : {}),
  };
}

export const exportExpiry = (requestedAt: string) =>
  new Date(Date.parse(requestedAt) + exportRetentionDays * 24 * 60 * 60 * 1000).toISOString();
