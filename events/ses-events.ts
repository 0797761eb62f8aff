import * as z from 'zod/mini';
import { nonEmpty } from './message.ts';

/**
 * SES's email sending events as EventBridge delivers them to the `ses-events` queue: the
 * EventBridge envelope (`detail-type`, `source: aws.ses`, …) around SES's event record (`detail`:
 * `eventType`, `mail`, and one object named after the event). Field names and nesting are AWS's
 * (SES developer guide, "Contents of event data"; EventBridge reference, "Amazon SES events");
 * test/unit/ses-events.test.ts checks the schema against samples written to that documentation.
 *
 * The objects are loose: AWS adds fields over time, and a field we do not read must never make a
 * real event fail to parse (it would go round the queue to the DLQ for nothing).
 */

/**
 * The event types the configuration set publishes, as CloudFormation's event destination names them
 * (`MatchingEventTypes`: lower camel case, as CDK's `EmailSendingEvent` writes them; SES's API
 * spells the same types `DELIVERY`, `DELIVERY_DELAY`, …).
 */
export const trackedSesEventTypes = ['delivery', 'bounce', 'complaint', 'reject', 'deliveryDelay'] as const;

/** EventBridge's `detail-type` for each tracked event, keyed by the record's `eventType`. */
export const sesDetailTypes = {
  Delivery: 'Email Delivered',
  Bounce: 'Email Bounced',
  Complaint: 'Email Complaint Received',
  Reject: 'Email Rejected',
  DeliveryDelay: 'Email Delivery Delayed',
} as const;

export type SesEventType = keyof typeof sesDetailTypes;

/** The tag SES itself adds to every event of a send that named a configuration set. */
export const configurationSetTag = 'ses:configuration-set';

// Addresses and times as SES writes them: checked only for presence (SES is the source, not a user).
const address = nonEmpty;
const timestamp = nonEmpty;

/** What SES knows about the email: its id, recipients and the tags it was sent with (each a list). */
export const sesMail = z.looseObject({
  timestamp,
  messageId: nonEmpty,
  source: z.optional(z.string()),
  destination: z.array(address),
  tags: z._default(z.record(z.string(), z.array(z.string())), {}),
});

const recipientOutcome = z.looseObject({
  emailAddress: address,
  action: z.optional(z.string()),
  status: z.optional(z.string()),
  diagnosticCode: z.optional(z.string()),
});

export const sesBounce = z.looseObject({
  /** `Permanent`, `Transient` or `Undetermined`. */
  bounceType: z.string(),
  /** E.g. `General`, `NoEmail`, `Suppressed`, `OnAccountSuppressionList`, `MailboxFull`. */
  bounceSubType: z.string(),
  bouncedRecipients: z.array(recipientOutcome),
  timestamp,
  feedbackId: z.optional(z.string()),
  reportingMTA: z.optional(z.string()),
});

export const sesComplaint = z.looseObject({
  complainedRecipients: z.array(z.looseObject({ emailAddress: address })),
  timestamp,
  feedbackId: z.optional(z.string()),
  complaintSubType: z.optional(z.nullable(z.string())),
  complaintFeedbackType: z.optional(z.string()),
  userAgent: z.optional(z.string()),
  arrivalDate: z.optional(z.string()),
});

export const sesDelivery = z.looseObject({
  timestamp,
  recipients: z.array(address),
  processingTimeMillis: z.optional(z.number()),
  smtpResponse: z.optional(z.string()),
  reportingMTA: z.optional(z.string()),
});

export const sesReject = z.looseObject({ reason: z.string() });

export const sesDeliveryDelay = z.looseObject({
  timestamp,
  /** E.g. `MailboxFull`, `TransientCommunicationFailure`, `IPFailure`. */
  delayType: z.string(),
  delayedRecipients: z.array(recipientOutcome),
  expirationTime: z.optional(z.string()),
  reportingMTA: z.optional(z.string()),
});

/** SES's event record: `eventType` says which of the named objects is present. */
export const sesEventDetail = z.discriminatedUnion('eventType', [
  z.looseObject({ eventType: z.literal('Delivery'), mail: sesMail, delivery: sesDelivery }),
  z.looseObject({ eventType: z.literal('Bounce'), mail: sesMail, bounce: sesBounce }),
  z.looseObject({ eventType: z.literal('Complaint'), mail: sesMail, complaint: sesComplaint }),
  z.looseObject({ eventType: z.literal('Reject'), mail: sesMail, reject: sesReject }),
  z.looseObject({ eventType: z.literal('DeliveryDelay'), mail: sesMail, deliveryDelay: sesDeliveryDelay }),
]);

/** One EventBridge event from SES, as an EventBridge rule's SQS target receives it (the message body). */
export const sesEvent = z.looseObject({
  version: z.string(),
  id: nonEmpty,
  'detail-type': z.enum(Object.values(sesDetailTypes) as [string, ...string[]]),
  source: z.literal('aws.ses'),
  account: z.string(),
  time: timestamp,
  region: z.string(),
  resources: z.array(z.string()),
  detail: sesEventDetail,
});

export type SesEvent = z.output<typeof sesEvent>;
export type SesEventDetail = z.output<typeof sesEventDetail>;
