import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { describe, expect, it } from 'vitest';
import { sesEvent, type SesEvent } from '../../events/ses-events.ts';
import {
  acceptedSend,
  simulatedEvents,
  simulatedOutcomes,
  sqsEventSink,
  type AcceptedSend,
  type EventOrigin,
} from '../../infra/local/ses-event-publisher.ts';
import { resetAfterEach } from '../support/sdk-mocks.ts';

/**
 * The local SES event publisher's mapping (infra/local/ses-event-publisher.ts): which events SES's
 * mailbox simulator makes for a recipient (api.md, "Mail delivery events"), in AWS's shape, and
 * what it reads of a send.
 */
const sentAt = new Date('2026-04-01T08:00:00.250Z');
const send = (destination: string[]): AcceptedSend => ({
  messageId: '010201abc-local-000000',
  sentAt,
  configurationSet: 'profile-sharing',
  source: 'Profiles <no-reply@profiles.local>',
  destination,
  emailTags: [
    { Name: 'kind', Value: 'export' },
    { Name: 'job', Value: 'J1' },
  ],
  headers: [{ name: 'Subject', value: 'Your export' }],
  commonHeaders: { from: ['Profiles <no-reply@profiles.local>'], to: destination, subject: 'Your export' },
});
const origin: EventOrigin = {
  account: '123456789012',
  region: 'eu-west-1',
  sourceIp: '127.0.0.1',
  callerIdentity: 'S3RVER',
};

const eventsFor = (recipient: string) => simulatedEvents(recipient, send([recipient]), origin);
const kinds = (events: SesEvent[]) =>
  events.map((e) =>
    e.detail.eventType === 'Bounce' ? `Bounce/${e.detail.bounce.bounceSubType}` : e.detail.eventType,
  );

