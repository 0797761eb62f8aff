import { GetAccountCommand, SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import sesModule from 'aws-ses-v2-local';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sesEvent, type SesEvent } from '../../events/ses-events.ts';
import { envNames } from '../../functions/shared/env-names.ts';
import { localCredentials, localRegion } from '../../infra/local/config.ts';
import { startSesEventPublisher } from '../../infra/local/ses-event-publisher.ts';
import type { LocalStack } from '../../infra/local/stack.ts';
import type { sesMailer } from '../../functions/adapters/ses/mailer.ts';
import { freeLocalPorts } from '../support/free-ports.ts';

/**
 * Delivery tracking on the local stack (api.md, "Mail delivery events"): every email the SES
 * emulator accepts under the configuration set becomes SES's EventBridge events on the `ses-events`
 * queue, following the mailbox simulator.
 *
 * Why a stack of this file's own, without workers: on the shared stack the ses-events worker's poller
 * consumes that queue, so a test reading it would race the worker. Here nothing polls it, and the test
 * reads exactly what AWS's rule would have delivered. The send goes through the project's own mailer
 * (raw MIME, tags, the configuration set from the handlers' environment): the one code path.
 */
let stack: LocalStack;
let sqs: SQSClient;
let mailer: ReturnType<typeof sesMailer>;

/** No pollers: nothing but this test reads the ses-events queue. */
const ownStack = { workers: false, schedulerTickMs: 0, handlerLogLevel: 'SILENT' } as const;

beforeAll(async () => {
  const { startLocalStack } = await import('../../infra/local/stack.ts');
  stack = await startLocalStack({ ports: await freeLocalPorts(), ...ownStack });
  sqs = new SQSClient({
    region: localRegion,
    credentials: localCredentials,
    endpoint: stack.env.AWS_ENDPOINT_URL_SQS,
  });
  // Imported once the stack set the endpoints: the mailer's SES client reads them when it is made.
  const { sesMailer: mailerOf } = await import('../../functions/adapters/ses/mailer.ts');
  mailer = mailerOf(stack.env[envNames.sesConfigurationSet]);
}, 180_000);
afterAll(async () => {
  sqs?.destroy();
  await stack?.stop();
});

/** Reads (and deletes) the queue's events until `enough` says so, or the time is up; answers all it read. */
async function drain(enough: (events: SesEvent[]) => boolean, timeoutMs = 15_000): Promise<SesEvent[]> {
  const read: SesEvent[] = [];
  const QueueUrl = stack.queueUrl('ses-events');
  const deadline = Date.now() + timeoutMs;
  while (!enough(read) && Date.now() < deadline) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    for (const { Body, ReceiptHandle } of Messages) {
      read.push(sesEvent.parse(JSON.parse(Body!)));
      await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle }));
    }
  }
  return read;
}

/** This message's events, once `count` of them have arrived. */
const eventsOf = async (messageId: string, count: number) => {
  const ofMessage = (events: SesEvent[]) => events.filter((e) => e.detail.mail.messageId === messageId);
  return ofMessage(await drain((events) => ofMessage(events).length >= count));
};

const email = (to: string[], tags: Record<string, string>) => ({
  from: 'Profiles <no-reply@profiles.local>',
  to,
  subject: 'Your profile export',
  html: '<p>Hello</p>',
  text: 'Hello',
  attachments: [],
  tags,
});

const outcome = (event: SesEvent) =>
  event.detail.eventType === 'Bounce'
    ? `Bounce/${event.detail.bounce.bounceSubType}`
    : event.detail.eventType;

const recipientOf = (event: SesEvent): string => {
  const { detail } = event;
  if (detail.eventType === 'Delivery') return detail.delivery.recipients[0]!;
  if (detail.eventType === 'Bounce') return detail.bounce.bouncedRecipients[0]!.emailAddress;
  if (detail.eventType === 'Complaint') return detail.complaint.complainedRecipients[0]!.emailAddress;
  throw new Error(`unexpected ${detail.eventType}`);
};

