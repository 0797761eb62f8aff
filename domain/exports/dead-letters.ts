import type { DeadExportMessage, ExportedLearner } from '../../events/profile-export.ts';
import type { Clock } from '../kernel.ts';
import type { LearningStore } from '../learning/ports.ts';
import type { ExportJob, ExportStore } from './model.ts';
import { oncePerLearner } from './chunks.ts';
import { advanceAfterRendering, failedRow, inTurns, learnersInFlight } from './pipeline.ts';

/** What giving up on a dead message did, for the worker's log. */
export type GiveUpOutcome =
  | { outcome: 'no-job' }
  | { outcome: 'learners-failed'; failed: number }
  | { outcome: 'packaging-failed'; recorded: boolean }
  | { outcome: 'summary-lost' };

/**
 * The end of an export step whose message failed every delivery of its queue and landed in the DLQ
 * (a crash, a timeout, a store that kept refusing: whatever no catch in domain/exports/pipeline.ts
 * could record). Without this, the learners the message carried would never settle and the job would
 * stay `running` forever. Each learner the message owed and nobody settled is recorded failed
 * (`abandoned`, named as far as the learner record allows), through the same conditional write as
 * every other row, so a learner is counted once whoever gets there first, and a dead message
 * delivered twice changes nothing. Then the job moves on exactly as after a chunk: the write that
 * finds nobody remaining owes packaging or the summary.
 */
export function exportDeadLetters({
  store,
  learners,
  clock,
}: {
  store: ExportStore;
  learners: Pick<LearningStore, 'learnersById'>;
  clock: Clock;
}) {
  const now = () => clock.now().toISOString();

  async function failUnsettled(job: ExportJob, entries: readonly ExportedLearner[]) {
    const unique = oncePerLearner(entries, (entry) => entry.learnerId);
    const ids = unique.map((entry) => entry.learnerId);
    const [settled, found] = await Promise.all([
      store.settledAmong(job.id, ids),
      learners.learnersById(job.org, ids),
    ]);
    const byId = new Map(found.map((learner) => [learner.id, learner]));
    let failed = 0;
    const open = unique.filter((entry) => !settled.has(entry.learnerId));
    await inTurns(open, learnersInFlight, async (entry) => {
      const row = failedRow(entry, 'abandoned', now(), byId.get(entry.learnerId));
      if (await store.settle(job.id, row, { failed: 1 })) failed += 1;
    });
    return failed;
  }

  return {
    async giveUp(message: DeadExportMessage): Promise<GiveUpOutcome> {
      const job = await store.job(message.jobId);
      if (!job) return { outcome: 'no-job' };
      switch (message.type) {
        case 'export.chunk': {
          const failed = await failUnsettled(job, message.learners);
          await advanceAfterRendering(store, job);
          return { outcome: 'learners-failed', failed };
        }
        case 'export.start': {
          // The chunks that were sent before it died may still be running: whichever settles a
          // learner first decides their row, and the other's write is refused by its condition.
          let failed = 0;
          for (let part = 0; part < job.parts; part++)
            failed += await failUnsettled(job, await store.part(job.id, part));
          await advanceAfterRendering(store, job);
          return { outcome: 'learners-failed', failed };
        }
        case 'export.package': {
          const recorded = await store.finishPackaging(job.id, { packaging: 'failed' }, now(), []);
          return { outcome: 'packaging-failed', recorded };
        }
        case 'export.summary':
          // Every learner is settled, so the job's status is already final (it follows from the
          // counts); what is lost is the requester's summary email, which the log reports.
          return { outcome: 'summary-lost' };
      }
    },
  };
}
