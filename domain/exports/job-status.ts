/**
 * An export job's status (api.md): `queued` until a worker first reports progress, `running` while
 * learners are being rendered and delivered, then one of three endings decided by the counts alone.
 * Messages arrive twice and out of order, so every rule here is monotonic: a late or repeated step
 * never moves a job backwards, and an ended job stays as it ended.
 */
export type ExportStatus = 'queued' | 'running' | 'succeeded' | 'partially_succeeded' | 'failed';
export type ExportOutcome = Extract<ExportStatus, 'succeeded' | 'partially_succeeded' | 'failed'>;
export type ExportAction = 'download' | 'share';

/**
 * Progress of the whole job, each count at most `total`. `rendered`: learners whose PDF exists (or
 * whose digital profile needs none); `delivered`: learners whose profile reached its destination
 * (emailed, or written into the zip); `failed`: learners given up on, each counted once.
 */
export interface ExportCounts {
  total: number;
  rendered: number;
  delivered: number;
  failed: number;
}

const rank: Record<ExportStatus, number> = {
  queued: 0,
  running: 1,
  succeeded: 2,
  partially_succeeded: 2,
  failed: 2,
};

export const isEnded = (status: ExportStatus): status is ExportOutcome => rank[status] === 2;

/** Whether a stored status may be replaced by `next`: only forwards, and an ending is final. */
export const mayMove = (from: ExportStatus, next: ExportStatus): boolean => rank[next] > rank[from];

/** Refuses counts no sequence of real updates can produce: they mean a counter was applied twice. */
export function checkCounts(counts: ExportCounts): ExportCounts {
  const { total, rendered, delivered, failed } = counts;
  const whole = (n: number) => Number.isInteger(n) && n >= 0;
  if (![total, rendered, delivered, failed].every(whole) || total < 1)
    throw new RangeError(
      `Export counts must be whole numbers and total at least 1: ${JSON.stringify(counts)}`,
    );
  if (rendered > total || delivered + failed > total)
    throw new RangeError(`Export counts exceed the total: ${JSON.stringify(counts)}`);
  return counts;
}

/**
 * Every learner has been rendered or given up on: for a download this is when packaging starts
 * (the condition the last render's update checks; nothing polls for it).
 */
export const renderingSettled = (counts: ExportCounts): boolean =>
  checkCounts(counts).rendered + counts.failed >= counts.total;

/** Every learner has been delivered or given up on: for a share, when the summary email is owed. */
export const deliverySettled = (counts: ExportCounts): boolean =>
  checkCounts(counts).delivered + counts.failed >= counts.total;

/**
 * The status the counts show. A download is settled only once packaging has an outcome (its PDFs
 * count as delivered when the zip is written); a failed packaging fails the whole download, since
 * the requester gets nothing, and so does a download none of whose PDFs could be made. Otherwise: nothing delivered is `failed`, some failures are
 * `partially_succeeded`, none is `succeeded`.
 */
export function exportStatus(
  action: ExportAction,
  counts: ExportCounts,
  packaging?: 'succeeded' | 'failed' | undefined,
): ExportStatus {
  checkCounts(counts);
  if (action === 'download' && packaging === 'failed') return 'failed';
  // Every render failed: there is nothing to package, and the job has ended with nothing delivered.
  if (action === 'download' && renderingSettled(counts) && counts.rendered === 0) return 'failed';
  const settled = action === 'download' ? packaging === 'succeeded' : deliverySettled(counts);
  if (!settled) return counts.rendered + counts.delivered + counts.failed > 0 ? 'running' : 'queued';
  if (counts.delivered === 0) return 'failed';
  return counts.failed > 0 ? 'partially_succeeded' : 'succeeded';
}
