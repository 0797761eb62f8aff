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
  it('is queued until a worker reports anything, then running', () => {
    expect(exportStatus('share', counts(0, 0, 0))).toBe('queued');
    expect(exportStatus('share', counts(1, 0, 0))).toBe('running');
    expect(exportStatus('download', counts(0, 0, 1))).toBe('running');
  });

  it('ends a share succeeded when every learner was delivered', () => {
    expect(exportStatus('share', counts(10, 10, 0))).toBe('succeeded');
  });

  it('ends a share partially succeeded when some learners failed', () => {
    expect(exportStatus('share', counts(9, 9, 1))).toBe('partially_succeeded');
  });

  it('ends a share failed when nothing was delivered', () => {
    expect(exportStatus('share', counts(3, 0, 10))).toBe('failed');
  });

  it('keeps a share running while some learners are still unsettled', () => {
    expect(exportStatus('share', counts(10, 8, 1))).toBe('running');
  });

  it('keeps a download running until packaging has an outcome, whatever the counts', () => {
    expect(exportStatus('download', counts(10, 0, 0))).toBe('running');
  });

  it('ends a download by its packaging and the learners that failed to render', () => {
    expect(exportStatus('download', counts(10, 10, 0), 'succeeded')).toBe('succeeded');
    expect(exportStatus('download', counts(9, 9, 1), 'succeeded')).toBe('partially_succeeded');
  });

  it('fails a download whose packaging failed, even with every PDF rendered', () => {
    expect(exportStatus('download', counts(10, 0, 0), 'failed')).toBe('failed');
  });

  it('fails a download none of whose PDFs could be made, without waiting for packaging', () => {
    expect(exportStatus('download', counts(0, 0, 10))).toBe('failed');
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
