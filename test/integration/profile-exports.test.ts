import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { exportZipKey } from '../../domain/exports/pipeline.ts';
import { keys } from '../../functions/adapters/dynamo/keys.ts';
import { dynamo } from '../../functions/shared/clients/dynamo.ts';
import { envNames } from '../../functions/shared/env-names.ts';
import { api, eventually, mailbox, newOrg, stack, tokenFor } from '../support/api.ts';
import { expectError } from '../support/contract.ts';
import { emailTo, linkIn } from '../support/mail.ts';
import { learnerWithProfile, unique } from '../support/people.ts';
import { pdfText } from '../support/pdf-text.ts';
import { unzip } from '../support/zip.ts';

const s3 = new S3Client({ forcePathStyle: true });
const sqs = new SQSClient({});

interface Person {
  name: string;
  email: string;
  preferredLanguage: string;
  format?: 'pdf' | 'digital' | 'none';
}

/** A team admin of a fresh organisation with an address of their own (the requester's emails). */
async function requester() {
  const org = newOrg('exports');
  const email = `${unique('requester')}@example.com`;
  const token = await tokenFor({ email, org, roles: ['admin'], name: 'Rita Requester' });
  return { org, email, token };
}

/** Learners (with a profile unless `format: 'none'`) in one new team. */
async function teamOf(token: string, people: Person[]) {
  const members = [];
  for (const person of people) {
    const learner = { name: person.name, email: person.email, preferredLanguage: person.preferredLanguage };
    if (person.format === 'none') {
      const created = await api('POST', '/v1/learners', { token, body: learner });
      members.push({ ...person, learnerId: created.body.id as string, profileId: undefined });
    } else members.push({ ...person, ...(await learnerWithProfile(token, learner, person.format ?? 'pdf')) });
  }
  const team = await api('POST', '/v1/teams', { token, body: { name: unique('team') } });
  const added = await api('POST', `/v1/teams/${team.body.id}/members`, {
    token,
    body: { learnerIds: members.map((m) => m.learnerId) },
  });
  expect(added.status).toBe(200);
  return { teamId: team.body.id as string, members };
}

const mailTo = (person: string) => `${unique(person)}@example.com`;

/** Twelve learners: names in six languages with diacritics, two of one name, one digital, two without a profile. */
const twelve = (): Person[] => [
  { name: 'François Lefèvre', email: mailTo('fr'), preferredLanguage: 'fr' },
  { name: 'Jürgen Weiß', email: mailTo('de1'), preferredLanguage: 'de' },
  { name: 'Jürgen Weiß', email: mailTo('de2'), preferredLanguage: 'de-AT' },
  { name: 'Begoña Núñez', email: mailTo('es'), preferredLanguage: 'es' },
  { name: 'Daniël van Dijk', email: mailTo('nl'), preferredLanguage: 'nl' },
  { name: 'Łukasz Wójcik', email: mailTo('pl'), preferredLanguage: 'pl' },
  { name: 'Zoë Ångström', email: mailTo('digital'), preferredLanguage: 'en', format: 'digital' },
  { name: 'Chloé Dubois', email: mailTo('fr2'), preferredLanguage: 'fr' },
  { name: 'Sinéad O’Brien', email: mailTo('en'), preferredLanguage: 'en' },
  { name: 'Małgorzata Kowalska', email: mailTo('pl2'), preferredLanguage: 'pl' },
  { name: 'Ana Peña', email: mailTo('none1'), preferredLanguage: 'es', format: 'none' },
  { name: 'Émile Zola', email: mailTo('none2'), preferredLanguage: 'fr', format: 'none' },
];

async function requestExport(
  token: string,
  teamId: string,
  body: object,
  headers: Record<string, string> = {},
) {
  const answer = await api('POST', `/v1/teams/${teamId}/profile-exports`, { token, body, headers });
  expect(answer.status).toBe(202);
  expect(answer.headers.get('location')).toBe(`/v1/profile-exports/${answer.body.id}`);
  return answer;
}

