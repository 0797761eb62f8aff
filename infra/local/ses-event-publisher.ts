import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { simpleParser, type AddressObject } from 'mailparser';
import { configurationSetTag, sesDetailTypes, sesEvent } from '../../events/ses-events.ts';
import type { SesEvent, SesEventType } from '../../events/ses-events.ts';

/**
 * The local stand-in for "SES event destination → EventBridge default bus → rule → SQS target".
 *
 * The SES emulator (aws-ses-v2-local) keeps neither a send's EmailTags nor its configuration set, so
 * this sits in front of it on the SES port: every request goes through unchanged (SendEmail, the
 * account, the mailbox page `GET /store`), and each SendEmail the emulator accepts under the
 * configured configuration set becomes the EventBridge events SES would publish for it, following
 * SES's mailbox simulator (api.md, "Mail delivery events"). The events go to the same `ses-events`
 * queue, in the same shape, as AWS's rule puts them there, so one worker serves both.
 */

/** The mailbox simulator's domain: only its addresses bounce or complain; every other one is delivered. */
export const simulatorDomain = 'simulator.amazonses.com';

/** The made-up account of the local ARNs (the same as infra/local/config.ts's scheduler role). */
export const localAccountId = '123456789012';

export type SimulatedOutcome =
  | { eventType: 'Delivery' }
  | { eventType: 'Bounce'; bounceSubType: 'General' | 'OnAccountSuppressionList' }
  | { eventType: 'Complaint' };

/**
 * What SES's mailbox simulator does with an email to `recipient`, in order. A label
 * (`bounce+x@…`) changes nothing, as in SES; `ooto@`, `success@` and addresses outside the simulator
 * are delivered (an out-of-office reply is not a delivery event).
 */
export function simulatedOutcomes(recipient: string): SimulatedOutcome[] {
  const at = recipient.lastIndexOf('@');
  const domain = recipient.slice(at + 1).toLowerCase();
  const mailbox = recipient.slice(0, Math.max(at, 0)).split('+')[0]!.toLowerCase();
  if (at < 1 || domain !== simulatorDomain) return [{ eventType: 'Delivery' }];
  switch (mailbox) {
    case 'bounce':
      return [{ eventType: 'Bounce', bounceSubType: 'General' }];
    case 'suppressionlist':
      // SES's simulator treats this address as if it were on the account-level suppression list.
      return [{ eventType: 'Bounce', bounceSubType: 'OnAccountSuppressionList' }];
    case 'complaint':
      return [{ eventType: 'Delivery' }, { eventType: 'Complaint' }];
    default:
      return [{ eventType: 'Delivery' }];
  }
}

/** What SES knows of an accepted send: what its events' `mail` object is made from. */
export interface AcceptedSend {
  messageId: string;
  sentAt: Date;
  configurationSet: string;
  /** The sender as the From header (or FromEmailAddress) wrote it. */
  source: string;
  /** Every recipient's bare address. */
  destination: string[];
  emailTags: { Name: string; Value: string }[];
  headers: { name: string; value: string }[];
  commonHeaders: { from: string[]; to: string[]; subject?: string; messageId?: string; date?: string };
}

/** Where the events say they come from. */
export interface EventOrigin {
  account: string;
  region: string;
  /** The address the send came from (`ses:source-ip`). */
  sourceIp: string;
  /** Who signed the send (`ses:caller-identity`). */
  callerIdentity: string;
}

/**
 * How long after the send each outcome happens. Every event is later than the send, a complaint
 * later than its delivery, and the queue receives each no earlier than its time
 * ({@link sqsEventSink}), so the sender has recorded the message id before its events arrive, as in
 * AWS where they come seconds after SendEmail answers.
 */
const outcomeDelayMs: Record<SimulatedOutcome['eventType'], number> = {
  Delivery: 800,
  Bounce: 600,
  Complaint: 2000,
};

