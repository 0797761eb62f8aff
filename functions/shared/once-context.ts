import { AsyncLocalStorage } from 'node:async_hooks';
import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * The "do once" context a piece of work runs in (an idempotent HTTP request, for one): what lets
 * the work's first committed DynamoDB transaction also commit the record that it was done, and lets
 * a retry that finds the work committed but its answer lost compute that same answer again without
 * doing the work again.
 *
 * Before the commit, everything the work draws from outside is written into a journal: ids, clock
 * readings, random bytes (functions/shared/runtime.ts), the outcomes of transactions that were
 * refused, and the answers of DynamoDB reads (functions/adapters/dynamo/once.ts). The journal is
 * stored by the commit itself. A replay runs the same code with the journal: every draw returns the
 * recorded value, so the code takes the same path, builds the same items and reaches the same
 * commit, which is then skipped (it is already in the table); after that point it runs live, as the
 * first run did after its commit. Deterministic replay in the manner of workflow engines, limited to
 * the stretch before the commit, which is the only stretch a retry must not redo.
 *
 * This module knows nothing of DynamoDB; it is imported by runtime.ts, which every bundle carries.
 */
export interface OnceLease {
  /** Table item of the do-once record. */
  key: { PK: string; SK: string };
  /** Random token of this holder: a write conditioned on it fails once someone else took over. */
  token: string;
}

type ValueKind = 'id' | 'clock' | 'random' | 'tx';

export interface Journal {
  /** Values drawn before the commit, per kind, in the order they were drawn. */
  values: Partial<Record<ValueKind, unknown[]>>;
  /** Answers of reads before the commit, by the request they answered. */
  reads: [request: string, answer: unknown][];
  /** Hash of the committed work's items, so a replay that would commit something else stops. */
  work?: string;
}

export interface OnceContext {
  lease: OnceLease;
  /** The transaction item that marks the work committed, carrying the journal (once.ts builds it). */
  commitItem: (journal: Journal) => Record<string, unknown>;
  mode: 'record' | 'replay';
  /** Set by the transaction that committed the work (or, in a replay, that would have). */
  committed: boolean;
  /** Record only: a commit was sent before (its outcome may be unknown: a network failure). */
  commitSent?: boolean;
  journal: Journal;
  /** Replay only: what is still to be handed out. */
  pending?: { values: Partial<Record<ValueKind, unknown[]>>; reads: Map<string, unknown[]> };
}

const storage = new AsyncLocalStorage<OnceContext>();

export const currentOnce = (): OnceContext | undefined => storage.getStore();

/** Runs `work` in a fresh do-once context that records its journal. */
export function recordOnce<T>(
  lease: OnceLease,
  commitItem: OnceContext['commitItem'],
  work: () => Promise<T>,
): { context: OnceContext; done: Promise<T> } {
  const context: OnceContext = {
    lease,
    commitItem,
    mode: 'record',
    committed: false,
    journal: { values: {}, reads: [] },
  };
  return { context, done: storage.run(context, work) };
}

/** Runs `work` again with the journal its committed first run stored. */
export function replayOnce<T>(
  lease: OnceLease,
  commitItem: OnceContext['commitItem'],
  journal: Journal,
  work: () => Promise<T>,
): { context: OnceContext; done: Promise<T> } {
  const reads = new Map<string, unknown[]>();
  for (const [request, answer] of journal.reads) reads.set(request, [...(reads.get(request) ?? []), answer]);
  const values = Object.fromEntries(Object.entries(journal.values).map(([kind, list]) => [kind, [...list]]));
  const context: OnceContext = {
    lease,
    commitItem,
    mode: 'replay',
    committed: false,
    journal,
    pending: { values, reads },
  };
  return { context, done: storage.run(context, work) };
}

/**
 * A value drawn from outside: recorded before the commit, handed back from the journal in a replay
 * (live once the journal of that kind is spent, as after the commit). Outside a context: live.
 */
export function drawn<T>(
  kind: ValueKind,
  live: () => T,
  encode: (value: T) => unknown,
  decode: (stored: unknown) => T,
): T {
  const context = storage.getStore();
  if (!context || context.committed) return live();
  if (context.mode === 'replay') {
    const queue = context.pending!.values[kind];
    if (queue && queue.length > 0) return decode(queue.shift());
    return live();
  }
  const value = live();
  (context.journal.values[kind] ??= []).push(encode(value));
  return value;
}

/** A read's answer before the commit: recorded, or in a replay taken from the journal. */
export async function journalledRead<T>(request: string, live: () => Promise<T>): Promise<T> {
  const context = storage.getStore();
  if (!context || context.committed) return live();
  if (context.mode === 'replay') {
    const queue = context.pending!.reads.get(request);
    if (queue && queue.length > 0) return copy(queue.shift()) as T;
    return live();
  }
  const answer = await live();
  // A copy, so that the caller changing the answer object does not change the journal.
  if (!context.committed) context.journal.reads.push([request, copy(answer)]);
  return answer;
}

/** Whether the replay has handed out every recorded transaction outcome (the next one is the commit). */
export function pendingRefusal(context: OnceContext): string[] | undefined {
  const queue = context.pending?.values.tx;
  return queue && queue.length > 0 ? (queue.shift() as string[]) : undefined;
}

/** JSON that keeps binary values and sets (DynamoDB answers may hold both). */
export function encodeJson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, encoded: unknown) {
    const raw = this[key];
    if (raw instanceof Uint8Array) return { $bytes: Buffer.from(raw).toString('base64') };
    if (raw instanceof Set) return { $set: [...raw] };
    return encoded;
  });
}

export function decodeJson(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const record = value as Record<string, unknown>;
      if (typeof record.$bytes === 'string' && Object.keys(record).length === 1)
        return new Uint8Array(Buffer.from(record.$bytes, 'base64'));
      if (Array.isArray(record.$set) && Object.keys(record).length === 1) return new Set(record.$set);
    }
    return value;
  });
}

const copy = (value: unknown) => decodeJson(encodeJson(value));

/** The journal as stored on the do-once record: compressed JSON (reads can be a few KB). */
export const packJournal = (journal: Journal): Uint8Array => gzipSync(encodeJson(journal));
export const unpackJournal = (bytes: Uint8Array): Journal =>
  decodeJson(gunzipSync(bytes).toString('utf8')) as Journal;
