import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { ExportResult } from '../../domain/exports/model.ts';
import { dynamoExportStore } from '../../functions/adapters/dynamo/export-store.ts';
import { keys } from '../../functions/adapters/dynamo/keys.ts';
import { dynamoRenderedPdfIndex } from '../../functions/adapters/dynamo/rendered-pdf-index.ts';
import { dynamo } from '../../functions/shared/clients/dynamo.ts';
import { envNames } from '../../functions/shared/env-names.ts';
import { newOrg, stack } from '../support/api.ts';
import { freshExportJob } from '../support/export-jobs.ts';
import { unique } from '../support/people.ts';

/**
 * The writes a download chunk makes at once, against DynamoDB Local (their conditions and batches
 * are DynamoDB's semantics): its rows and counts in one transaction, and the rendered-PDF index it
 * reads instead of asking the bucket once per learner.
 */
const tableName = () => stack().env[envNames.tableName]!;

/** Counts the TransactWriteItems calls the store makes through the shared client until stopped. */
function countingTransactions() {
  let count = 0;
  const name = `count-transactions-${unique('m')}`;
  dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'TransactWriteItemsCommand') count += 1;
      return next(args);
    },
    { step: 'initialize', name },
  );
  return {
    stop() {
      dynamo.middlewareStack.remove(name);
      return count;
    },
  };
}
const day = 24 * 60 * 60 * 1000;

async function newJob(total: number): Promise<string> {
  const id = unique('job');
  const job = freshExportJob('download', total, {
    id,
    org: newOrg('chunk-writes'),
    requestedAt: new Date().toISOString(),
    parts: 0,
  });
  await dynamoExportStore(tableName()).createJob(
    job,
    [],
    { org: job.org, userId: 'u', email: job.requesterEmail },
    { outbox: [] },
  );
  return id;
}

const row = (learnerId: string, status: 'rendered' | 'failed' = 'rendered'): ExportResult => ({
  learnerId,
  profileId: `p-${learnerId}`,
  language: 'en',
  name: `Name ${learnerId}`,
  email: `${learnerId}@example.com`,
  completedAt: '2026-03-01T10:00:00.000Z',
  status,
  settledAt: new Date().toISOString(),
});
const settlement = (learnerId: string, status: 'rendered' | 'failed' = 'rendered') => ({
  result: row(learnerId, status),
  counts: status === 'rendered' ? { rendered: 1 } : { failed: 1 },
});

describe('settling a chunk of learners at once', () => {
  it('writes every row and counts them on the job in one go, and a repeated chunk counts nothing again', async () => {
    const store = dynamoExportStore(tableName());
    const jobId = await newJob(60);
    // 60 learners: more than one transaction holds, so it takes two.
    const chunk = Array.from({ length: 60 }, (_, i) =>
      settlement(`l${i}`, i % 10 === 0 ? 'failed' : 'rendered'),
    );
    const transactions = countingTransactions();
    await store.settleAll(jobId, chunk);
    // Two transactions of up to 50 rows each, not one per learner.
    expect(transactions.stop()).toBe(2);
    await store.settleAll(jobId, chunk);
    expect(await store.job(jobId)).toMatchObject({ rendered: 54, failed: 6, remaining: 0 });
    expect((await store.results(jobId, { limit: 100 })).items).toHaveLength(60);
  });

  it('writes and counts a learner named twice once', async () => {
    const store = dynamoExportStore(tableName());
    const jobId = await newJob(2);
    await store.settleAll(jobId, [settlement('a'), settlement('a'), settlement('b')]);
    expect(await store.job(jobId)).toMatchObject({ rendered: 2, remaining: 0 });
  });

  it('counts only the rows it writes when a redelivery of the chunk wrote some of them first', async () => {
    const store = dynamoExportStore(tableName());
    const jobId = await newJob(5);
    // The other delivery settled two learners, one of them differently (its render failed there).
    await store.settle(jobId, row('b', 'failed'), { failed: 1 });
    await store.settle(jobId, row('d'), { rendered: 1 });
    await store.settleAll(
      jobId,
      ['a', 'b', 'c', 'd', 'e'].map((id) => settlement(id)),
    );
    expect(await store.job(jobId)).toMatchObject({ rendered: 4, failed: 1, remaining: 0 });
    expect(await store.result(jobId, 'b')).toMatchObject({ status: 'failed' });
  });
});