const localMta = 'localhost';
const suppressedDiagnostic =
  'The local SES simulator did not send to this address: it is on the account-level suppression list.';

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();
/** EventBridge writes an event's `time` to the second: rounded up, so it is never before the send. */
const eventBridgeTime = (at: Date) =>
  new Date(Math.ceil(at.getTime() / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const feedbackId = () => `${Date.now().toString(16).padStart(16, '0')}-${randomUUID()}-000000`;

/**
 * The EventBridge events SES publishes for one recipient of an accepted send, under the mailbox
 * simulator's rules: envelope (`version`, `id`, `detail-type`, `source: aws.ses`, `account`, `time`,
 * `region`, `resources: [configuration set ARN]`) around SES's record (`eventType`, `mail`, and the
 * object named after the event).
 */
export function simulatedEvents(recipient: string, send: AcceptedSend, origin: EventOrigin): SesEvent[] {
  const fromDomain = domainOf(send.source.replace(/^.*<([^>]*)>.*$/s, '$1'));
  const tags: Record<string, string[]> = {};
  for (const { Name, Value } of send.emailTags) (tags[Name] ??= []).push(Value);
  const configurationSetArn = `arn:aws:ses:${origin.region}:${origin.account}:configuration-set/${send.configurationSet}`;
  const mail = (eventType: SesEventType) => ({
    timestamp: send.sentAt.toISOString(),
    source: send.source,
    sourceArn: `arn:aws:ses:${origin.region}:${origin.account}:identity/${fromDomain}`,
    sendingAccountId: origin.account,
    messageId: send.messageId,
    destination: send.destination,
    headersTruncated: false,
    headers: send.headers,
    commonHeaders: send.commonHeaders,
    // SES's own tags last: a send's tag never stands in for them.
    tags: {
      ...tags,
      [configurationSetTag]: [send.configurationSet],
      'ses:source-ip': [origin.sourceIp],
      'ses:from-domain': [fromDomain],
      'ses:caller-identity': [origin.callerIdentity],
      ...(eventType === 'Delivery' ? { 'ses:outgoing-ip': ['127.0.0.1'] } : {}),
    },
  });
  const deliveredAt = new Date(send.sentAt.getTime() + outcomeDelayMs.Delivery);
  return simulatedOutcomes(recipient).map((outcome) => {
    const at = new Date(send.sentAt.getTime() + outcomeDelayMs[outcome.eventType]);
    const timestamp = at.toISOString();
    const detail =
      outcome.eventType === 'Delivery'
        ? {
            eventType: outcome.eventType,
            mail: mail(outcome.eventType),
            delivery: {
              timestamp,
              processingTimeMillis: outcomeDelayMs.Delivery,
              recipients: [recipient],
              smtpResponse: '250 2.0.0 OK: queued by the local SES simulator',
              reportingMTA: localMta,
              remoteMtaIp: '127.0.0.1',
            },
          }
        : outcome.eventType === 'Bounce'
          ? {
              eventType: outcome.eventType,
              mail: mail(outcome.eventType),
              bounce: {
                bounceType: 'Permanent',
                bounceSubType: outcome.bounceSubType,
                bouncedRecipients: [
                  {
                    emailAddress: recipient,
                    action: 'failed',
                    status: '5.1.1',
                    diagnosticCode:
                      outcome.bounceSubType === 'General'
                        ? 'smtp; 550 5.1.1 user unknown'
                        : suppressedDiagnostic,
                  },
                ],
                timestamp,
                feedbackId: feedbackId(),
                reportingMTA: `dsn; ${localMta}`,
              },
            }
          : {
              eventType: outcome.eventType,
              mail: mail(outcome.eventType),
              complaint: {
                feedbackId: feedbackId(),
                complaintSubType: null,
                complainedRecipients: [{ emailAddress: recipient }],
                timestamp,
                userAgent: 'local SES mailbox simulator',
                complaintFeedbackType: 'abuse',
                arrivalDate: deliveredAt.toISOString(),
              },
            };
    return {
      version: '0',
      id: randomUUID(),
      'detail-type': sesDetailTypes[outcome.eventType],
      source: 'aws.ses',
      account: origin.account,
      time: eventBridgeTime(at),
      region: origin.region,
      resources: [configurationSetArn],
      detail,
    } as SesEvent;
  });
}

/** When an event happened: its record's own timestamp (the envelope's `time` drops the milliseconds). */
export function eventTimestamp(event: SesEvent): Date {
  const { detail } = event;
  const record =
    detail.eventType === 'Delivery'
      ? detail.delivery
      : detail.eventType === 'Bounce'
        ? detail.bounce
        : detail.eventType === 'Complaint'
          ? detail.complaint
          : detail.eventType === 'DeliveryDelay'
            ? detail.deliveryDelay
            : { timestamp: event.time };
  return new Date(record.timestamp as string);
}

/**
 * EventBridge's SQS target: the event as the message body. The message becomes visible when the event
 * happened (SQS delay, whole seconds), never before.
 */
export function sqsEventSink(sqs: SQSClient, queueUrl: string, now: () => Date = () => new Date()) {
  return async (event: SesEvent): Promise<void> => {
    const waitMs = eventTimestamp(event).getTime() - now().getTime();
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: JSON.stringify(event),
        DelaySeconds: Math.min(900, Math.max(0, Math.ceil(waitMs / 1000))),
      }),
    );
  };
}

