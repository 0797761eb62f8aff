import { randomBytes } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../../shared/clients/dynamo.ts';
import { logger } from '../../shared/logger.ts';
import {
  currentOnce,
  encodeJson,
  journalledRead,
  packJournal,
  recordOnce,
  replayOnce,
  unpackJournal,
  type Journal,
  type OnceLease,
} from '../../shared/once-context.ts';
import type { ItemKey } from './keys.ts';
import { conditionally } from './transactions.ts';

/**
 * "Do once": the one mechanism behind `Idempotency-Key` and the mail worker's sent-email markers.
 * A record per unit of work (its key from keys.ts) goes through
 *
 *   claim ──▶ IN_PROGRESS (lease: random token + expiry)
 *                 │ the work's first transaction also sets, on condition that my token still holds:
 *                 ▼
 *             COMMITTED (+ journal: what the work drew before committing, once-context.ts)
 *                 │ complete (condition: my token)
 *                 ▼
 *             DONE (+ answer)
 *
 * The work and "it was done" commit in one transaction (functions/adapters/dynamo/transactions.ts
 * adds the record's update to the first transaction run in the context), so no crash, lost answer
 * or expired lease can let a retry apply the work twice: a retry that takes over an IN_PROGRESS
 * record knows nothing was committed and runs afresh; one that finds COMMITTED without an answer
 * replays the work from the journal (writing nothing) to answer exactly as the first run did; one
 * that finds DONE gets the stored answer. A holder whose lease was taken over cannot commit any
 * more (its token no longer matches). `release` after a failure deletes only an unfinished record
 * that is still mine: committed work is never forgotten.
 *
 * Work that is not a DynamoDB transaction (an email sent through SES) uses claim/complete/release
 * alone: the window between sending and `complete` remains, as it must with an outside system.
 */
export type OnceClaim =
  /** Mine to run: afresh, or (with `journal`) as a replay of work already committed. */
  | { kind: 'run'; lease: OnceLease; journal?: Journal }
  | { kind: 'done'; answer: string }
  /** Another holder's lease is live. */
  | { kind: 'busy' }
  /** The key was used for other work (a different request body). */
  | { kind: 'mismatch' };

export interface OnceOptions {
  /** How long a holder may take before a retry may take its claim over. */
  leaseSeconds: number;
  /** How long a record (and so its answer) is kept (TTL). */
  keepSeconds: number;
  nowEpochSeconds?: () => number;
}

const claimAttempts = 4;
const names = { '#status': 'status' };

interface StoredRecord {
  status?: string;
  fingerprint?: string;
  leaseToken?: string;
  leaseUntilEpoch?: number;
  expiresAtEpoch?: number;
  journal?: Uint8Array;
  answer?: string;
  /** Records written before this module: the HTTP answer and the email marker's finished status. */
  response?: string;
  lockedUntilEpoch?: number;
}

const finished = (status: string | undefined) =>
  status === 'DONE' || status === 'COMPLETED' || status === 'SENT';

export function onceLedger(tableName: string, options: OnceOptions) {
  const now = options.nowEpochSeconds ?? (() => Math.floor(Date.now() / 1000));
  const newToken = () => randomBytes(16).toString('base64url');

  async function takeOver(
    key: ItemKey,
    seen: StoredRecord,
    fingerprint: string,
  ): Promise<OnceClaim | undefined> {
    const token = newToken();
    try {
      const answer = await dynamo.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key,
          UpdateExpression: 'SET leaseToken = :token, leaseUntilEpoch = :until',
          // Pinned to the very lease seen expired: if anyone renewed or finished it since, no takeover.
          ConditionExpression: `${seen.leaseToken ? 'leaseToken = :seen' : 'attribute_not_exists(leaseToken)'} AND fingerprint = :fp AND #status IN (:inProgress, :committed)`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: {
            ':token': token,
            ':until': now() + options.leaseSeconds,
            ':fp': fingerprint,
            ':inProgress': 'IN_PROGRESS',
            ':committed': 'COMMITTED',
            ...(seen.leaseToken ? { ':seen': seen.leaseToken } : {}),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const record = answer.Attributes as StoredRecord;
      const lease = { key, token };
      return record.status === 'COMMITTED' && record.journal
        ? { kind: 'run', lease, journal: unpackJournal(record.journal) }
        : { kind: 'run', lease };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  return {
    async claim(key: ItemKey, fingerprint = ''): Promise<OnceClaim> {
      for (let attempt = 0; attempt < claimAttempts; attempt += 1) {
        const at = now();
        const token = newToken();
        try {
          await dynamo.send(
            new PutCommand({
              TableName: tableName,
              Item: {
                ...key,
                status: 'IN_PROGRESS',
                fingerprint,
                leaseToken: token,
                leaseUntilEpoch: at + options.leaseSeconds,
                expiresAtEpoch: at + options.keepSeconds,
              },
              // TTL deletes late: an expired record counts as none.
              ConditionExpression: 'attribute_not_exists(PK) OR expiresAtEpoch < :now',
              ExpressionAttributeValues: { ':now': at },
            }),
          );
          return { kind: 'run', lease: { key, token } };
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
        const seen = (
          await dynamo.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))
        ).Item as StoredRecord | undefined;
        if (!seen) continue; // released in between: claim afresh
        if ((seen.fingerprint ?? '') !== fingerprint) return { kind: 'mismatch' };
        if (finished(seen.status)) return { kind: 'done', answer: seen.answer ?? seen.response ?? '' };
        if ((seen.leaseUntilEpoch ?? seen.lockedUntilEpoch ?? 0) >= at) return { kind: 'busy' };
        const taken = await takeOver(key, seen, fingerprint);
        if (taken) return taken;
      }
      return { kind: 'busy' };
    },

    /**
     * The update that marks the work committed, as a transaction item: it holds only while the record
     * is unfinished and the lease still mine. (transactions.ts adds it to the work's transaction.)
     */
    commitItem(lease: OnceLease, journal: Journal) {
      return {
        Update: {
          TableName: tableName,
          Key: lease.key,
          UpdateExpression: 'SET #status = :committed, journal = :journal',
          ConditionExpression: '#status = :inProgress AND leaseToken = :mine',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: {
            ':committed': 'COMMITTED',
            ':inProgress': 'IN_PROGRESS',
            ':mine': lease.token,
            ':journal': packJournal(journal),
          },
          // Read back on refusal: a retry of my own transaction finds the record committed by me.
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
        },
      };
    },

    /** Stores the answer. False when the lease was taken over (the new holder answers the same). */
    async complete(lease: OnceLease, answer: string): Promise<boolean> {
      const written = await conditionally(
        dynamo.send(
          new UpdateCommand({
            TableName: tableName,
            Key: lease.key,
            UpdateExpression: 'SET #status = :done, answer = :answer REMOVE journal, leaseUntilEpoch',
            ConditionExpression: 'leaseToken = :mine',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ':done': 'DONE', ':answer': answer, ':mine': lease.token },
          }),
        ),
      );
      return written !== undefined;
    },

    /**
     * Gives up an unfinished claim so a retry runs afresh at once. Only while it is still IN_PROGRESS
     * and mine: a record whose work committed (perhaps in the very call that seemed to fail) stays.
     */
    async release(lease: OnceLease): Promise<boolean> {
      const written = await conditionally(
        dynamo.send(
          new DeleteCommand({
            TableName: tableName,
            Key: lease.key,
            ConditionExpression: '#status = :inProgress AND leaseToken = :mine',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ':inProgress': 'IN_PROGRESS', ':mine': lease.token },
          }),
        ),
      );
      return written !== undefined;
    },
  };
}

