import { describe, expect, it } from 'vitest';
import { readAheadInOrder } from '../../domain/read-ahead.ts';

/** Yields 0..count-1 one by one, as a paged store read would, counting how far it has been pulled. */
async function* paged(count: number, pulled: { count: number }) {
  for (let i = 0; i < count; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    pulled.count += 1;
    yield i;
  }
}

describe('reading ahead', () => {
  it('keeps at most the given number of reads in flight and yields in the source order', async () => {
    let inFlight = 0;
    let most = 0;
    const read = async (n: number) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      // Later items finish first: the order must still be the source's.
      await new Promise((resolve) => setTimeout(resolve, 20 - n));
      inFlight -= 1;
      return n * 10;
    };
    const out: number[] = [];
    for await (const value of readAheadInOrder(
      Array.from({ length: 20 }, (_, i) => i),
      4,
      read,
    ))
      out.push(value);
    expect(out).toEqual(Array.from({ length: 20 }, (_, i) => i * 10));
    expect(most).toBe(4);
  });

  it('pulls the source only as far as the reads ahead need', async () => {
    const pulled = { count: 0 };
    const reads = readAheadInOrder(paged(50, pulled), 5, async (n) => n);
    await reads.next();
    await reads.next();
    expect(pulled.count).toBeLessThanOrEqual(2 + 5);
    await reads.return(undefined);
  });

  it('ends with the first failure in source order, after the results before it, and leaves no rejection unhandled', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const read = async (n: number) => {
        // Item 3 fails first in time, item 2 later: 0 and 1 still come out, then item 2's error.
        await new Promise((resolve) => setTimeout(resolve, n === 3 ? 1 : 10));
        if (n >= 2) throw new Error(`read ${n} failed`);
        return n;
      };
      const out: number[] = [];
      await expect(
        (async () => {
          for await (const value of readAheadInOrder([0, 1, 2, 3, 4], 5, read)) out.push(value);
        })(),
      ).rejects.toThrow('read 2 failed');
      expect(out).toEqual([0, 1]);
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
