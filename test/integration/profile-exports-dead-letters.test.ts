import { GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { ExportedLearner } from '../../events/profile-export.ts';
import type { QueueId } from '../../events/queues.ts';
import { profileExportUseCases } from '../../domain/exports/use-cases.ts';
import { dynamoExportStore } from '../../functions/adapters/dynamo/export-store.ts';
import { dynamoLearningStore } from '../../functions/adapters/dynamo/learning-store.ts';
import { keys } from '../../functions/adapters/dynamo/keys.ts';
import { dynamo } from '../../functions/shared/clients/dynamo.ts';
import { envNames } from '../../functions/shared/env-names.ts';
import { systemClock, ulidIds } from '../../functions/shared/runtime.ts';
import { api, eventually, mailbox, newOrg, stack, tokenFor } from '../support/api.ts';
import { emailTo } from '../support/mail.ts';
import { learnerWithProfile, unique } from '../support/people.ts';

/**
 * Export messages that fail every delivery (test/support/global-setup.ts shortens the visibility
 * timeout, so a message dies after its queue's five receives in seconds): the dead-letter worker
 * gives up on what they owed, so the job ends instead of staying `running`.
 *
 * The jobs are requested through the export use case but recorded with no start message owed, and
 * the test plays the start step: it sends each chunk itself, the poison one included, so which
 * learners a dead message carried is known exactly.
 */
const sqs = new SQSClient({});
const tableName = () => stack().env[envNames.tableName]!;

async function requester() {
  const org = newOrg('dead-exports');
  const email = `${unique('requester')}@example.com`;
  const token = await tokenFor({ email, org, roles: ['admin'], name: 'Rita Requester' });
  return { org, email, token };
}

async function learners(token: string, names: string[]): Promise<ExportedLearner[]> {
  const made = [];
  for (const name of names) {
    const learner = { name, email: `${unique('learner')}@example.com`, preferredLanguage: 'en' };
    const { learnerId, profileId } = await learnerWithProfile(token, learner);
    made.push({ learnerId, profileId, language: 'en' });
  }
  return made;
}

/**
 * A download export of these learners, requested through the real use case (team, selection, job,
 * parts, audit) but recorded without the start message it owes: nothing runs until the test sends.
 */
async function downloadJob(
  requesting: { org: string; email: string; token: string },
  exported: ExportedLearner[],
) {
  const { org, email, token } = requesting;
  const team = await api('POST', '/v1/teams', { token, body: { name: unique('team') } });
  const learnerIds = exported.map((entry) => entry.learnerId);
  expect(
    (await api('POST', `/v1/teams/${team.body.id}/members`, { token, body: { learnerIds } })).status,
  ).toBe(200);
  const store = dynamoExportStore(tableName());
  const useCases = profileExportUseCases({
    store: { ...store, createJob: (job, parts, actor) => store.createJob(job, parts, actor, { outbox: [] }) },
    learners: dynamoLearningStore(tableName()),
    clock: systemClock,
    ids: ulidIds,
    linkOpenings: { openedAt: async () => undefined },
  });
  const actor = { org, userId: 'rita', email, name: 'Rita Requester' };
  const job = await useCases.request(actor, team.body.id, { learnerIds, action: 'download', language: 'en' });
  return job.id;
}

const send = (queueUrl: string, body: object) =>
  sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(body) }));
const toQueue = (queue: QueueId, body: object) => send(stack().env[envNames.queueUrl(queue)]!, body);
const toDeadLetters = (queue: QueueId, body: object) => send(stack().dlqUrls[queue]!, body);

/** Waits until a DLQ holds nothing, visible or in flight: its worker has handled all it was given. */
const drained = (queue: QueueId) =>
  eventually(async () => {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: stack().dlqUrls[queue]!,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    const held =
      Number(Attributes?.ApproximateNumberOfMessages) +
      Number(Attributes?.ApproximateNumberOfMessagesNotVisible);
    return held === 0 ? true : undefined;
  }, 30_000);