describe('the rendered-PDF index', () => {
  const pdf = (profileId: string, language = 'en') => ({
    profileId,
    language,
    key: `rendered/o/${profileId}/v1/${language}.pdf`,
    bytes: 12_345,
  });

  it('answers the PDFs it was told of, by profile and language, only in their organisation', async () => {
    const index = dynamoRenderedPdfIndex(tableName());
    const org = newOrg('pdf-index');
    const [a, b] = [unique('pa'), unique('pb')];
    await index.remember(org, [pdf(a), pdf(a, 'fr'), pdf(b, 'de')]);
    const found = await index.among(org, [
      { profileId: a, language: 'en' },
      { profileId: a, language: 'de' },
      { profileId: b, language: 'de' },
      { profileId: unique('never'), language: 'en' },
    ]);
    expect(found.sort((x, y) => x.key.localeCompare(y.key))).toEqual(
      [pdf(a), pdf(b, 'de')].sort((x, y) => x.key.localeCompare(y.key)),
    );
    expect(await index.among(newOrg('other'), [{ profileId: a, language: 'en' }])).toEqual([]);
  });

  it('answers where in their shared object PDFs rendered together are', async () => {
    const index = dynamoRenderedPdfIndex(tableName());
    const org = newOrg('pdf-index');
    const [a, b] = [unique('pa'), unique('pb')];
    const key = 'rendered/o/together/v1/01J.pdfs';
    await index.remember(org, [
      { profileId: a, language: 'en', key, offset: 0, bytes: 40_000 },
      { profileId: b, language: 'en', key, offset: 40_000, bytes: 41_000 },
    ]);
    const found = await index.among(org, [
      { profileId: a, language: 'en' },
      { profileId: b, language: 'en' },
    ]);
    expect(found.sort((x, y) => x.offset! - y.offset!)).toEqual([
      { profileId: a, language: 'en', key, offset: 0, bytes: 40_000 },
      { profileId: b, language: 'en', key, offset: 40_000, bytes: 41_000 },
    ]);
  });

  it('stops answering a PDF a day before the bucket may delete it, and expires the entry with it', async () => {
    const org = newOrg('pdf-index');
    const profileId = unique('p');
    const renderedAt = new Date();
    await dynamoRenderedPdfIndex(tableName(), () => renderedAt).remember(org, [pdf(profileId)]);
    const asOf = (at: number) => dynamoRenderedPdfIndex(tableName(), () => new Date(at));
    const wanted = [{ profileId, language: 'en' }];
    expect(await asOf(renderedAt.getTime() + 88 * day).among(org, wanted)).toHaveLength(1);
    // The profiles bucket keeps a PDF 90 days: after 89 the index no longer vouches for it.
    expect(await asOf(renderedAt.getTime() + 89 * day + 1000).among(org, wanted)).toEqual([]);
    const stored = await dynamo.send(
      new GetCommand({ TableName: tableName(), Key: keys.renderedPdf(org, profileId, 'en') }),
    );
    expect(stored.Item?.expiresAtEpoch).toBe(Math.floor((renderedAt.getTime() + 89 * day) / 1000));
  });

  it('answers no entry written for another layout of the PDF', async () => {
    const org = newOrg('pdf-index');
    const profileId = unique('p');
    await dynamo.send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...keys.renderedPdf(org, profileId, 'en'),
          ...pdf(profileId),
          layout: -1,
          renderedAt: new Date().toISOString(),
        },
      }),
    );
    expect(await dynamoRenderedPdfIndex(tableName()).among(org, [{ profileId, language: 'en' }])).toEqual([]);
  });
});