describe('the mailbox simulator, locally', () => {
  it.each([
    ['success@simulator.amazonses.com', ['Delivery']],
    ['ooto@simulator.amazonses.com', ['Delivery']],
    ['someone@example.org', ['Delivery']],
    ['bounce@example.org', ['Delivery']],
    ['bounce@simulator.amazonses.com', ['Bounce/General']],
    ['bounce+learner-7@simulator.amazonses.com', ['Bounce/General']],
    ['Bounce+X@Simulator.AmazonSES.com', ['Bounce/General']],
    ['suppressionlist@simulator.amazonses.com', ['Bounce/OnAccountSuppressionList']],
    ['suppressionlist+a@simulator.amazonses.com', ['Bounce/OnAccountSuppressionList']],
    ['complaint@simulator.amazonses.com', ['Delivery', 'Complaint']],
    ['complaint+share-3@simulator.amazonses.com', ['Delivery', 'Complaint']],
    ['success+x@simulator.amazonses.com', ['Delivery']],
  ])('makes %s end in %j', (recipient, expected) => {
    expect(kinds(eventsFor(recipient))).toEqual(expected);
    expect(
      simulatedOutcomes(recipient).map((o) =>
        o.eventType === 'Bounce' ? `Bounce/${o.bounceSubType}` : o.eventType,
      ),
    ).toEqual(expected);
  });

  it('makes only events the ses-events worker can read', () => {
    for (const recipient of [
      'success@simulator.amazonses.com',
      'bounce@simulator.amazonses.com',
      'suppressionlist@simulator.amazonses.com',
      'complaint@simulator.amazonses.com',
    ])
      for (const event of eventsFor(recipient)) expect(sesEvent.safeParse(event).success).toBe(true);
  });

  it('wraps each record in EventBridge’s envelope, scoped to the configuration set', () => {
    const [event] = eventsFor('success@simulator.amazonses.com');
    expect(event).toMatchObject({
      version: '0',
      'detail-type': 'Email Delivered',
      source: 'aws.ses',
      account: '123456789012',
      region: 'eu-west-1',
      resources: ['arn:aws:ses:eu-west-1:123456789012:configuration-set/profile-sharing'],
    });
    expect(event!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(event!.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    for (const recipient of ['bounce@simulator.amazonses.com', 'complaint@simulator.amazonses.com'])
      for (const { time } of eventsFor(recipient)) expect(Date.parse(time)).toBeGreaterThan(sentAt.getTime());
    expect(eventsFor('success@simulator.amazonses.com')[0]!.id).not.toBe(event!.id);
  });

  it('describes the mail as SES does: id, sender, recipients, headers and every tag as a list', () => {
    const [event] = eventsFor('bounce+1@simulator.amazonses.com');
    expect(event!.detail.mail).toEqual({
      timestamp: '2026-04-01T08:00:00.250Z',
      source: 'Profiles <no-reply@profiles.local>',
      sourceArn: 'arn:aws:ses:eu-west-1:123456789012:identity/profiles.local',
      sendingAccountId: '123456789012',
      messageId: '010201abc-local-000000',
      destination: ['bounce+1@simulator.amazonses.com'],
      headersTruncated: false,
      headers: [{ name: 'Subject', value: 'Your export' }],
      commonHeaders: {
        from: ['Profiles <no-reply@profiles.local>'],
        to: ['bounce+1@simulator.amazonses.com'],
        subject: 'Your export',
      },
      tags: {
        kind: ['export'],
        job: ['J1'],
        'ses:configuration-set': ['profile-sharing'],
        'ses:source-ip': ['127.0.0.1'],
        'ses:from-domain': ['profiles.local'],
        'ses:caller-identity': ['S3RVER'],
      },
    });
  });

  it('keeps SES’s own tags even when a send names a tag like them', () => {
    const spoofed = { ...send(['success@simulator.amazonses.com']) };
    spoofed.emailTags = [{ Name: 'ses:configuration-set', Value: 'other' }];
    const [event] = simulatedEvents('success@simulator.amazonses.com', spoofed, origin);
    expect(event!.detail.mail.tags['ses:configuration-set']).toEqual(['profile-sharing']);
  });

  it('bounces bounce@ permanently as an unknown user, and suppressionlist@ as on the account’s suppression list', () => {
    const [unknown] = eventsFor('bounce@simulator.amazonses.com');
    if (unknown!.detail.eventType !== 'Bounce') throw new Error('not a bounce');
    expect(unknown!.detail.bounce).toMatchObject({
      bounceType: 'Permanent',
      bounceSubType: 'General',
      bouncedRecipients: [
        {
          emailAddress: 'bounce@simulator.amazonses.com',
          action: 'failed',
          status: '5.1.1',
          diagnosticCode: 'smtp; 550 5.1.1 user unknown',
        },
      ],
    });
    const [suppressed] = eventsFor('suppressionlist@simulator.amazonses.com');
    if (suppressed!.detail.eventType !== 'Bounce') throw new Error('not a bounce');
    expect(suppressed!.detail.bounce).toMatchObject({
      bounceType: 'Permanent',
      bounceSubType: 'OnAccountSuppressionList',
    });
    expect(suppressed!.detail.bounce.bouncedRecipients[0]!.emailAddress).toBe(
      'suppressionlist@simulator.amazonses.com',
    );
  });

  it('delivers complaint@ first and has it complained about afterwards, both after the send', () => {
    const [delivery, complaint] = eventsFor('complaint+9@simulator.amazonses.com');
    if (delivery!.detail.eventType !== 'Delivery' || complaint!.detail.eventType !== 'Complaint')
      throw new Error('not a delivery then a complaint');
    const deliveredAt = Date.parse(delivery!.detail.delivery.timestamp);
    const complainedAt = Date.parse(complaint!.detail.complaint.timestamp);
    expect(deliveredAt).toBeGreaterThan(sentAt.getTime());
    expect(complainedAt).toBeGreaterThan(deliveredAt);
    expect(delivery!.detail.delivery.recipients).toEqual(['complaint+9@simulator.amazonses.com']);
    expect(complaint!.detail.complaint).toMatchObject({
      complainedRecipients: [{ emailAddress: 'complaint+9@simulator.amazonses.com' }],
      complaintFeedbackType: 'abuse',
    });
    expect(Date.parse(complaint!.time)).toBeGreaterThanOrEqual(Date.parse(delivery!.time));
  });

  it('makes events for one recipient only, while the mail names all of them', () => {
    const both = send(['bounce@simulator.amazonses.com', 'success@simulator.amazonses.com']);
    const events = simulatedEvents('bounce@simulator.amazonses.com', both, origin);
    expect(kinds(events)).toEqual(['Bounce/General']);
    expect(events[0]!.detail.mail.destination).toEqual(both.destination);
  });
});

describe('what the publisher reads of a send', () => {
  const raw = (to: string | string[], cc?: string) =>
    new MailComposer({
      from: 'Profiles <no-reply@profiles.local>',
      to,
      ...(cc ? { cc } : {}),
      subject: 'Ihr Export ist fertig',
      text: 'hello',
      attachments: [{ filename: 'a.pdf', content: Buffer.alloc(64 * 1024, 1) }],
    })
      .compile()
      .build();

  it('takes a raw message’s recipients from its To and Cc headers, as bare addresses', async () => {
    const data = (
      await raw(['Ann Example <bounce+a@simulator.amazonses.com>', 'b@example.org'], 'c@example.org')
    ).toString('base64');
    const read = await acceptedSend(
      {
        ConfigurationSetName: 'profile-sharing',
        Content: { Raw: { Data: data } },
        EmailTags: [{ Name: 'kind', Value: 'share' }],
      },
      'm-1',
      sentAt,
    );
    expect(read.destination).toEqual(['bounce+a@simulator.amazonses.com', 'b@example.org', 'c@example.org']);
    expect(read).toMatchObject({
      messageId: 'm-1',
      configurationSet: 'profile-sharing',
      source: 'Profiles <no-reply@profiles.local>',
      emailTags: [{ Name: 'kind', Value: 'share' }],
      commonHeaders: { from: ['Profiles <no-reply@profiles.local>'], subject: 'Ihr Export ist fertig' },
    });
    expect(read.commonHeaders.messageId).toMatch(/^<.+@.+>$/);
    expect(read.headers.map((h) => h.name)).toEqual(
      expect.arrayContaining(['From', 'To', 'Subject', 'Message-ID']),
    );
    // The body and its attachment are not headers.
    expect(read.headers.some((h) => h.value.includes('a.pdf'))).toBe(false);
  });

  it('takes the request’s Destination over the headers, as SES does', async () => {
    const data = (await raw('header@example.org')).toString('base64');
    const read = await acceptedSend(
      {
        Content: { Raw: { Data: data } },
        Destination: { ToAddresses: ['complaint@simulator.amazonses.com'], BccAddresses: ['x@example.org'] },
      },
      'm-2',
      sentAt,
    );
    expect(read.destination).toEqual(['complaint@simulator.amazonses.com', 'x@example.org']);
  });

  it('reads a simple send’s sender, recipients and subject from the request', async () => {
    const read = await acceptedSend(
      {
        FromEmailAddress: 'no-reply@profiles.local',
        Destination: { ToAddresses: ['success@simulator.amazonses.com'] },
        Content: { Simple: { Subject: { Data: 'Hi' } } },
      },
      'm-3',
      sentAt,
    );
    expect(read).toMatchObject({
      source: 'no-reply@profiles.local',
      destination: ['success@simulator.amazonses.com'],
      commonHeaders: {
        from: ['no-reply@profiles.local'],
        to: ['success@simulator.amazonses.com'],
        subject: 'Hi',
      },
    });
  });
});

describe('the SQS target', () => {
  const sqs = mockClient(SQSClient);
  resetAfterEach(sqs);

  it('puts each event on the queue as the message body, visible no earlier than it happened', async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'q-1' });
    const publish = sqsEventSink(new SQSClient({ region: 'eu-west-1' }), 'http://sqs/q', () => sentAt);
    const events = eventsFor('complaint@simulator.amazonses.com');
    for (const event of events) await publish(event);
    const inputs = sqs.commandCalls(SendMessageCommand).map((c) => c.args[0].input);
    expect(inputs.map((i) => i.QueueUrl)).toEqual(['http://sqs/q', 'http://sqs/q']);
    expect(inputs.map((i) => JSON.parse(i.MessageBody!))).toEqual(events);
    // Delivery 0.8 s after the send, the complaint 2 s after it: whole seconds, rounded up.
    expect(inputs.map((i) => i.DelaySeconds)).toEqual([1, 2]);
  });

  it('sends an event that is already due without delay', async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'q-2' });
    const later = () => new Date(sentAt.getTime() + 60_000);
    await sqsEventSink(
      new SQSClient({ region: 'eu-west-1' }),
      'http://sqs/q',
      later,
    )(eventsFor('success@simulator.amazonses.com')[0]!);
    expect(sqs.commandCalls(SendMessageCommand)[0]!.args[0].input.DelaySeconds).toBe(0);
  });
});