/** The part of SESv2's SendEmail request the publisher reads. */
interface SendEmailRequest {
  ConfigurationSetName?: string;
  FromEmailAddress?: string;
  Destination?: { ToAddresses?: string[]; CcAddresses?: string[]; BccAddresses?: string[] };
  EmailTags?: { Name: string; Value: string }[];
  Content?: {
    Raw?: { Data?: string };
    Simple?: { Subject?: { Data?: string } };
    Template?: unknown;
  };
}

const addressesIn = (field: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(field) ? field : field ? [field] : [])
    .flatMap((object) => object.value)
    .flatMap((entry) => (entry.group ? entry.group : [entry]))
    .map((entry) => entry.address ?? '')
    .filter((address) => address !== '');

const requestedRecipients = (request: SendEmailRequest) => [
  ...(request.Destination?.ToAddresses ?? []),
  ...(request.Destination?.CcAddresses ?? []),
  ...(request.Destination?.BccAddresses ?? []),
];

/**
 * The send as SES records it: recipients from the request's Destination or, for raw content sent
 * without one (as functions/adapters/ses/mailer.ts sends), from the message's To, Cc and Bcc headers,
 * as SES does; headers from the raw message's header section.
 */
export async function acceptedSend(
  request: SendEmailRequest,
  messageId: string,
  sentAt: Date,
): Promise<AcceptedSend> {
  const base = {
    messageId,
    sentAt,
    configurationSet: request.ConfigurationSetName ?? '',
    emailTags: request.EmailTags ?? [],
  };
  const raw = request.Content?.Raw?.Data;
  if (raw !== undefined) {
    const message = Buffer.from(raw, 'base64');
    // Only the header section: the body (attachments of megabytes) says nothing an event carries.
    const end = message.indexOf('\r\n\r\n') >= 0 ? message.indexOf('\r\n\r\n') : message.indexOf('\n\n');
    const parsed = await simpleParser(
      Buffer.concat([end >= 0 ? message.subarray(0, end) : message, Buffer.from('\r\n\r\n')]),
    );
    const requested = requestedRecipients(request);
    const headerRecipients = [
      ...addressesIn(parsed.to),
      ...addressesIn(parsed.cc),
      ...addressesIn(parsed.bcc),
    ];
    const headers = parsed.headerLines.map(({ line }) => {
      const colon = line.indexOf(':');
      return {
        name: line.slice(0, colon),
        value: line
          .slice(colon + 1)
          .replace(/\r?\n[ \t]+/g, ' ')
          .trim(),
      };
    });
    // Common headers as written in the message (SES does not re-format them).
    const written = (name: string) => headers.find((header) => header.name.toLowerCase() === name)?.value;
    const [from, to, subject, messageId, date] = ['from', 'to', 'subject', 'message-id', 'date'].map(written);
    const source = from ?? request.FromEmailAddress ?? '';
    return {
      ...base,
      source,
      destination: requested.length > 0 ? requested : headerRecipients,
      headers,
      commonHeaders: {
        from: [source],
        to: to === undefined ? [] : [to],
        ...(subject !== undefined ? { subject: parsed.subject ?? subject } : {}),
        ...(messageId !== undefined ? { messageId } : {}),
        ...(date !== undefined ? { date } : {}),
      },
    };
  }
  const source = request.FromEmailAddress ?? '';
  const destination = requestedRecipients(request);
  const to = request.Destination?.ToAddresses ?? [];
  const subject = request.Content?.Simple?.Subject?.Data;
  return {
    ...base,
    source,
    destination,
    headers: [
      { name: 'From', value: source },
      { name: 'To', value: to.join(', ') },
      ...(subject !== undefined ? [{ name: 'Subject', value: subject }] : []),
    ],
    commonHeaders: { from: [source], to, ...(subject !== undefined ? { subject } : {}) },
  };
}

