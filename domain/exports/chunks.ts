/**
 * How an export's learners are split into queue messages: tens per message, not one (SQS calls and
 * Lambda invocations are paid per message, and every chunk costs a few fixed round trips to the
 * table) and not hundreds (a message must be done within its visibility timeout, and one slow
 * render should delay few others). 50 renders of ~10–40 ms each take seconds, far inside the
 * worker's two minutes, and 50 rows and the counts fit one transaction (export-store.ts). Going
 * from 25 to 50 took a cached export of 1,000 from ~5.6 s to ~4.0 s on the local stack (bench:export).
 */
export const exportChunkSize = 50;
const largestChunk = 100;

export interface LearnerChunk {
  /** Position of the chunk in the job, from 0: with the job id it names the message, so a repeated fan-out sends the same chunks. */
  index: number;
  learnerIds: string[];
}

/** Splits learners, in the given (stable) order, into consecutive chunks of `size`, the last one shorter. */
export function chunkLearners(learnerIds: readonly string[], size = exportChunkSize): LearnerChunk[] {
  if (!Number.isInteger(size) || size < 1 || size > largestChunk)
    throw new RangeError(`A chunk holds 1 to ${largestChunk} learners, not ${size}.`);
  const chunks: LearnerChunk[] = [];
  for (let start = 0; start < learnerIds.length; start += size)
    chunks.push({ index: chunks.length, learnerIds: learnerIds.slice(start, start + size) });
  return chunks;
}

/** How many messages a job of `total` learners takes (the fan-out's own progress can be checked against it). */
export const chunkCount = (total: number, size = exportChunkSize): number => Math.ceil(total / size);

/**
 * One item per learner, the first of each, in order: a message that names a learner twice (a
 * malformed or poison one) must not settle them, or count them off `remaining`, twice.
 */
export function oncePerLearner<T>(items: readonly T[], learnerOf: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const learnerId = learnerOf(item);
    if (seen.has(learnerId)) return false;
    seen.add(learnerId);
    return true;
  });
}
