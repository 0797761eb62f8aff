import * as z from 'zod/mini';
import { messageType, nonEmpty } from './message.ts';

/**
 * A message on the email queue: everything the mail worker needs to build and send one email.
 * Attachments travel as S3 references, never inline: an SQS message is capped at 256 KB.
 * `dedupeKey` names the email once for all redeliveries, so the worker sends it at most once.
 */
export const emailAttachmentRef = z.object({
  filename: nonEmpty,
  contentType: nonEmpty,
  bucket: z.enum(['profiles', 'exports']),
  key: nonEmpty,
});

export const emailMessages = messageType({
  queue: 'email',
  type: 'email.send',
  v: 1,
  shape: {
    dedupeKey: nonEmpty.check(z.maxLength(512)),
    to: z.array(z.email()).check(z.minLength(1)),
    subject: nonEmpty,
    html: z.string(),
    text: z.string(),
    attachments: z._default(z.array(emailAttachmentRef), []),
    /** Tags written to SES so delivery/bounce events can be traced back to their job. */
    tags: z._default(z.record(z.string(), z.string()), {}),
  },
});

export const emailMessage = emailMessages.schema;
/** THE producer of email messages: `queueEmail({ dedupeKey, to, subject, html, text })`. */
export const queueEmail = emailMessages.produce;

export type EmailMessage = z.input<typeof emailMessage>;
export type ParsedEmailMessage = z.output<typeof emailMessage>;

/**
 * SES's limit on a whole raw message (after base64, which adds a third): the mail worker refuses
 * anything larger, and producers attach a file only up to {@link maxAttachmentBytes}, sending a link
 * otherwise.
 */
export const sesMaxMessageBytes = 10 * 1024 * 1024;

/** The largest file we attach: base64 grows it by a third, and the rest of the message needs room. */
export const maxAttachmentBytes = Math.floor((sesMaxMessageBytes * 3) / 4) - 512 * 1024;