export type OnceLedger = ReturnType<typeof onceLedger>;

/**
 * Runs claimed work in a do-once context (a replay when the claim carries a journal), then stores
 * its answer. A failure before the commit releases the claim; after it, the record stays COMMITTED
 * and a retry replays. A failed `complete` is logged, not thrown: the caller has the answer, and a
 * retry computes the same one.
 */
export async function runClaimed<T>(
  ledger: OnceLedger,
  claim: Extract<OnceClaim, { kind: 'run' }>,
  work: () => Promise<T>,
  answerOf: (result: T) => string,
): Promise<T> {
  const commitItem = (journal: Journal) => ledger.commitItem(claim.lease, journal);
  const { context, done } = claim.journal
    ? replayOnce(claim.lease, commitItem, claim.journal, work)
    : recordOnce(claim.lease, commitItem, work);
  let result: T;
  try {
    result = await done;
  } catch (error) {
    if (!context.committed) {
      await ledger.release(claim.lease).catch((releaseError: unknown) =>
        logger.warn('Could not release a do-once claim; it expires with its lease', {
          key: claim.lease.key.PK,
          error: releaseError as Error,
        }),
      );
    }
    throw error;
  }
  await ledger.complete(claim.lease, answerOf(result)).catch((completeError: unknown) =>
    logger.warn('Could not store a do-once answer; a retry will replay it', {
      key: claim.lease.key.PK,
      error: completeError as Error,
    }),
  );
  return result;
}

/**
 * Journals DynamoDB reads made in a do-once context before its commit (and answers them from the
 * journal in a replay): a replay must see the table as the first run saw it, not as the committed
 * work left it. Registered on the one shared client, at the build step, where the request is
 * marshalled (a stable key) and the answer already unmarshalled by the document client. Signing
 * secrets are never journalled.
 */
const readCommands = new Set([
  'GetItemCommand',
  'QueryCommand',
  'BatchGetItemCommand',
  'TransactGetItemsCommand',
  'ScanCommand',
]);

type BuildResult = { output: Record<string, unknown>; response: unknown };

dynamo.middlewareStack.add(
  (next, context) => async (args) => {
    const commandName = (context as { commandName?: string }).commandName ?? '';
    const input = args.input as { Key?: { PK?: { S?: string } }; Item?: { PK?: { S?: string } } };
    const once = currentOnce();
    if (!once || once.committed) return next(args);
    if (!readCommands.has(commandName)) {
      // A replay writes nothing before the commit point: that stretch is in the table already.
      // (The work's transactions never get here then; transactions.ts answers them.)
      const secret = (input.Key ?? input.Item)?.PK?.S?.startsWith('SECRET#');
      if (once.mode === 'replay' && !secret && commandName !== 'DescribeTableCommand')
        throw new Error(`A replay of committed work tried to write (${commandName}); nothing was written`);
      return next(args);
    }
    if (input.Key?.PK?.S?.startsWith('SECRET#')) return next(args);
    let live: BuildResult | undefined;
    const output = await journalledRead(`${commandName} ${encodeJson(args.input)}`, async () => {
      live = (await next(args)) as BuildResult;
      const { $metadata: _metadata, ...answer } = live.output;
      return answer;
    });
    return (live ?? { output: { ...output, $metadata: {} }, response: {} }) as never;
  },
  { step: 'build', name: 'doOnceReadJournal', override: true },
);