/** Waits for the job to end and answers it with every result row, read page by page. */
async function ended(token: string, id: string, limit = 4) {
  const job = await eventually(async () => {
    const answer = await api('GET', `/v1/profile-exports/${id}`, { token });
    expect(answer.status).toBe(200);
    return ['succeeded', 'partially_succeeded', 'failed'].includes(answer.body.status)
      ? answer.body
      : undefined;
  }, 90_000);
  const results = [];
  let cursor: string | null = null;
  do {
    const page: { body: { results: unknown[]; nextCursor: string | null } } = await api(
      'GET',
      `/v1/profile-exports/${id}?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { token },
    );
    results.push(...page.body.results);
    cursor = page.body.nextCursor;
  } while (cursor);
  return {
    job,
    results: results as { learnerId: string; status: string; error?: string; channel?: string }[],
  };
}

/** Follows an emailed `/v1/links/` link as a browser would and answers the file. */
async function downloadFile(url: string) {
  const redirect = await fetch(url, { redirect: 'manual' });
  expect(redirect.status).toBe(302);
  const file = await fetch(redirect.headers.get('location')!);
  expect(file.status).toBe(200);
  return Buffer.from(await file.arrayBuffer());
}

const emailsTo = async (address: string) =>
  (await mailbox()).filter((m) => m.destination.to.includes(address));

async function resend(queue: 'exports' | 'packaging', message: object) {
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: stack().env[envNames.queueUrl(queue)]!,
      MessageBody: JSON.stringify(message),
    }),
  );
}

// Each test seeds learners, renders PDFs and waits on workers: on a busy 2-core machine that can pass 30 s.
describe('bulk profile exports (seed 001)', { timeout: 120_000 }, () => {
  it('downloads the latest profiles of twelve learners as one zip of ten uniquely named PDFs with an index, emailed as a link', async () => {
    const { email, token } = await requester();
    const { teamId, members } = await teamOf(token, twelve());
    const summary = await api('POST', `/v1/teams/${teamId}/profile-exports/summary`, {
      token,
      body: { all: true },
    });
    expect(summary.status).toBe(200);
    expect(summary.body).toEqual({
      selected: 12,
      withLatestProfile: 10,
      withoutProfile: members.filter((m) => m.format === 'none').map((m) => m.learnerId),
    });

    const answer = await requestExport(token, teamId, {
      all: true,
      action: 'download',
      language: 'preferred',
    });
    expect(answer.body).toEqual({ id: expect.any(String), status: 'queued', total: 10 });
    const { job, results } = await ended(token, answer.body.id);
    expect(job).toMatchObject({
      action: 'download',
      status: 'succeeded',
      total: 10,
      rendered: 10,
      delivered: 10,
      failed: 0,
      downloadUrl: expect.stringContaining('/v1/links/'),
      expiresAt: expect.any(String),
    });
    // When it was asked for and when the zip was recorded, in that order.
    expect(job).toMatchObject({ requestedAt: expect.any(String), finishedAt: expect.any(String) });
    expect(Date.parse(job.requestedAt)).toBeLessThanOrEqual(Date.parse(job.finishedAt));
    const days = (Date.parse(job.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    expect(results).toHaveLength(10);
    expect(new Set(results.map((r) => r.learnerId))).toEqual(
      new Set(members.filter((m) => m.format !== 'none').map((m) => m.learnerId)),
    );
    expect(results.every((r) => r.status === 'delivered')).toBe(true);
    // The job, its selection and its rows live in the job's own partition and expire with the export.
    const stored = await dynamo.send(
      new QueryCommand({
        TableName: stack().env[envNames.tableName]!,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.exportJob(answer.body.id).PK },
      }),
    );
    expect(stored.Items!.filter((item) => String(item.SK).startsWith('RESULT#'))).toHaveLength(10);
    for (const item of stored.Items!) {
      const keptDays = ((item.expiresAtEpoch as number) * 1000 - Date.now()) / 86_400_000;
      expect({ sk: item.SK, keptDays: keptDays > 6.9 && keptDays <= 7 }).toEqual({
        sk: item.SK,
        keptDays: true,
      });
    }

    const sent = await emailTo(email, 'Your profile download is ready');
    const url = linkIn(sent.body.text)!;
    expect(url).toBe(job.downloadUrl);
    const files = await unzip(await downloadFile(url));
    const pdfs = files.filter((f) => f.name.endsWith('.pdf'));
    expect(pdfs).toHaveLength(10);
    expect(new Set(pdfs.map((f) => f.name)).size).toBe(10);
    expect(files.every((f) => f.compressionMethod === 0)).toBe(true);
    expect(pdfs.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        'Profile - Jürgen Weiß - 2026-03-01 (de).pdf',
        'Profile - Jürgen Weiß - 2026-03-01 (de) 2.pdf',
        'Profile - Zoë Ångström - 2026-03-01 (en).pdf',
        'Profile - Łukasz Wójcik - 2026-03-01 (pl).pdf',
      ]),
    );
    const index = files.find((f) => f.name === 'index.csv')!;
    const rows: string[][] = parse(index.bytes.toString('utf8').replace(/^\uFEFF/, ''));
    expect(rows[0]).toEqual(['learner', 'email', 'language', 'completed', 'file']);
    expect(rows.slice(1)).toHaveLength(10);
    for (const [learner, address, language, completed, file] of rows.slice(1)) {
      const member = members.find((m) => m.email === address)!;
      expect(learner).toBe(member.name);
      expect(language).toBe(member.preferredLanguage.slice(0, 2));
      expect(completed).toBe('2026-03-01');
      const pdf = pdfs.find((f) => f.name === file)!;
      expect((await pdfText(new Uint8Array(pdf.bytes))).text).toContain(member.name);
    }
    expect(files.map((f) => f.name)).not.toContain(undefined);
  });

  it('shares, by attachment and by link, each learner their own PDF alone after a download rendered them together', async () => {
    const { token } = await requester();
    const { teamId, members } = await teamOf(token, [
      { name: 'Inès Garçon', email: mailTo('after-download-1'), preferredLanguage: 'fr' },
      { name: 'Jürgen Weiß', email: mailTo('after-download-2'), preferredLanguage: 'de' },
      { name: 'Begoña Núñez', email: mailTo('after-download-3'), preferredLanguage: 'es' },
    ]);
    const download = await requestExport(token, teamId, {
      all: true,
      action: 'download',
      language: 'preferred',
    });
    expect((await ended(token, download.body.id)).job).toMatchObject({ status: 'succeeded', rendered: 3 });
    const [first, second, third] = members;

    const attach = await requestExport(token, teamId, {
      learnerIds: [first!.learnerId, second!.learnerId],
      action: 'share',
      language: 'preferred',
      delivery: 'attachment',
    });
    expect((await ended(token, attach.body.id)).job).toMatchObject({ status: 'succeeded', delivered: 2 });
    const link = await requestExport(token, teamId, {
      learnerIds: [third!.learnerId],
      action: 'share',
      language: 'preferred',
      delivery: 'link',
    });
    expect((await ended(token, link.body.id)).job).toMatchObject({ status: 'succeeded', delivered: 1 });

    /** One whole PDF: it starts as a PDF does, ends once, and names this learner only. */
    const expectOwnPdf = async (bytes: Buffer, name: string, others: string[]) => {
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      expect(bytes.toString('latin1').split('%%EOF')).toHaveLength(2);
      const { text } = await pdfText(new Uint8Array(bytes));
      expect(text).toContain(name);
      for (const other of others) expect(text).not.toContain(other);
    };
    const names = ['Inès Garçon', 'Jürgen Weiß', 'Begoña Núñez'];
    for (const [i, member] of [first!, second!].entries()) {
      const mail = await emailTo(member.email);
      expect(mail.attachments).toHaveLength(1);
      await expectOwnPdf(
        Buffer.from(mail.attachments[0]!.content, 'base64'),
        names[i]!,
        names.filter((_, j) => j !== i),
      );
    }
    const linked = await emailTo(third!.email);
    await expectOwnPdf(await downloadFile(linkIn(linked.body.text)!), names[2]!, names.slice(0, 2));
  });

  it('shares by attachment, by link and as a digital profile, then emails the requester one summary', async () => {
    const { email, token } = await requester();
    const { teamId, members } = await teamOf(token, [
      { name: 'Inès Garçon', email: mailTo('attached'), preferredLanguage: 'fr' },
      { name: 'Zoë Ångström', email: mailTo('digital'), preferredLanguage: 'en', format: 'digital' },
      { name: 'Jürgen Weiß', email: mailTo('linked'), preferredLanguage: 'de' },
    ]);
    const [attached, digital, linked] = members;
    const byAttachment = await requestExport(token, teamId, {
      learnerIds: [attached!.learnerId, digital!.learnerId],
      action: 'share',
      language: 'preferred',
      delivery: 'attachment',
    });
    const first = await ended(token, byAttachment.body.id);
    expect(first.job).toMatchObject({ status: 'succeeded', total: 2, rendered: 2, delivered: 2, failed: 0 });
    expect(first.results.map((r) => [r.learnerId, r.status, r.channel]).sort()).toEqual(
      [
        [attached!.learnerId, 'delivered', 'attachment'],
        [digital!.learnerId, 'delivered', 'digital-link'],
      ].sort(),
    );
    const attachment = await emailTo(attached!.email);
    expect(attachment.subject).toBe('Votre profil est prêt');
    expect(attachment.attachments).toHaveLength(1);
    const pdf = Buffer.from(attachment.attachments[0]!.content, 'base64');
    expect((await pdfText(new Uint8Array(pdf))).text).toContain('Inès Garçon');
    const digitalMail = await emailTo(digital!.email);
    expect(digitalMail.attachments).toHaveLength(0);
    expect(digitalMail.body.text).toContain(`/profiles/${digital!.profileId}/digital`);
    expect(linkIn(digitalMail.body.text)).toBeUndefined();

    const byLink = await requestExport(token, teamId, {
      learnerIds: [linked!.learnerId],
      action: 'share',
      language: 'preferred',
      delivery: 'link',
    });
    expect((await ended(token, byLink.body.id)).job).toMatchObject({ status: 'succeeded', delivered: 1 });
    const linkMail = await emailTo(linked!.email);
    expect(linkMail.attachments).toHaveLength(0);
    const linkedPdf = await downloadFile(linkIn(linkMail.body.text)!);
    expect((await pdfText(new Uint8Array(linkedPdf))).text).toContain('Jürgen Weiß');
    // The row shows when the learner first opened their link; the attachment's row has no link to open.
    const opened = await api('GET', `/v1/profile-exports/${byLink.body.id}`, { token });
    expect(opened.body.results).toEqual([
      {
        learnerId: linked!.learnerId,
        status: 'delivered',
        channel: 'download-link',
        openedAt: expect.any(String),
        // Delivery tracking: the email was sent, and SES's delivery event may have come in already.
        email: { status: expect.stringMatching(/^(sent|delivered)$/), at: expect.any(String) },
      },
    ]);
    expect(first.results.every((r) => !('openedAt' in r))).toBe(true);

    const summaries = await eventually(async () => {
      const found = (await emailsTo(email)).filter((m) => m.subject === 'Your profile share is complete');
      return found.length === 2 ? found : undefined;
    }, 30_000);
    const texts = summaries.map((m) => m.body.text ?? '');
    expect(texts).toEqual(
      expect.arrayContaining([
        expect.stringContaining('2 of 2 profile(s) were shared.'),
        expect.stringContaining('1 of 1 profile(s) were shared.'),
      ]),
    );
    const attachmentSummary = texts.find((t) => t.includes('2 of 2'))!;
    expect(attachmentSummary).toContain(
      'As an attachment: 1. As a download link: 0. As a link to the digital profile: 1.',
    );
    expect(attachmentSummary).not.toContain('could not be shared');
    // A share's last step is its summary: the job says when that was.
    const finished = await eventually(async () => {
      const answer = await api('GET', `/v1/profile-exports/${byLink.body.id}`, { token });
      return answer.body.finishedAt ? answer.body : undefined;
    }, 30_000);
    expect(Date.parse(finished.finishedAt)).toBeGreaterThanOrEqual(Date.parse(finished.requestedAt));
  });

  it('records a learner whose PDF can never be rendered as failed with its reason, delivers the rest, and says so in the summary', async () => {
    const { org, email, token } = await requester();
    const { teamId, members } = await teamOf(token, [
      { name: 'Begoña Núñez', email: mailTo('ok1'), preferredLanguage: 'es' },
      { name: 'Rémi Poisson', email: mailTo('poisoned'), preferredLanguage: 'fr' },
      { name: 'Daniël van Dijk', email: mailTo('ok2'), preferredLanguage: 'nl' },
    ]);
    const poisoned = members[1]!;
    // Stored results the renderer refuses (a score that is no number), as a bad import would leave them.
    await dynamo.send(
      new UpdateCommand({
        TableName: stack().env[envNames.tableName]!,
        Key: keys.learnerProfile(org, poisoned.learnerId, poisoned.profileId!),
        UpdateExpression: 'SET results.scores[0].#value = :bad',
        ExpressionAttributeNames: { '#value': 'value' },
        ExpressionAttributeValues: { ':bad': 'seventy-two' },
      }),
    );
    const answer = await requestExport(token, teamId, {
      all: true,
      action: 'share',
      language: 'preferred',
      delivery: 'link',
    });
    const { job, results } = await ended(token, answer.body.id);
    expect(job).toMatchObject({ status: 'partially_succeeded', total: 3, delivered: 2, failed: 1 });
    expect(results.find((r) => r.learnerId === poisoned.learnerId)).toEqual({
      learnerId: poisoned.learnerId,
      status: 'failed',
      error: 'The profile PDF could not be created.',
    });
    await emailTo(members[0]!.email);
    await emailTo(members[2]!.email);
    expect(await emailsTo(poisoned.email)).toHaveLength(0);
    const summary = await emailTo(email, 'Your profile share is complete');
    expect(summary.body.text).toContain('2 of 3 profile(s) were shared.');
    expect(summary.body.text).toContain(
      `1 could not be shared:\n• Rémi Poisson <${poisoned.email}>: the profile PDF could not be created`,
    );
  });

  it('counts, zips and emails once when every message of a download and a share is delivered again', async () => {
    const { org, email, token } = await requester();
    const people = twelve().slice(0, 4);
    const { teamId, members } = await teamOf(token, people);
    const downloadJob = await requestExport(token, teamId, { all: true, action: 'download', language: 'en' });
    const shareJob = await requestExport(token, teamId, {
      all: true,
      action: 'share',
      language: 'en',
      delivery: 'attachment',
    });
    // The job as the redeliveries must leave it, once its last step (the zip, the summary) is
    // recorded; each email's delivery status (delivery tracking) moves on by itself meanwhile, from
    // SES's events, so it is not part of the comparison.
    const settled = async (jobId: string) => {
      const job = await eventually(async () => {
        const { job: found } = await ended(token, jobId);
        return found.finishedAt ? found : undefined;
      }, 30_000);
      return { ...job, results: job.results.map(({ email: _email, ...row }: { email?: unknown }) => row) };
    };
    const before = { download: await settled(downloadJob.body.id), share: await settled(shareJob.body.id) };
    await emailTo(email, 'Your profile download is ready');
    await emailTo(email, 'Your profile share is complete');
    const zipKey = exportZipKey(org, downloadJob.body.id);
    const bucket = stack().env[envNames.bucketName('exports')]!;
    const zipBefore = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: zipKey }));

    const learners = members.map((m) => ({
      learnerId: m.learnerId,
      profileId: m.profileId!,
      language: 'en',
    }));
    for (const jobId of [downloadJob.body.id, shareJob.body.id]) {
      await resend('exports', { v: 1, type: 'export.start', jobId });
      await resend('exports', { v: 1, type: 'export.chunk', jobId, index: 0, learners });
      await resend('exports', {
        v: 1,
        type: 'export.chunk',
        jobId,
        index: 0,
        learners: learners.slice().reverse(),
      });
    }
    await resend('packaging', { v: 1, type: 'export.package', jobId: downloadJob.body.id });
    await resend('exports', { v: 1, type: 'export.summary', jobId: shareJob.body.id });
    await new Promise((r) => setTimeout(r, 6000));

    expect(await settled(downloadJob.body.id)).toEqual(before.download);
    expect(await settled(shareJob.body.id)).toEqual(before.share);
    expect((await ended(token, shareJob.body.id)).results).toHaveLength(4);
    const zipAfter = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: zipKey }));
    expect(zipAfter.ETag).toBe(zipBefore.ETag);
    expect(zipAfter.LastModified).toEqual(zipBefore.LastModified);
    const zip = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: zipKey }));
    expect((await unzip(Buffer.from(await zip.Body!.transformToByteArray()))).length).toBe(5);
    const toRequester = await emailsTo(email);
    expect(toRequester.filter((m) => m.subject === 'Your profile download is ready')).toHaveLength(1);
    expect(toRequester.filter((m) => m.subject === 'Your profile share is complete')).toHaveLength(1);
    for (const member of members) expect(await emailsTo(member.email)).toHaveLength(1);
  });

  it('answers 404 for another organisation’s export, and one Idempotency-Key starts one job', async () => {
    const { token } = await requester();
    const { teamId, members } = await teamOf(token, [
      { name: 'Chloé Dubois', email: mailTo('idem'), preferredLanguage: 'fr' },
    ]);
    const body = { learnerIds: [members[0]!.learnerId], action: 'download', language: 'preferred' };
    const key = unique('export-key');
    const first = await requestExport(token, teamId, body, { 'idempotency-key': key });
    const again = await requestExport(token, teamId, body, { 'idempotency-key': key });
    expect(again.body.id).toBe(first.body.id);
    const audit = await api('GET', '/v1/audit?limit=100', { token });
    expect(
      audit.body.items.filter((e: { action: string }) => e.action === 'profile.export.request'),
    ).toHaveLength(1);

    const stranger = await requester();
    expectError(
      await api('GET', `/v1/profile-exports/${first.body.id}`, { token: stranger.token }),
      404,
      'NOT_FOUND',
    );
    // Nor can they export from, or summarise, a team that is not theirs.
    expect(
      (await api('POST', `/v1/teams/${teamId}/profile-exports`, { token: stranger.token, body })).status,
    ).toBe(404);
  });

  it('refuses learners who are not members, unknown or from another organisation, with one detail each in the same words', async () => {
    const { token } = await requester();
    const { teamId, members } = await teamOf(token, [
      { name: 'Ana Peña', email: mailTo('member'), preferredLanguage: 'es' },
      { name: 'Bo Berg', email: mailTo('outsider'), preferredLanguage: 'nl' },
    ]);
    const other = await requester();
    const foreign = await learnerWithProfile(other.token, {
      name: 'X',
      email: mailTo('x'),
      preferredLanguage: 'en',
    });
    const outsider = await api('POST', '/v1/learners', {
      token,
      body: { name: 'Not In Team', email: mailTo('notin'), preferredLanguage: 'en' },
    });
    const refused = await api('POST', `/v1/teams/${teamId}/profile-exports/summary`, {
      token,
      body: { learnerIds: [members[0]!.learnerId, 'unknown-id', foreign.learnerId, outsider.body.id] },
    });
    expectError(refused, 400, 'VALIDATION_FAILED');
    expect(refused.body.error.details).toEqual([
      { path: 'learnerIds', message: 'unknown-id is not a member of this team' },
      { path: 'learnerIds', message: `${foreign.learnerId} is not a member of this team` },
      { path: 'learnerIds', message: `${outsider.body.id} is not a member of this team` },
    ]);
    const both = await api('POST', `/v1/teams/${teamId}/profile-exports`, {
      token,
      body: { all: true, learnerIds: [members[0]!.learnerId], action: 'download', language: 'en' },
    });
    expectError(both, 400, 'VALIDATION_FAILED');
  });
});