export interface SesEventPublisherOptions {
  host: string;
  port: number;
  /** The SES emulator's base URL (it listens on an internal port). */
  upstream: string;
  /** Only sends naming this configuration set publish events (AWS's rule is scoped to it). */
  configurationSet: string;
  account: string;
  region: string;
  /** Receives each event, already checked against `sesEvent`: {@link sqsEventSink} in the stack. */
  publish: (event: SesEvent) => Promise<void>;
  now?: () => Date;
  log?: (line: string) => void;
}

export interface SesEventPublisher {
  url: string;
  /** Resolves once every event of the sends answered so far is published (or its failure logged). */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export const sendEmailPath = '/v2/email/outbound-emails';

/** Headers that belong to one connection, not to the message relayed over it. */
const hopByHop = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'content-length']);

const withoutHopByHop = (headers: http.IncomingHttpHeaders) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !hopByHop.has(name.toLowerCase())));

async function bodyOf(stream: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The access key that signed a request (SigV4's `Credential=<key>/…`), as the caller's identity. */
const signer = (authorization: string | undefined) =>
  /Credential=([^/,\s]+)/.exec(authorization ?? '')?.[1] ?? 'local';

export async function startSesEventPublisher(options: SesEventPublisherOptions): Promise<SesEventPublisher> {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => undefined);
  const upstream = new URL(options.upstream);
  const pending = new Set<Promise<void>>();

  async function publishFor(request: SendEmailRequest, answer: Buffer, sentAt: Date, origin: EventOrigin) {
    if (request.ConfigurationSetName !== options.configurationSet) return;
    const { MessageId } = JSON.parse(answer.toString('utf8')) as { MessageId?: string };
    if (!MessageId) throw new Error('the SES emulator accepted a send without a MessageId');
    const send = await acceptedSend(request, MessageId, sentAt);
    for (const recipient of send.destination) {
      for (const event of simulatedEvents(recipient, send, origin)) {
        // An event the worker cannot read is this publisher's bug: never put one on the queue.
        const checked = sesEvent.safeParse(event);
        if (!checked.success)
          throw new Error(`made an event sesEvent refuses: ${JSON.stringify(checked.error.issues)}`);
        await options.publish(event);
      }
    }
  }

  const server: http.Server = http.createServer((incoming, outgoing) => {
    void (async () => {
      const body = await bodyOf(incoming);
      const sentAt = now();
      const relayed = await new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
        (resolve, reject) => {
          const forward = http.request(
            {
              host: upstream.hostname,
              port: upstream.port,
              method: incoming.method,
              path: incoming.url,
              headers: { ...withoutHopByHop(incoming.headers), 'content-length': String(body.length) },
            },
            (answer) => {
              bodyOf(answer).then(
                (answerBody) =>
                  resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: answerBody }),
                reject,
              );
            },
          );
          forward.once('error', reject);
          forward.end(body);
        },
      ).catch((error: Error) => ({
        status: 502,
        headers: { 'content-type': 'application/json' },
        body: Buffer.from(JSON.stringify({ message: `SES emulator unreachable: ${error.message}` })),
      }));
      outgoing.writeHead(relayed.status, {
        ...withoutHopByHop(relayed.headers),
        'content-length': String(relayed.body.length),
      });
      outgoing.end(relayed.body);

      const path = (incoming.url ?? '').split('?')[0];
      if (incoming.method !== 'POST' || path !== sendEmailPath || relayed.status !== 200) return;
      const origin: EventOrigin = {
        account: options.account,
        region: options.region,
        sourceIp: (incoming.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
        callerIdentity: signer(incoming.headers.authorization),
      };
      // Publishing failures never fail the send: SES publishes events best-effort too.
      const publishing = (async () =>
        publishFor(JSON.parse(body.toString('utf8')), relayed.body, sentAt, origin))()
        .catch((error: Error) => log(`ses events: not published for a send: ${error.message}`))
        .finally(() => pending.delete(publishing));
      pending.add(publishing);
    })().catch((error: Error) => {
      log(`ses events: relaying ${incoming.method} ${incoming.url} failed: ${error.message}`);
      if (!outgoing.headersSent) outgoing.writeHead(502);
      outgoing.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const settled = async () => {
    while (pending.size > 0) await Promise.all([...pending]);
  };
  return {
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    settled,
    async stop() {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await settled();
    },
  };
}
