import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ExportedLearner } from '../../../events/profile-export.ts';
import {
  exportRetentionDays,
  type ExportJob,
  type ExportResult,
  type ExportStore,
} from '../../../domain/exports/model.ts';
import { oncePerLearner } from '../../../domain/exports/chunks.ts';
import type { ExportCounts } from '../../../domain/exports/job-status.ts';
import { dynamo } from '../../shared/clients/dynamo.ts';
import { auditPut } from './audit-entry.ts';
import { batchGet } from './batches.ts';
import { withoutKeys, consistentItem } from './items.ts';
import { keys, type ItemKey } from './keys.ts';
import { outboxPuts } from './outbox.ts';
import { listPage } from './paging.ts';
import { conditionally, transact } from './transactions.ts';

/** Rows written by one transaction: DynamoDB takes 100 items, one of which counts them on the job. */
const rowsPerTransaction = 50;

/**
 * Bulk export jobs on the single table (keys.ts): the job, its selection parts and one row per
 * learner, all in the job's own partition with the export's retention as TTL. Progress is counted
 * with atomic ADDs in the same transaction as the row whose condition (no row yet) makes the count
 * happen once; the stage moves by a condition on what remains, never by polling.
 */
export function dynamoExportStore(tableName: string): ExportStore {
  const get = <T>(key: ItemKey) => consistentItem<T>(tableName, key);
  /** Every item of a job expires with it (the job's TTL is written on each; it never changes, so read once). */
  const ttls = new Map<string, number | undefined>();
  const ttlOf = async (jobId: string) => {
    if (!ttls.has(jobId)) {
      // Read raw: withoutKeys drops the TTL attribute from what stores answer.
      const answer = await dynamo.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.exportJob(jobId),
          ProjectionExpression: 'expiresAtEpoch',
          ConsistentRead: true,
        }),
      );
      ttls.set(jobId, answer.Item?.expiresAtEpoch as number | undefined);
    }
    return ttls.get(jobId);
  };

  /** A learner's row, written only if it has none: its condition makes its counts happen once. */
  const rowPut = (jobId: string, result: ExportResult, expiresAtEpoch: number | undefined) => ({
    Put: {
      TableName: tableName,
      Item: {
        ...keys.exportResult(jobId, result.learnerId),
        type: 'export-result',
        ...result,
        expiresAtEpoch,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  });

  /** The job's counts, each added up over the learners settled, and `remaining` less by as many. */
  const countsUpdate = (jobId: string, each: readonly Partial<ExportCounts>[]) => {
    const totals = new Map<string, number>();
    for (const counts of each)
      for (const [name, n] of Object.entries(counts))
        if (n !== undefined && n > 0) totals.set(name, (totals.get(name) ?? 0) + n);
    const added = [...totals];
    return {
      Update: {
        TableName: tableName,
        Key: keys.exportJob(jobId),
        UpdateExpression: `ADD ${[...added.map((_, i) => `#c${i} :c${i}`), '#remaining :settled'].join(', ')}`,
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: {
          ...Object.fromEntries(added.map(([name], i) => [`#c${i}`, name])),
          '#remaining': 'remaining',
        },
        ExpressionAttributeValues: {
          ...Object.fromEntries(added.map(([, n], i) => [`:c${i}`, n])),
          ':settled': -each.length,
        },
      },
    };
  };

  const settle: ExportStore['settle'] = async (jobId, result, counts, outbox = []) => {
    const outcome = await transact({
      row: rowPut(jobId, result, await ttlOf(jobId)),
      counts: countsUpdate(jobId, [counts]),
      ...outboxPuts(tableName, outbox, result.settledAt),
    });
    return outcome.ok;
  };

  return {
    async createJob(job, parts, actor, owed) {
      const expiresAtEpoch =
        Math.floor(Date.parse(job.requestedAt) / 1000) + exportRetentionDays * 24 * 60 * 60;
      await transact({
        job: {
          Put: {
            TableName: tableName,
            Item: { ...keys.exportJob(job.id), type: 'export-job', ...job, expiresAtEpoch },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        ...Object.fromEntries(
          parts.map((learners, index) => [
            `part ${index}`,
            {
              Put: {
                TableName: tableName,
                Item: { ...keys.exportPart(job.id, index), type: 'export-part', learners, expiresAtEpoch },
              },
            },
          ]),
        ),
        audit: auditPut(tableName, actor, job.requestedAt, 'profile.export.request', `team:${job.teamId}`, {
          exportId: job.id,
          action: job.action,
          total: job.total,
        }),
        ...outboxPuts(tableName, owed.outbox, job.requestedAt),
      });
    },

    job: (jobId) => get<ExportJob>(keys.exportJob(jobId)),

    async part(jobId, index) {
      const part = await get<{ learners: ExportedLearner[] }>(keys.exportPart(jobId, index));
      return part?.learners ?? [];
    },

    result: (jobId, learnerId) => get<ExportResult>(keys.exportResult(jobId, learnerId)),

    async settledAmong(jobId, learnerIds) {
      const rows = await batchGet<ExportResult>(
        tableName,
        learnerIds.map((id) => keys.exportResult(jobId, id)),
      );
      return new Set(rows.map((row) => row.learnerId));
    },

    results: (jobId, request) =>
      listPage(
        tableName,
        {
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.exportJob(jobId).PK, ':prefix': keys.exportResultPrefix },
          ConsistentRead: true,
        },
        request,
        (item) => withoutKeys<ExportResult>(item),
      ),

    settle,

    async settleAll(jobId, all) {
      const expiresAtEpoch = await ttlOf(jobId);
      // One row per learner: a transaction names an item once, and `remaining` counts learners.
      const settlements = oncePerLearner(all, (one) => one.result.learnerId);
      for (let i = 0; i < settlements.length; i += rowsPerTransaction) {
        const batch = settlements.slice(i, i + rowsPerTransaction);
        const outcome = await transact({
          ...Object.fromEntries(
            batch.map(({ result }) => [`row ${result.learnerId}`, rowPut(jobId, result, expiresAtEpoch)]),
          ),
          counts: countsUpdate(
            jobId,
            batch.map(({ counts }) => counts),
          ),
        });
        if (outcome.ok) continue;
        // Some row was written meanwhile (only a redelivery of the same chunk writes these rows):
        // one by one, each row's own condition decides whether it is counted.
        for (const { result, counts } of batch) await settle(jobId, result, counts);
      }
    },

    async advance(jobId, from, to, owed) {
      const at = new Date().toISOString();
      const outcome = await transact({
        stage: {
          Update: {
            TableName: tableName,
            Key: keys.exportJob(jobId),
            UpdateExpression: 'SET #stage = :to',
            ConditionExpression: '#stage = :from AND #remaining = :zero',
            ExpressionAttributeNames: { '#stage': 'stage', '#remaining': 'remaining' },
            ExpressionAttributeValues: { ':from': from, ':to': to, ':zero': 0 },
          },
        },
        ...outboxPuts(tableName, owed, at),
      });
      return outcome.ok;
    },

    async finishPackaging(jobId, outcome, at, owed) {
      const succeeded = outcome.packaging === 'succeeded';
      const result = await transact({
        job: {
          Update: {
            TableName: tableName,
            Key: keys.exportJob(jobId),
            UpdateExpression: succeeded
              ? 'SET #packaging = :packaging, #stage = :done, #delivered = :delivered, #url = :url, #expiresAt = :expiresAt, #finishedAt = :at'
              : 'SET #packaging = :packaging, #stage = :done, #finishedAt = :at',
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(#packaging)',
            ExpressionAttributeNames: {
              '#packaging': 'packaging',
              '#stage': 'stage',
              '#finishedAt': 'finishedAt',
              ...(succeeded
                ? { '#delivered': 'delivered', '#url': 'downloadUrl', '#expiresAt': 'expiresAt' }
                : {}),
            },
            ExpressionAttributeValues: {
              ':packaging': outcome.packaging,
              ':done': 'done',
              ':at': at,
              ...(succeeded
                ? {
                    ':delivered': outcome.delivered,
                    ':url': outcome.downloadUrl,
                    ':expiresAt': outcome.expiresAt,
                  }
                : {}),
            },
          },
        },
        ...outboxPuts(tableName, owed, at),
      });
      return result.ok;
    },

    async finishSummary(jobId, at) {
      await conditionally(
        dynamo.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.exportJob(jobId),
            UpdateExpression: 'SET #stage = :done, #summarisedAt = :at',
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(#summarisedAt)',
            ExpressionAttributeNames: { '#stage': 'stage', '#summarisedAt': 'summarisedAt' },
            ExpressionAttributeValues: { ':done': 'done', ':at': at },
          }),
        ),
      );
    },
  };
}
