import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../../domain/errors.ts';
import { keys } from '../../adapters/dynamo/keys.ts';
import { dynamo } from '../clients/dynamo.ts';
import type { HttpResult } from './responses.ts';

/**
 * `Idempotency-Key` support: the first request with a key runs and its answer is kept for a day;
 * a retry with the same key and the same request gets that answer again and does nothing twice.
 *
 * Written here rather than with Powertools' idempotency utility because its DynamoDB layer only puts
 * every record under one static partition key on a table with a sort key (a hot partition for the
 * whole API); here each record has its own partition, scoped to the caller's organisation and user,
 * so one tenant's key can never replay another's answer.
 */
export interface IdempotencyScope {
  org: string;
  userId: string;
  key: string;
}

export type IdempotencyStart = { kind: 'first' } | { kind: 'replay'; result: HttpResult };

const retentionSeconds = 24 * 60 * 60;
/** A request still "in progress" after this long is taken to have crashed; a retry may run it again. */
const lockSeconds = 60;

/** Stable over key order and whitespace, so a client re-serialising its body still matches. */
export function fingerprint(routeKey: string, path: string, body: unknown): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
          )
        : value;
  return createHash('sha256')
    .update(JSON.stringify([routeKey, path, canonical(body ?? null)]))
    .digest('base64url');
}

export function idempotencyStore(tableName: string, nowEpochSeconds: () => number) {
  return {
    async start(scope: IdempotencyScope, requestFingerprint: string): Promise<IdempotencyStart> {
      const now = nowEpochSeconds();
      try {
        await dynamo.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...keys.idempotency(scope.org, scope.userId, scope.key),
              status: 'IN_PROGRESS',
              fingerprint: requestFingerprint,
              lockedUntilEpoch: now + lockSeconds,
              expiresAtEpoch: now + retentionSeconds,
            },
            ConditionExpression:
              'attribute_not_exists(PK) OR expiresAtEpoch < :now OR (#status = :inProgress AND lockedUntilEpoch < :now AND fingerprint = :fp)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':now': now,
              ':inProgress': 'IN_PROGRESS',
              ':fp': requestFingerprint,
            },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return { kind: 'first' };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const existing = error.Item ? unmarshalRecord(error.Item) : undefined;
        if (!existing || existing.fingerprint !== requestFingerprint) {
          throw new ConflictError(
            'IDEMPOTENCY_KEY_REUSED',
            'This Idempotency-Key was already used for a different request.',
          );
        }
        if (existing.status === 'COMPLETED' && existing.response) {
          return { kind: 'replay', result: JSON.parse(existing.response) as HttpResult };
        }
        throw new ConflictError(
          'REQUEST_IN_PROGRESS',
          'A request with this Idempotency-Key is still being processed; retry shortly.',
        );
      }
    },

    async complete(scope: IdempotencyScope, result: HttpResult): Promise<void> {
      await dynamo.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.idempotency(scope.org, scope.userId, scope.key),
          UpdateExpression: 'SET #status = :completed, #response = :response REMOVE lockedUntilEpoch',
          ExpressionAttributeNames: { '#status': 'status', '#response': 'response' },
          ExpressionAttributeValues: { ':completed': 'COMPLETED', ':response': JSON.stringify(result) },
        }),
      );
    },

    /** A request that failed leaves no record, so a retry runs it afresh (as a client expects). */
    async abandon(scope: IdempotencyScope): Promise<void> {
      await dynamo.send(
        new DeleteCommand({
          TableName: tableName,
          Key: keys.idempotency(scope.org, scope.userId, scope.key),
        }),
      );
    },
  };
}

export type IdempotencyStore = ReturnType<typeof idempotencyStore>;

function unmarshalRecord(item: Record<string, { S?: string; N?: string }>) {
  return {
    status: item.status?.S,
    fingerprint: item.fingerprint?.S,
    response: item.response?.S,
  };
}
