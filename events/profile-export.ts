import * as z from 'zod/mini';
import { languageTag, messageType, nonEmpty as id } from './message.ts';

/**
 * The messages of a bulk profile export (seed 001; design.md, "Shapes for long work"). The request
 * records the job and owes `export.start`; the start step splits the job into `export.chunk`
 * messages of tens of learners; the chunk that settles the last learner owes `export.package`
 * (download) or `export.summary` (share), once, by a conditional write. Every step is idempotent:
 * any message may arrive twice or out of order.
 */
export const exportStartMessages = messageType({
  queue: 'exports',
  type: 'export.start',
  v: 1,
  shape: { jobId: id },
});

/**
 * One learner of a chunk: the profile chosen at request time, when it was completed (profiles are
 * never changed once imported: a chunk whose PDFs are cached then reads no profile at all) and the
 * language it is rendered in. `completedAt` is optional: messages sent before it existed lack it.
 */
export const exportedLearner = z.object({
  learnerId: id,
  profileId: id,
  completedAt: z.optional(id),
  language: languageTag,
});

export const exportChunkMessages = messageType({
  queue: 'exports',
  type: 'export.chunk',
  v: 1,
  shape: {
    jobId: id,
    index: z.number().check(z.int(), z.nonnegative()),
    learners: z.array(exportedLearner).check(z.minLength(1), z.maxLength(100)),
  },
});

export const exportSummaryMessages = messageType({
  queue: 'exports',
  type: 'export.summary',
  v: 1,
  shape: { jobId: id },
});

export const exportPackageMessages = messageType({
  queue: 'packaging',
  type: 'export.package',
  v: 1,
  shape: { jobId: id },
});

/** What the exports queue carries. */
export const exportStepMessage = z.discriminatedUnion('type', [
  exportStartMessages.schema,
  exportChunkMessages.schema,
  exportSummaryMessages.schema,
]);
export const exportPackageMessage = exportPackageMessages.schema;

export const queueExportStart = exportStartMessages.produce;
export const queueExportChunk = exportChunkMessages.produce;
export const queueExportSummary = exportSummaryMessages.produce;
export const queueExportPackage = exportPackageMessages.produce;

export type ExportedLearner = z.infer<typeof exportedLearner>;
export type ExportStepMessage = z.infer<typeof exportStepMessage>;

/**
 * What the export queues' DLQs hold: any step's message that failed every delivery, handed to the
 * dead-letter worker (functions/workers/export-dead-letters.ts) to be given up on.
 */
export const deadExportMessage = z.discriminatedUnion('type', [
  exportStartMessages.schema,
  exportChunkMessages.schema,
  exportSummaryMessages.schema,
  exportPackageMessages.schema,
]);
export type DeadExportMessage = z.infer<typeof deadExportMessage>;
