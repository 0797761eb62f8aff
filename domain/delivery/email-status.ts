import type { SesEventDetail } from '../../events/ses-events.ts';

/**
 * Delivery tracking: what became of an email, as its reader sees it on the record it belongs to
 * (`email: {status, at}` on export results, single shares and invitations).
 *
 * A status only moves forward, whatever order SES's events arrive in and however often: `sent` →
 * `delivered` → `complained`, and `bounced` is final. Each status has a rank and a store writes a
 * change only over a lower rank (one conditional update), so a duplicate changes nothing and a late
 * `Delivery` never overwrites a bounce.
 */
export type EmailStatus = 'sent' | 'delivered' | 'complained' | 'bounced';

/**
 * Ranks a store compares. A delivery delay keeps the email `sent` but notes why it is late: it sits
 * between `sent` and `delivered`, so it never moves a delivered or bounced email back.
 */
export const emailRanks = { sent: 1, delayed: 1.5, delivered: 2, complained: 3, bounced: 4 } as const;

export type BounceType = 'permanent' | 'transient' | 'undetermined' | 'rejected';

/** What a record shows about its email. */
export interface EmailDelivery {
  status: EmailStatus;
  /** When the email reached this status. */
  at: string;
  /** SES's id of the email, once SES accepted it. */
  messageId?: string | undefined;
  /** For a bounce: its kind and a reason a person can read, and the SMTP status code when known. */
  bounceType?: BounceType | undefined;
  reason?: string | undefined;
  smtpStatus?: string | undefined;
  /** Set while the email is late (`DeliveryDelay`): when SES said so and why. */
  delayedAt?: string | undefined;
  delayReason?: string | undefined;
}

/** One change to write: the fields it sets, and its rank, which the stored one must be below. */
export type EmailStatusChange = EmailDelivery & { rank: number };

/** The mail worker's change once SES has accepted the email. */
export const sentChange = (at: string, messageId: string | undefined): EmailStatusChange => ({
  rank: emailRanks.sent,
  status: 'sent',
  at,
  messageId,
});

/** What an SES event changes on the record of its email (a delay only notes why it is late). */
export function emailChangeOf(detail: SesEventDetail): EmailStatusChange {
  const messageId = detail.mail.messageId;
  switch (detail.eventType) {
    case 'Delivery':
      return { rank: emailRanks.delivered, status: 'delivered', at: detail.delivery.timestamp, messageId };
    case 'Complaint':
      return { rank: emailRanks.complained, status: 'complained', at: detail.complaint.timestamp, messageId };
    case 'Bounce': {
      const recipient = detail.bounce.bouncedRecipients[0];
      return {
        rank: emailRanks.bounced,
        status: 'bounced',
        at: detail.bounce.timestamp,
        messageId,
        bounceType: bounceTypeOf(detail.bounce.bounceType),
        reason: bounceReason(detail.bounce.bounceType, detail.bounce.bounceSubType, recipient?.status),
        smtpStatus: recipient?.status,
      };
    }
    case 'Reject':
      // SES refused to send it at all (it found a virus): for the reader, the email never arrived.
      return {
        rank: emailRanks.bounced,
        status: 'bounced',
        at: detail.mail.timestamp,
        messageId,
        bounceType: 'rejected',
        reason: 'the email was refused before sending because its content was flagged as unsafe',
      };
    case 'DeliveryDelay':
      return {
        rank: emailRanks.delayed,
        status: 'sent',
        at: detail.mail.timestamp,
        messageId,
        delayedAt: detail.deliveryDelay.timestamp,
        delayReason: delayReason(detail.deliveryDelay.delayType),
      };
  }
}

function bounceTypeOf(sesType: string): BounceType {
  if (sesType === 'Permanent') return 'permanent';
  if (sesType === 'Transient') return 'transient';
  return 'undetermined';
}

/**
 * A bounce in words an admin understands. SES's subtype says most; for a `General` bounce the
 * enhanced SMTP status code (RFC 3463) says more. Never the raw diagnostic alone: that is a remote
 * server's text, often cryptic, sometimes in another language.
 */
export function bounceReason(bounceType: string, subType: string, smtpStatus?: string): string {
  const bySubType: Record<string, string> = {
    NoEmail: 'mailbox does not exist',
    Suppressed: 'the address is on the suppression list after earlier bounces or complaints',
    OnAccountSuppressionList: 'the address is on our suppression list after earlier bounces or complaints',
    OnSuppressionList: 'the address is on the suppression list after earlier bounces or complaints',
    MailboxFull: 'mailbox full',
    MessageTooLarge: "the email was too large for the recipient's mail server",
    ContentRejected: "the recipient's mail server refused the email's content",
    AttachmentRejected: "the recipient's mail server refused the attachment",
    UnsubscribedRecipient: 'the recipient has unsubscribed',
  };
  const byStatus: Record<string, string> = {
    '5.1.1': 'mailbox does not exist',
    '5.1.2': "the recipient's domain does not exist or accepts no mail",
    '5.1.10': 'mailbox does not exist',
    '5.2.1': 'mailbox disabled',
    '5.2.2': 'mailbox full',
    '4.2.2': 'mailbox full',
    '5.2.3': "the email was too large for the recipient's mail server",
    '5.7.1': "the recipient's mail server refused the email (policy or spam filter)",
    '5.4.4': "the recipient's domain could not be reached",
  };
  const known = bySubType[subType] ?? (smtpStatus ? byStatus[smtpStatus] : undefined);
  if (known) return known;
  if (bounceType === 'Transient') return 'temporary failure: delivery was retried and given up';
  if (bounceType === 'Permanent') return "the recipient's mail server refused the email permanently";
  return "the recipient's mail server reported a failure without saying why";
}

function delayReason(delayType: string): string {
  const reasons: Record<string, string> = {
    MailboxFull: 'mailbox full; still retrying',
    SpamDetected: "the recipient's server suspects spam; still retrying",
    RecipientServerError: "the recipient's mail server failed; still retrying",
    IPFailure: "the recipient's server is refusing our sending address for now; still retrying",
    TransientCommunicationFailure: "the recipient's mail server could not be reached; still retrying",
    BYOIPHostNameLookupUnavailable: 'a name lookup failed; still retrying',
    Undetermined: 'delivery is late for a reason SES did not report; still retrying',
    SendingDeferral: 'sending was deferred; still retrying',
  };
  return reasons[delayType] ?? 'delivery is late; still retrying';
}

/** The public view of a record's email (`email: {status, at, …}`), without internal fields. */
export function emailView(delivery: EmailDelivery | undefined) {
  if (!delivery) return undefined;
  return {
    status: delivery.status,
    at: delivery.at,
    ...(delivery.bounceType ? { bounceType: delivery.bounceType } : {}),
    ...(delivery.reason ? { reason: delivery.reason } : {}),
    ...(delivery.smtpStatus ? { smtpStatus: delivery.smtpStatus } : {}),
    ...(delivery.delayedAt ? { delayedAt: delivery.delayedAt, delayReason: delivery.delayReason } : {}),
  };
}