describe('SES events on the local stack', () => {
  it('puts the mailbox simulator’s outcome for every recipient on the ses-events queue, with the send’s tags', async () => {
    const recipients = [
      'success+r1@simulator.amazonses.com',
      'bounce+r2@simulator.amazonses.com',
      'complaint+r3@simulator.amazonses.com',
      'suppressionlist@simulator.amazonses.com',
      'ooto@simulator.amazonses.com',
      'someone@example.org',
    ];
    const { messageId } = await mailer.send(
      email(recipients, { kind: 'export', job: 'J-42', learner: 'L-7' }),
    );
    expect(messageId).not.toBe('');

    const events = await eventsOf(messageId, 7);
    const byRecipient = Object.fromEntries(
      recipients.map((r) => [r, events.filter((e) => recipientOf(e) === r).map(outcome)]),
    );
    expect(byRecipient).toEqual({
      'success+r1@simulator.amazonses.com': ['Delivery'],
      'bounce+r2@simulator.amazonses.com': ['Bounce/General'],
      'complaint+r3@simulator.amazonses.com': ['Delivery', 'Complaint'],
      'suppressionlist@simulator.amazonses.com': ['Bounce/OnAccountSuppressionList'],
      'ooto@simulator.amazonses.com': ['Delivery'],
      'someone@example.org': ['Delivery'],
    });
    for (const event of events) {
      expect(event.resources).toEqual([
        `arn:aws:ses:${localRegion}:123456789012:configuration-set/${stack.env[envNames.sesConfigurationSet]}`,
      ]);
      expect(event.detail.mail.destination).toEqual(recipients);
      expect(event.detail.mail.tags).toMatchObject({
        kind: ['export'],
        job: ['J-42'],
        learner: ['L-7'],
        'ses:configuration-set': [stack.env[envNames.sesConfigurationSet]],
        'ses:from-domain': ['profiles.local'],
      });
      expect(Date.parse(event.time)).toBeGreaterThanOrEqual(Date.parse(event.detail.mail.timestamp));
    }
  });

  it('still serves the emulator through the SES port: the mailbox page and the account the health check reads', async () => {
    const { messageId } = await mailer.send(email(['success@simulator.amazonses.com'], { kind: 'share' }));
    const store = (await (await fetch(`${stack.mailboxUrl}/store`)).json()) as {
      emails: { messageId: string; destination: { to: string[] } }[];
    };
    expect(store.emails.find((m) => m.messageId === messageId)?.destination.to).toEqual([
      'success@simulator.amazonses.com',
    ]);
    const eml = await fetch(`${stack.mailboxUrl}/get-emlContent?messageId=${encodeURIComponent(messageId)}`);
    expect(eml.status).toBe(200);
    const health = await fetch(`${stack.apiUrl}/v1/health`);
    expect(health.status).toBe(200);
    await eventsOf(messageId, 1);
  });

  it('publishes nothing for a send that names no configuration set, as AWS’s rule is scoped to it', async () => {
    const ses = new SESv2Client({
      region: localRegion,
      credentials: localCredentials,
      endpoint: stack.mailboxUrl,
    });
    const unscoped = await ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'no-reply@profiles.local',
        Destination: { ToAddresses: ['bounce@simulator.amazonses.com'] },
        Content: { Simple: { Subject: { Data: 'No set' }, Body: { Text: { Data: 'x' } } } },
        EmailTags: [{ Name: 'kind', Value: 'share' }],
      }),
    );
    // Sent after the unscoped one: once its event is in, the unscoped one's would have been too.
    const scoped = await ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'no-reply@profiles.local',
        ConfigurationSetName: stack.env[envNames.sesConfigurationSet],
        Destination: { ToAddresses: ['bounce@simulator.amazonses.com'] },
        Content: { Simple: { Subject: { Data: 'With set' }, Body: { Text: { Data: 'x' } } } },
      }),
    );
    ses.destroy();
    expect(unscoped.MessageId).toBeTruthy();
    const seen = (
      await drain((events) => events.some((e) => e.detail.mail.messageId === scoped.MessageId), 10_000)
    ).map((e) => e.detail.mail.messageId);
    expect(seen).toContain(scoped.MessageId);
    expect(seen).not.toContain(unscoped.MessageId);
  });
});

describe('the SES event publisher in front of a real SES emulator', () => {
  type StartSes = (c: { host: string; port: number }) => Promise<Server>;
  const exported = sesModule as unknown as StartSes | { default: StartSes };
  const startSes = typeof exported === 'function' ? exported : exported.default;

  it('answers the send even when its events cannot be published, and says why in the log', async () => {
    const emulator = await startSes({ host: '127.0.0.1', port: 0 });
    const lines: string[] = [];
    const publisher = await startSesEventPublisher({
      host: '127.0.0.1',
      port: 0,
      upstream: `http://127.0.0.1:${(emulator.address() as AddressInfo).port}`,
      configurationSet: 'cs',
      account: '123456789012',
      region: localRegion,
      publish: async () => {
        throw new Error('queue unreachable');
      },
      log: (line) => lines.push(line),
    });
    const ses = new SESv2Client({
      region: localRegion,
      credentials: localCredentials,
      endpoint: publisher.url,
    });
    try {
      const sent = await ses.send(
        new SendEmailCommand({
          FromEmailAddress: 'no-reply@profiles.local',
          ConfigurationSetName: 'cs',
          Destination: { ToAddresses: ['success@simulator.amazonses.com'] },
          Content: { Simple: { Subject: { Data: 'S' }, Body: { Text: { Data: 'x' } } } },
        }),
      );
      expect(sent.MessageId).toBeTruthy();
      expect((await ses.send(new GetAccountCommand({}))).SendingEnabled).toBe(true);
      await publisher.settled();
      expect(lines).toEqual([expect.stringContaining('queue unreachable')]);
    } finally {
      ses.destroy();
      await publisher.stop();
      await new Promise<void>((done) => {
        emulator.closeAllConnections?.();
        emulator.close(() => done());
      });
    }
  });
});