async function ended(token: string, id: string) {
  return eventually(async () => {
    const answer = await api('GET', `/v1/profile-exports/${id}?limit=100`, { token });
    expect(answer.status).toBe(200);
    return ['succeeded', 'partially_succeeded', 'failed'].includes(answer.body.status)
      ? (answer.body as { status: string; results: { learnerId: string }[] } & Record<string, unknown>)
      : undefined;
  }, 120_000);
}

const byLearner = <T extends { learnerId: string }>(results: T[]) =>
  [...results].sort((a, b) => a.learnerId.localeCompare(b.learnerId));

describe('export messages that die (seed 001, failures)', { timeout: 200_000 }, () => {
  it('records the learners of a chunk that failed every delivery as failed with a reason, packages the rest and ends the job partially succeeded, once however often the dead message comes back', async () => {
    const asked = await requester();
    const { email, token } = asked;
    const [kept, lost1, lost2] = await learners(token, ['Begoña Núñez', 'Rémi Poisson', 'Łukasz Wójcik']);
    const jobId = await downloadJob(asked, [kept!, lost1!, lost2!]);
    // A poison chunk: one learner's profile id is too long for a table key, which the chunk's batched
    // reads refuse every time, so the whole message fails before any learner of it is tried (no
    // per-learner catch sees it).
    const poison = {
      v: 1,
      type: 'export.chunk',
      jobId,
      index: 1,
      learners: [lost1, { ...lost2!, profileId: 'p'.repeat(1100) }],
    };
    await toQueue('exports', { v: 1, type: 'export.chunk', jobId, index: 0, learners: [kept] });
    await toQueue('exports', poison);

    const job = await ended(token, jobId);
    const reason = 'The export could not be completed for this learner after several attempts.';
    expect(job).toMatchObject({
      status: 'partially_succeeded',
      total: 3,
      rendered: 1,
      delivered: 1,
      failed: 2,
      downloadUrl: expect.stringContaining('/v1/links/'),
    });
    expect(byLearner(job.results)).toEqual(
      byLearner([
        { learnerId: kept!.learnerId, status: 'delivered' },
        { learnerId: lost1!.learnerId, status: 'failed', error: reason },
        { learnerId: lost2!.learnerId, status: 'failed', error: reason },
      ]),
    );
    const ready = await emailTo(email, 'Your profile download is ready');
    expect(ready.body.text).toContain('The 1 profile PDF(s) you asked for are ready');

    // The dead message handed to the dead-letter worker twice more: nothing is counted or sent again.
    await toDeadLetters('exports', poison);
    await toDeadLetters('exports', poison);
    await drained('exports');
    await new Promise((r) => setTimeout(r, 2000));
    expect(await ended(token, jobId)).toEqual(job);
    expect((await mailbox()).filter((m) => m.destination.to.includes(email))).toHaveLength(1);
  });

  it('ends a download whose packaging failed every delivery as failed, once however often the dead message comes back', async () => {
    const asked = await requester();
    const { email, token } = asked;
    const [only] = await learners(token, ['Chloé Dubois']);
    const jobId = await downloadJob(asked, [only!]);
    // The requester's address cannot be read back (as a bad migration might leave the job): the zip
    // is written, but the link to it can never be issued, after the packager and outside any catch.
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.exportJob(jobId),
        UpdateExpression: 'REMOVE requesterEmail',
      }),
    );
    await toQueue('exports', { v: 1, type: 'export.chunk', jobId, index: 0, learners: [only] });

    const job = await ended(token, jobId);
    expect(job).toMatchObject({ status: 'failed', total: 1, rendered: 1, delivered: 0, failed: 0 });
    expect(job).not.toHaveProperty('downloadUrl');

    await toDeadLetters('packaging', { v: 1, type: 'export.package', jobId });
    await toDeadLetters('packaging', { v: 1, type: 'export.package', jobId });
    await drained('packaging');
    expect(await ended(token, jobId)).toEqual(job);
    expect((await mailbox()).filter((m) => m.destination.to.includes(email))).toHaveLength(0);
  });
});
