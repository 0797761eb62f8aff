/** An item as the domain sees it: without the table's key and bookkeeping attributes. */
export function withoutKeys<T>(item: Record<string, unknown>): T {
  const { PK: _pk, SK: _sk, type: _type, expiresAtEpoch: _ttl, ...rest } = item;
  return rest as T;
}
