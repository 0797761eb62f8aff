import { describe, expect, it } from 'vitest';
import { chunkCount, chunkLearners, exportChunkSize } from '../../domain/exports/chunks.ts';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `l${i}`);

describe('export chunks', () => {
  it('carry tens of learners per message', () => {
    expect(exportChunkSize).toBeGreaterThanOrEqual(10);
    expect(exportChunkSize).toBeLessThan(100);
  });

  it('cover every learner once, in order, the last chunk shorter', () => {
    const chunks = chunkLearners(ids(60), 25);
    expect(chunks.map((c) => c.learnerIds.length)).toEqual([25, 25, 10]);
    expect(chunks.map((c) => c.index)).toEqual([0, 1, 2]);
    expect(chunks.flatMap((c) => c.learnerIds)).toEqual(ids(60));
  });

  it('come out the same when the fan-out runs again', () => {
    expect(chunkLearners(ids(101))).toEqual(chunkLearners(ids(101)));
  });

  it('number as many as the job needs messages', () => {
    for (const n of [1, 25, 26, 10_000]) expect(chunkLearners(ids(n)).length).toBe(chunkCount(n));
  });

  it('refuse a chunk size outside 1 to 100', () => {
    expect(() => chunkLearners(ids(3), 0)).toThrow(RangeError);
    expect(() => chunkLearners(ids(3), 101)).toThrow(RangeError);
    expect(() => chunkLearners(ids(3), 2.5)).toThrow(RangeError);
  });
});
