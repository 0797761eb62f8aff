import { randomUUID } from 'node:crypto';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { lambdaContext } from '../../infra/local/lambda-context.ts';
import { describe, expect, it } from 'vitest';
import { emailTags, type EmailSubject } from '../../events/email-subject.ts';
import { sesEvent, type SesEventType, sesDetailTypes } from '../../events/ses-events.ts';
import { envNames } from '../../functions/shared/env-names.ts';
import { api, eventually, newOrg, stack, tokenFor } from '../support/api.ts';
import { emailTo, linkIn } from '../support/mail.ts';
import { learnerWithProfile, practitioner, unique } from '../support/people.ts';

/**
 * Delivery tracking (api.md "Mail delivery events"): what became of each email, from SES's events.
 * Locally the stack makes the events SES's mailbox simulator would, for every email the SES
 * emulator accepts, and the same worker as in AWS reads them from the same queue.
 */
const sqs = new SQSClient({});
const simulator = (mailbox: 'success' | 'bounce' | 'complaint') =>
  `${mailbox}+${unique('label')}@simulator.amazonses.com`;

type Row = {
  learnerId: string;
  status: string;
  email?: { status: string; at?: string; reason?: string; bounceType?: string };
  openedAt?: string;
};

/** Every result row of an export, page by page. */
async function rowsOf(token: string, jobId: string): Promise<Row[]> {
  const rows: Row[] = [];
  let cursor: string | null = null;
  do {
    const page: { status: number; body: { results: Row[]; nextCursor: string | null } } = await api(
      'GET',
      `/v1/profile-exports/${jobId}?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { token },
    );
    expect(page.status).toBe(200);
    rows.push(...page.body.results);
    cursor = page.body.nextCursor;
  } while (cursor);
  return rows;
}

/** An SES event as EventBridge delivers it to the queue, for an email with `subject`'s tags. */
function eventFor(type: SesEventType, subject: EmailSubject | undefined, at: string, recipient: string) {
  const tags: Record<string, string[]> = { 'ses:configuration-set': ['local'] };
  for (const [name, value] of Object.entries(subject ? emailTags(subject) : {})) tags[name] = [value];
  const mail = {
    timestamp: at,
    messageId: `test-${randomUUID()}`,
    source: 'no-reply@example.com',
    destination: [recipient],
    tags,
  };
  const outcome = {
    Delivery: { delivery: { timestamp: at, recipients: [recipient], smtpResponse: '250 2.0.0 OK' } },
    Bounce: {
      bounce: {
        bounceType: 'Permanent',
        bounceSubType: 'General',
        bouncedRecipients: [
          {
            emailAddress: recipient,
            action: 'failed',
            status: '5.1.1',
            diagnosticCode: 'smtp; 550 5.1.1 user unknown',
          },
        ],
        timestamp: at,
        feedbackId: randomUUID(),
      },
    },
    Complaint: {
      complaint: {
        complainedRecipients: [{ emailAddress: recipient }],
        timestamp: at,
        feedbackId: randomUUID(),
      },
    },
    Reject: { reject: { reason: 'Bad content' } },
    DeliveryDelay: {
      deliveryDelay: {
        timestamp: at,
        delayType: 'MailboxFull',
        delayedRecipients: [{ emailAddress: recipient }],
      },
    },
  }[type];
  return sesEvent.parse({
    version: '0',
    id: randomUUID(),
    'detail-type': sesDetailTypes[type],
    source: 'aws.ses',
    account: '000000000000',
    time: at,
    region: 'eu-west-1',
    resources: [],
    detail: { eventType: type, mail, ...outcome },
  });
}

const queueUrl = () => stack().env[envNames.queueUrl('ses-events')]!;
const publish = (event: object) =>
  sqs.send(new SendMessageCommand({ QueueUrl: queueUrl(), MessageBody: JSON.stringify(event) }));

/**
 * Hands events to the ses-events worker as Lambda's SQS event source would (the local poller does
 * the same), and answers which records it reports failed: those, and only those, SQS would deliver
 * again and finally dead-letter.
 */
async function trackEvents(events: object[]): Promise<SQSBatchResponse> {
  const { handler } = await import('../../functions/workers/track-email.ts');
  const Records = events.map((event, i) => ({
    messageId: `tracking-test-${i}-${randomUUID()}`,
    receiptHandle: 'handle',
    body: JSON.stringify(event),
    attributes: { ApproximateReceiveCount: '1' },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:local:000000000000:ses-events',
    awsRegion: 'local',
  })) as unknown as SQSRecord[];
  return (await handler({ Records }, lambdaContext('track-email', 30))) as SQSBatchResponse;
}

describe('delivery tracking from SES events', { timeout: 150_000 }, () => {
  it('shows each learner of a share export delivered, bounced or complained, and when a link was first opened', async () => {
    const org = newOrg('tracking');
    const token = await tokenFor({
      email: `${unique('admin')}@example.com`,
      org,
      roles: ['admin'],
      name: 'Ada Admin',
    });
    const people = {
      success: simulator('success'),
      bounce: simulator('bounce'),
      complaint: simulator('complaint'),
      ordinary: `${unique('learner')}@example.com`,
    };
    const learners: Record<string, string> = {};
    for (const [label, email] of Object.entries(people)) {
      const made = await learnerWithProfile(token, {
        name: `Learner ${label}`,
        email,
        preferredLanguage: 'en',
      });
      learners[label] = made.learnerId;
    }
    const team = await api('POST', '/v1/teams', { token, body: { name: unique('team') } });
    await api('POST', `/v1/teams/${team.body.id}/members`, {
      token,
      body: { learnerIds: Object.values(learners) },
    });
    const job = await api('POST', `/v1/teams/${team.body.id}/profile-exports`, {
      token,
      body: { all: true, action: 'share', language: 'preferred', delivery: 'link' },
    });
    expect(job.status).toBe(202);

    const expected = {
      success: 'delivered',
      bounce: 'bounced',
      complaint: 'complained',
      ordinary: 'delivered',
    };
    const rows = await eventually(async () => {
      const found = await rowsOf(token, job.body.id);
      const byLearner = new Map(found.map((row) => [row.learnerId, row]));
      const settled = Object.entries(expected).every(
        ([label, status]) => byLearner.get(learners[label]!)?.email?.status === status,
      );
      return settled ? byLearner : undefined;
    }, 120_000);
    const bounced = rows.get(learners.bounce!)!;
    expect(bounced.email).toMatchObject({
      status: 'bounced',
      bounceType: 'permanent',
      reason: 'mailbox does not exist',
    });
    expect(bounced.email!.at).toEqual(expect.any(String));
    for (const label of ['success', 'complaint', 'ordinary'])
      expect(rows.get(learners[label]!)!.openedAt).toBeUndefined();

    // The learner follows the emailed link: their row shows when it was first opened.
    const link = linkIn((await emailTo(people.ordinary)).body.text)!;
    expect((await fetch(link, { redirect: 'manual' })).status).toBe(302);
    const opened = await eventually(async () => {
      const row = (await rowsOf(token, job.body.id)).find((r) => r.learnerId === learners.ordinary);
      return row?.openedAt ? row : undefined;
    });
    expect(Date.parse(opened.openedAt!)).not.toBeNaN();
    expect(opened.email!.status).toBe('delivered');
  });

  it('shows an invitation to a bouncing address bounced, with the reason in words', async () => {
    const { token } = await practitioner({ introductory: 1 });
    const address = simulator('bounce');
    const sent = await api('POST', '/v1/invitations', {
      token,
      body: { email: address, product: 'introductory' },
    });
    expect(sent.status).toBe(201);
    expect(sent.body.email).toBe(address);
    const bounced = await eventually(async () => {
      const answer = await api('GET', `/v1/invitations/${sent.body.id}`, { token });
      return answer.body.email?.status === 'bounced' ? answer.body : undefined;
    }, 60_000);
    expect(bounced.email).toMatchObject({ address, status: 'bounced', reason: 'mailbox does not exist' });
    // Lists keep `email` as the address (api.md: the invitation's shape).
    const listed = await api('GET', '/v1/invitations', { token });
    expect(listed.body.items.find((i: { id: string }) => i.id === sent.body.id).email).toBe(address);
  });

  it('shows a transfer offered to a bouncing address bounced, beside the address it was sent to', async () => {
    const { token } = await practitioner({ expert: 2 });
    const address = simulator('bounce');
    const sent = await api('POST', '/v1/transfers', {
      token,
      body: { product: 'expert', quantity: 1, email: address },
    });
    expect(sent.status).toBe(201);
    const listed = await eventually(async () => {
      const page = await api('GET', '/v1/transfers?direction=sent', { token });
      const transfer = page.body.items.find((t: { id: string }) => t.id === sent.body.id);
      return transfer?.emailDelivery?.status === 'bounced' ? transfer : undefined;
    }, 60_000);
    expect(listed).toMatchObject({
      email: address,
      emailDelivery: { status: 'bounced', reason: 'mailbox does not exist' },
    });
  });

  it('still sends the email of an organisation whose id cannot fit an SES tag, untracked', async () => {
    const { token } = await practitioner({ introductory: 1 }, { label: '株'.repeat(30) });
    const address = simulator('success');
    const sent = await api('POST', '/v1/invitations', {
      token,
      body: { email: address, product: 'introductory' },
    });
    expect(sent.status).toBe(201);
    const mail = await emailTo(address);
    expect(mail.subject).toEqual(expect.any(String));
  });

  it('moves a status only forward: a duplicate changes nothing and a late delivery never overwrites a bounce', async () => {
    const org = newOrg('tracking');
    const token = await tokenFor({ email: `${unique('admin')}@example.com`, org, roles: ['admin'] });
    const address = simulator('success');
    const { learnerId, profileId } = await learnerWithProfile(token, {
      name: 'Out Of Order',
      email: address,
      preferredLanguage: 'en',
    });
    const shared = await api('POST', `/v1/learners/${learnerId}/profiles/${profileId}/shares`, {
      token,
      body: { delivery: 'link' },
    });
    expect(shared.status).toBe(202);
    const statusUrl = shared.headers.get('location')!;
    const shareNow = async () => (await api('GET', statusUrl, { token })).body;
    await eventually(
      async () => ((await shareNow()).email?.status === 'delivered' ? true : undefined),
      60_000,
    );

    // A bounce after the delivery (SES reports some late) comes through the queue, as in AWS.
    const subject: EmailSubject = { kind: 'profile-share', org, share: shared.body.id };
    const bounce = eventFor('Bounce', subject, new Date().toISOString(), address);
    await publish(bounce);
    const afterBounce = await eventually(async () => {
      const share = await shareNow();
      return share.email?.status === 'bounced' ? share : undefined;
    });

    // The same bounce again, a delivery and a complaint arriving late: each handled (nothing to
    // retry), and the share stays exactly as it was.
    const handled = await trackEvents([
      bounce,
      eventFor('Delivery', subject, new Date().toISOString(), address),
      eventFor('Complaint', subject, new Date().toISOString(), address),
    ]);
    expect(handled.batchItemFailures).toEqual([]);
    expect(await shareNow()).toEqual(afterBounce);
  });

  it('drops an event for an email nothing tracks: handled, so it is never retried into the dead-letter queue', async () => {
    const at = new Date().toISOString();
    const handled = await trackEvents([
      eventFor('Delivery', undefined, at, 'someone@example.com'),
      eventFor(
        'Bounce',
        { kind: 'invitation', org: newOrg('nobody'), invitation: 'no-such-invitation' },
        at,
        'x@example.com',
      ),
      eventFor(
        'Delivery',
        { kind: 'export-requester', org: newOrg('nobody'), job: 'j' },
        at,
        'x@example.com',
      ),
    ]);
    expect(handled.batchItemFailures).toEqual([]);
    // Whereas something that is not an SES event at all is refused, and would be retried, then dead-lettered.
    const refused = await trackEvents([
      { source: 'aws.ses', detail: {} },
      eventFor('Delivery', undefined, at, 'y@example.com'),
    ]);
    expect(refused.batchItemFailures.map((f) => f.itemIdentifier)).toEqual([
      expect.stringMatching(/^tracking-test-0-/),
    ]);
  });
});
