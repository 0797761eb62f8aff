import { paginateQuery, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest, PagePosition } from '../../../domain/kernel.ts';
import { dynamo } from '../../shared/clients/dynamo.ts';
import { tableDefinition } from './table.ts';

/**
 * The one way the stores read lists from the table. DynamoDB applies `Limit` before
 * `FilterExpression` and hands back a `LastEvaluatedKey` whenever it stopped early, so a filtered
 * query with `Limit` can answer an empty page with a cursor, and a page that ends exactly at the
 * last item leads to one more, empty, page. Here a page is cut from what matched: the query reads
 * on (lib-dynamodb's paginator) until it holds one matching item more than the page or the
 * partition ends; the page's position is the key of its last item, and it is given only when that
 * extra item shows something matching is left.
 */

/** A list's query: everything but the parts this helper owns (table, page size, start). */
export type ListQuery = Omit<QueryCommandInput, 'TableName' | 'Limit' | 'ExclusiveStartKey' | 'Select'>;

export interface ListOptions {
  /** Epoch seconds now, to drop items whose TTL has passed (DynamoDB deletes them days late). */
  nowEpochSeconds?: () => number;
}

/**
 * Items read per request when a filter may drop many of them: enough that a sparse filter costs a
 * few round trips, not one per item (reads cost the same filtered or not, up to 1 MB a request).
 */
const filteredReadSize = 100;
const ttl = tableDefinition.timeToLiveAttribute;

const epochNow = () => Math.floor(Date.now() / 1000);

/** An item whose TTL has passed is gone as far as any reader is concerned. */
const expired = (item: Record<string, unknown>, now: number) =>
  typeof item[ttl] === 'number' && (item[ttl] as number) <= now;

/** The attributes that place an item in the table, or in the index the query reads. */
function positionAttributes(indexName: string | undefined): string[] {
  const table = [tableDefinition.partitionKey, tableDefinition.sortKey];
  if (indexName === undefined) return table;
  const index = tableDefinition.globalSecondaryIndexes.find((i) => i.indexName === indexName);
  if (!index) throw new Error(`No index ${indexName} in the table definition`);
  return [...table, index.partitionKey, index.sortKey];
}

const positionOf = (item: Record<string, unknown>, attributes: string[]): PagePosition =>
  Object.fromEntries(attributes.map((name) => [name, item[name]]));

/**
 * One page of a query: up to `request.limit` items that match (key condition, filter, not
 * expired), starting after `request.after`, mapped by `map`; `next` is set only when a further
 * matching item exists.
 */
export async function listPage<T>(
  tableName: string,
  query: ListQuery,
  request: PageRequest,
  map: (item: Record<string, unknown>) => T,
  options: ListOptions = {},
): Promise<Page<T>> {
  const wanted = request.limit + 1;
  const now = (options.nowEpochSeconds ?? epochNow)();
  const found: Record<string, unknown>[] = [];
  const pages = paginateQuery(
    { client: dynamo, pageSize: query.FilterExpression ? Math.max(wanted, filteredReadSize) : wanted },
    { ...query, TableName: tableName, ExclusiveStartKey: request.after },
  );
  reading: for await (const page of pages) {
    for (const item of page.Items ?? []) {
      if (expired(item, now)) continue;
      found.push(item);
      if (found.length === wanted) break reading;
    }
  }
  const items = found.slice(0, request.limit);
  const last = items.at(-1);
  return {
    items: items.map(map),
    next:
      found.length > request.limit && last
        ? positionOf(last, positionAttributes(query.IndexName))
        : undefined,
  };
}

/** Every item a query matches (not expired), read page by page: for the few lists read whole. */
export async function allItems(
  tableName: string,
  query: ListQuery,
  options: ListOptions = {},
): Promise<Record<string, unknown>[]> {
  const now = (options.nowEpochSeconds ?? epochNow)();
  const found: Record<string, unknown>[] = [];
  for await (const page of paginateQuery({ client: dynamo }, { ...query, TableName: tableName })) {
    found.push(...(page.Items ?? []).filter((item) => !expired(item, now)));
  }
  return found;
}
