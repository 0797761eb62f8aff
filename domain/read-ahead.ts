/**
 * Maps `source` through `read` with at most `depth` reads in flight, yielding results in the
 * source's order. The source is pulled only as results are consumed, so a paged source is paged
 * lazily; the first failure ends the iteration with that error.
 */
export async function* readAheadInOrder<T, R>(
  source: AsyncIterable<T> | Iterable<T>,
  depth: number,
  read: (item: T) => Promise<R>,
): AsyncGenerator<R> {
  const iterator =
    Symbol.asyncIterator in source
      ? (source as AsyncIterable<T>)[Symbol.asyncIterator]()
      : (source as Iterable<T>)[Symbol.iterator]();
  const pending: Promise<R>[] = [];
  let exhausted = false;
  const fill = async () => {
    while (!exhausted && pending.length < Math.max(1, depth)) {
      const next = await iterator.next();
      if (next.done) {
        exhausted = true;
        return;
      }
      const result = read(next.value);
      // Handled here so a read failing while earlier ones are still awaited is not "unhandled";
      // the failure itself surfaces when its turn comes.
      result.catch(() => undefined);
      pending.push(result);
    }
  };
  try {
    await fill();
    while (pending.length > 0) {
      const result = await pending.shift()!;
      await fill();
      yield result;
    }
  } finally {
    if (!exhausted) await iterator.return?.();
  }
}
