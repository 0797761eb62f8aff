import * as z from 'zod';

/**
 * A message on the email queue: everything the mail worker needs to build and send one email.
 * Attachments travel as S3 references, never inline: an SQS message is capped at 256 KB.
 * `dedupeKey` names the email once for all redeliveries, so the worker sends it at most once.
 */
export const emailAttachmentRef = z.object({
  filename: z.string().min(1),
  contentType: z.string().min(1),
  bucket: z.enum(['profiles', 'exports']),
  key: z.string().min(1),
});

export const emailMessage = z.object({
  v: z.literal(1),
  type: z.literal('email.send'),
  dedupeKey: z.string().min(1).max(512),
  to: z.array(z.email()).min(1),
  subject: z.string().min(1),
  html: z.string(),
  text: z.string(),
  attachments: z.array(emailAttachmentRef).default([]),
  /** Tags written to SES so delivery/bounce events can be traced back to their job. */
  tags: z.record(z.string(), z.string()).default({}),
});

export type EmailMessage = z.input<typeof emailMessage>;
export type ParsedEmailMessage = z.output<typeof emailMessage>;
