import { createHash } from 'node:crypto';
import { ConflictError } from '../../../domain/errors.ts';
import { keys } from '../../adapters/dynamo/keys.ts';
import { onceLedger, runClaimed } from '../../adapters/dynamo/once.ts';
import { envNames } from '../env-names.ts';
import { optionalEnv, requiredEnv } from '../env.ts';
import type { HttpResult } from './responses.ts';

/**
 * `Idempotency-Key` support on the "do once" mechanism (functions/adapters/dynamo/once.ts): the
 * first request with a key runs, and its work commits together with the record that it ran; its
 * answer is kept for a day. A retry with the same key and the same request gets that answer again —
 * also when the first attempt died after committing and before answering (then the answer is
 * computed again by a replay that writes nothing) — and never does the work twice.
 *
 * Written here rather than with Powertools' idempotency utility because its DynamoDB layer only puts
 * every record under one static partition key on a table with a sort key (a hot partition for the
 * whole API), and cannot commit its record in the work's own transaction; here each record has its
 * own partition, scoped to the caller's organisation and user (keys.ts escapes every part, so no
 * user's key can spell another's record).
 */
export interface IdempotencyScope {
  org: string;
  userId: string;
  key: string;
}

const retentionSeconds = 24 * 60 * 60;
/** A request still in progress after this long is taken to have crashed; a retry may take over. */
const defaultLeaseSeconds = 60;

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

/** Runs `run` at most once per scope: its first answer, stored or replayed, for every retry. */
export async function runIdempotent(
  scope: IdempotencyScope,
  requestFingerprint: string,
  run: () => Promise<HttpResult>,
): Promise<HttpResult> {
  const ledger = onceLedger(requiredEnv(envNames.tableName), {
    leaseSeconds: Number(optionalEnv(envNames.idempotencyLeaseSeconds) ?? defaultLeaseSeconds),
    keepSeconds: retentionSeconds,
  });
  const claim = await ledger.claim(keys.idempotency(scope.org, scope.userId, scope.key), requestFingerprint);
  switch (claim.kind) {
    case 'mismatch':
      throw new ConflictError(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was already used for a different request.',
      );
    case 'busy':
      throw new ConflictError(
        'REQUEST_IN_PROGRESS',
        'A request with this Idempotency-Key is still being processed; retry shortly.',
      );
    case 'done':
      return JSON.parse(claim.answer) as HttpResult;
    case 'run':
      return runClaimed(ledger, claim, run, (result) => JSON.stringify(result));
  }
}
