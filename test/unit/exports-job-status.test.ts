import { describe, expect, it } from 'vitest';
import {
  checkCounts,
  deliverySettled,
  exportStatus,
  isEnded,
  mayMove,
  renderingSettled,
  type ExportStatus,
} from '../../domain/exports/job-status.ts';

const counts = (rendered: number, delivered: number, failed: number, total = 10) => ({
  total,
  rendered,
  delivered,
  failed,
});

describe('an export job status', () => {
  // The status, when it is that, and the counts (rendered, delivered, failed of 10) that show it.
  it.each([
    ['queued', 'until a worker reports anything', counts(0, 0, 0)],
    ['running', 'once a learner is rendered', counts(1, 0, 0)],
    ['succeeded', 'when every learner was delivered', counts(10, 10, 0)],
    ['partially_succeeded', 'when some learners failed', counts(9, 9, 1)],
    ['failed', 'when nothing was delivered', counts(3, 0, 10)],
    ['running', 'while some learners are still unsettled', counts(10, 8, 1)],
  ] as const)('of a share is %s %s', (status, _when, progress) => {
    expect(exportStatus('share', progress)).toBe(status);
  });

  // The same, with the outcome of packaging the zip where there is one.
  it.each([
    ['running', 'once a learner failed', counts(0, 0, 1), undefined],
    ['running', 'until packaging has an outcome, whatever the counts', counts(10, 0, 0), undefined],
    ['succeeded', 'when packaged with every learner rendered', counts(10, 10, 0), 'succeeded'],
    ['partially_succeeded', 'when packaged but some failed to render', counts(9, 9, 1), 'succeeded'],
    ['failed', 'when its packaging failed, even with every PDF rendered', counts(10, 0, 0), 'failed'],
    ['failed', 'at once when no PDF could be made (nothing to package)', counts(0, 0, 10), undefined],
  ] as const)('of a download is %s %s', (status, _when, progress, packaging) => {
    expect(exportStatus('download', progress, packaging)).toBe(status);
  });

  it('refuses counts no real sequence of updates produces', () => {
    expect(() => checkCounts(counts(11, 0, 0))).toThrow(RangeError);
    expect(() => checkCounts(counts(10, 6, 5))).toThrow(RangeError);
    expect(() => checkCounts(counts(1.5, 0, 0))).toThrow(RangeError);
    expect(() => checkCounts(counts(0, 0, 0, 0))).toThrow(RangeError);
  });
});

describe('settling an export', () => {
  it('finishes rendering when every learner is rendered or failed', () => {
    expect(renderingSettled(counts(9, 0, 0))).toBe(false);
    expect(renderingSettled(counts(9, 0, 1))).toBe(true);
  });

  it('finishes delivery when every learner is delivered or failed', () => {
    expect(deliverySettled(counts(10, 9, 0))).toBe(false);
    expect(deliverySettled(counts(10, 9, 1))).toBe(true);
  });
});

describe('status moves', () => {
  const all: ExportStatus[] = ['queued', 'running', 'succeeded', 'partially_succeeded', 'failed'];
  const ended: ExportStatus[] = ['succeeded', 'partially_succeeded', 'failed'];

  it('go forwards only: queued → running → an ending, or queued straight to an ending', () => {
    expect(mayMove('queued', 'running')).toBe(true);
    for (const end of ended) {
      expect(mayMove('queued', end)).toBe(true);
      expect(mayMove('running', end)).toBe(true);
    }
    expect(mayMove('running', 'queued')).toBe(false);
    expect(mayMove('running', 'running')).toBe(false);
  });

  it('never leave an ending, so a late or repeated message cannot reopen a job', () => {
    for (const end of ended) for (const next of all) expect(mayMove(end, next)).toBe(false);
    expect(ended.every(isEnded)).toBe(true);
    expect(isEnded('running') || isEnded('queued')).toBe(false);
  });
});
