import type { ShareChannel } from '../learning/share-policy.ts';

/**
 * Why a learner of an export was given up on; each has words a person can read (`failureText`).
 * `abandoned`: the message carrying the learner failed every delivery as a whole (a crash, a timeout,
 * a store that kept refusing), so which step failed is unknown (domain/exports/dead-letters.ts).
 */
export type ExportFailureReason = 'render-failed' | 'email-failed' | 'profile-missing' | 'abandoned';

const failureTexts: Record<ExportFailureReason, string> = {
  'render-failed': 'The profile PDF could not be created.',
  'email-failed': 'The email could not be sent.',
  'profile-missing': 'The learner no longer has this profile.',
  abandoned: 'The export could not be completed for this learner after several attempts.',
};

/** The `error` of a failed result row (api.md): stable wording, never an internal message. */
export const failureText = (reason: ExportFailureReason): string => failureTexts[reason];

/** How one learner of a share export ended. */
export type ShareOutcome =
  | {
      learnerId: string;
      name: string;
      email: string;
      status: 'delivered';
      /** What the requester asked for; an attachment sent as a link instead is a fallback. */
      requested: 'link' | 'attachment';
      channel: ShareChannel;
    }
  | { learnerId: string; name: string; email: string; status: 'failed'; reason: ExportFailureReason };

export interface NamedLearner {
  learnerId: string;
  name: string;
  email: string;
}

/**
 * What the requester's summary email says: how many were shared and by which channel, who got a
 * link because their PDF was too large to attach, who failed and why. The lists name at most
 * `listedAtMost` learners each (a 10,000-learner email would be unreadable and too large to send);
 * the counts always cover everyone, and the job's results list the rest.
 */
export interface ShareSummary {
  total: number;
  shared: number;
  byChannel: Record<ShareChannel, number>;
  fellBackToLink: { count: number; learners: NamedLearner[] };
  failed: { count: number; learners: (NamedLearner & { reason: ExportFailureReason })[] };
  listedAtMost: number;
}

export const summaryListLimit = 100;

/**
 * Builds the summary from the job's result rows page by page (they are read in pages, never all
 * at once). Each learner must be added once; the rows are keyed by learner, so reading them is.
 */
export function shareSummary(listedAtMost = summaryListLimit) {
  const summary: ShareSummary = {
    total: 0,
    shared: 0,
    byChannel: { attachment: 0, 'download-link': 0, 'digital-link': 0 },
    fellBackToLink: { count: 0, learners: [] },
    failed: { count: 0, learners: [] },
    listedAtMost,
  };
  const named = ({ learnerId, name, email }: NamedLearner) => ({ learnerId, name, email });
  return {
    add(outcomes: readonly ShareOutcome[]) {
      for (const outcome of outcomes) {
        summary.total += 1;
        if (outcome.status === 'failed') {
          summary.failed.count += 1;
          if (summary.failed.learners.length < listedAtMost)
            summary.failed.learners.push({ ...named(outcome), reason: outcome.reason });
          continue;
        }
        summary.shared += 1;
        summary.byChannel[outcome.channel] += 1;
        if (outcome.requested === 'attachment' && outcome.channel === 'download-link') {
          summary.fellBackToLink.count += 1;
          if (summary.fellBackToLink.learners.length < listedAtMost)
            summary.fellBackToLink.learners.push(named(outcome));
        }
      }
    },
    result: (): ShareSummary => structuredClone(summary),
  };
}
