import {
  type AttributeValue,
  DescribeTableCommand,
  type DynamoDBClient,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamApiRecord,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { invokeBatch, type InProcessFunction } from './queue-poller.ts';

/**
 * Gives the outbox relay the semantics of Lambda's DynamoDB Streams event source, against DynamoDB
 * Local's stream: every shard read from its oldest record (TRIM_HORIZON), parents before their
 * children (a closed shard's records before the records of the shards that follow it), records
 * that match the event filter pattern handed to the handler in batches, a failed record retried
 * together with everything after it (the handler's `batchItemFailures` name the first failure by
 * sequence number; a throw fails the whole batch), and after `retryAttempts` the batch given up.
 *
 * Before tailing the stream, it sweeps the table once for items the filter is about (the outbox's
 * items, still in the table when they were never relayed) and hands them to the same handler as
 * INSERT records. DynamoDB Local keeps its stream across a restart on a data directory (a stream
 * replayed from TRIM_HORIZON finds every record of the last 24 hours again), so the sweep is for
 * what the stream no longer holds: items whose records aged out, or a relay given up on. Both
 * paths go through the relay, which skips an item already relayed, so a restart sends nothing twice.
 */
export interface StreamPoller {
  stop(): Promise<void>;
}

type StreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse | void>;

/** A Lambda event filter pattern: nested objects, ending in lists of values or `{ prefix }`. */
export type FilterPattern = {
  readonly [key: string]: FilterPattern | readonly (string | { prefix: string })[];
};

/** Whether `value` matches `pattern`, as Lambda's event filtering decides (the subset used here). */
export function matchesPattern(pattern: FilterPattern, value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const object = value as Record<string, unknown>;
  return Object.entries(pattern).every(([key, rule]) => {
    const field = object[key];
    if (!Array.isArray(rule)) return matchesPattern(rule as FilterPattern, field);
    return (rule as readonly (string | { prefix: string })[]).some((option) =>
      typeof option === 'string'
        ? field === option
        : typeof field === 'string' && field.startsWith(option.prefix),
    );
  });
}

const idlePauseMs = 200;
/** How often the shard list is read again while nothing closes (DynamoDB rolls shards over ~4 h). */
const describeEveryMs = 10_000;

export function startStreamPoller(
  options: InProcessFunction<StreamHandler> & {
    dynamo: DynamoDBClient;
    streams: DynamoDBStreamsClient;
    tableName: string;
    filter: FilterPattern;
    /** The sweep's scan: items whose partition key starts with this prefix (the filter's own prefix). */
    sweepPrefix: { attribute: string; prefix: string };
    batchSize: number;
    retryAttempts: number;
  },
): StreamPoller {
  let running = true;
  const { log, functionName } = options;
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  /** Invokes the handler on `records` until all succeed or the attempts run out (then gives up). */
  async function deliver(records: DynamoDBRecord[]): Promise<void> {
    let pending = records;
    for (let attempt = 1; pending.length > 0 && running; attempt += 1) {
      const failed = await invokeBatch(options, pending);
      // A throw fails the batch from its first record; otherwise the first record the answer names.
      const firstFailed = failed ? pending.findIndex((r) => failed.has(r.dynamodb?.SequenceNumber ?? '')) : 0;
      if (firstFailed < 0) return;
      // As Lambda does: the records before the first failure are done; it and the rest go again.
      pending = pending.slice(firstFailed);
      if (attempt >= options.retryAttempts) {
        log(
          `${functionName}: gave up on ${pending.length} record(s) after ${attempt} attempts; their items stay in the table and the next start relays them`,
        );
        return;
      }
      await pause(Math.min(2000, 100 * 2 ** attempt));
    }
  }

  async function deliverInBatches(records: DynamoDBRecord[]): Promise<void> {
    for (let i = 0; i < records.length && running; i += options.batchSize) {
      await deliver(records.slice(i, i + options.batchSize));
    }
  }

  let streamArn = '';
  const toRecord = (record: StreamApiRecord): DynamoDBRecord => {
    const { ApproximateCreationDateTime, ...change } = record.dynamodb ?? {};
    return {
      eventID: record.eventID,
      eventName: record.eventName,
      eventVersion: record.eventVersion,
      eventSource: 'aws:dynamodb',
      awsRegion: options.region,
      eventSourceARN: streamArn,
      dynamodb: {
        ...(change as DynamoDBRecord['dynamodb']),
        ...(ApproximateCreationDateTime
          ? { ApproximateCreationDateTime: Math.floor(ApproximateCreationDateTime.getTime() / 1000) }
          : {}),
      },
    };
  };

  /** The items a relay may have left behind, as the INSERT records that brought them in. */
  async function sweep(): Promise<void> {
    const { attribute, prefix } = options.sweepPrefix;
    let start: Record<string, AttributeValue> | undefined;
    let found = 0;
    do {
      const page = await options.dynamo.send(
        new ScanCommand({
          TableName: options.tableName,
          ConsistentRead: true,
          FilterExpression: 'begins_with(#key, :prefix)',
          ExpressionAttributeNames: { '#key': attribute },
          ExpressionAttributeValues: { ':prefix': { S: prefix } },
          ExclusiveStartKey: start,
        }),
      );
      const records = (page.Items ?? []).map((item, i): DynamoDBRecord => ({
        eventID: `sweep-${found + i}`,
        eventName: 'INSERT',
        eventSource: 'aws:dynamodb',
        awsRegion: options.region,
        eventSourceARN: streamArn,
        dynamodb: {
          Keys: { [attribute]: item[attribute] as never, SK: item.SK as never },
          NewImage: item as never,
          SequenceNumber: `sweep-${found + i}`,
          StreamViewType: 'NEW_IMAGE',
        },
      }));
      found += records.length;
      await deliverInBatches(records.filter((record) => matchesPattern(options.filter, record)));
      start = page.LastEvaluatedKey;
    } while (start && running);
    if (found > 0) log(`${functionName}: start-up sweep relayed ${found} item(s) left in the table`);
  }

  interface ShardState {
    iterator?: string;
    /** Last sequence number handed on, to resume after an expired iterator. */
    last?: string;
    done: boolean;
  }
  const shards = new Map<string, ShardState>();
  const shardList: Shard[] = [];

  async function describe(): Promise<void> {
    shardList.length = 0;
    let exclusiveStart: string | undefined;
    do {
      const answer = await options.streams.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: exclusiveStart }),
      );
      shardList.push(...(answer.StreamDescription?.Shards ?? []));
      exclusiveStart = answer.StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStart);
  }

  /** Shards to read now: not finished, and whose parent is finished or no longer listed (trimmed). */
  const readable = () => {
    const listed = new Set(shardList.map((s) => s.ShardId!));
    return shardList.filter((shard) => {
      if (shards.get(shard.ShardId!)?.done) return false;
      const parent = shard.ParentShardId;
      return !parent || !listed.has(parent) || shards.get(parent)?.done === true;
    });
  };

  async function iteratorOf(shardId: string, state: ShardState): Promise<string | undefined> {
    const answer = await options.streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ...(state.last
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: state.last }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return answer.ShardIterator;
  }

  /** Reads one page of one shard; answers whether it held any records. */
  async function readShard(shard: Shard): Promise<boolean> {
    const shardId = shard.ShardId!;
    let state = shards.get(shardId);
    if (!state) shards.set(shardId, (state = { done: false }));
    state.iterator ??= await iteratorOf(shardId, state);
    if (!state.iterator) {
      state.done = true;
      return false;
    }
    let answer;
    try {
      answer = await options.streams.send(
        new GetRecordsCommand({ ShardIterator: state.iterator, Limit: 1000 }),
      );
    } catch (error) {
      if (!(error instanceof ExpiredIteratorException)) throw error;
      state.iterator = undefined;
      return false;
    }
    const records = answer.Records ?? [];
    await deliverInBatches(records.map(toRecord).filter((record) => matchesPattern(options.filter, record)));
    if (records.length > 0) state.last = records.at(-1)!.dynamodb?.SequenceNumber;
    state.iterator = answer.NextShardIterator;
    // No next iterator: the shard is closed and read to its end; its children may start.
    if (!state.iterator) state.done = true;
    return records.length > 0;
  }

  async function loop(): Promise<void> {
    let swept = false;
    let described = 0;
    while (running) {
      try {
        if (!swept) {
          const table = await options.dynamo.send(new DescribeTableCommand({ TableName: options.tableName }));
          const arn = table.Table?.LatestStreamArn ?? '';
          if (!arn) throw new Error(`table ${options.tableName} has no stream`);
          // A table made anew has a new stream: nothing read from the old one applies.
          if (arn !== streamArn) shards.clear();
          streamArn = arn;
          await sweep();
          swept = true;
          described = 0;
        }
        if (Date.now() - described > describeEveryMs || readable().length === 0) {
          await describe();
          described = Date.now();
        }
        let busy = false;
        for (const shard of readable()) {
          if (!running) return;
          const wasDone = shards.get(shard.ShardId!)?.done;
          busy = (await readShard(shard)) || busy;
          if (!wasDone && shards.get(shard.ShardId!)?.done) described = 0; // a child may follow
        }
        if (!busy) await pause(idlePauseMs);
      } catch (error) {
        if (!running) return;
        log(`${functionName}: stream polling failed: ${(error as Error).message}`);
        // DynamoDB Local may have restarted (iterators gone) or the table been made anew: start
        // over from the table, the sweep and each shard's last record handed on.
        swept = false;
        for (const state of shards.values()) state.iterator = undefined;
        await pause(500);
      }
    }
  }

  const done = loop();
  return {
    async stop() {
      running = false;
      await done;
    },
  };
}
