import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { ses } from '../../shared/clients/ses.ts';

export interface OutgoingAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface OutgoingEmail {
  from: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  attachments: OutgoingAttachment[];
  tags: Record<string, string>;
}

/**
 * SES's limit on a whole raw message (after base64, which adds a third). Callers that attach files
 * check `rawSize` against it first and send a link instead when it would not fit.
 */
export const sesMaxMessageBytes = 10 * 1024 * 1024;

/** The largest file we attach: base64 grows it by a third, and the rest of the message needs room. */
export const maxAttachmentBytes = Math.floor((sesMaxMessageBytes * 3) / 4) - 512 * 1024;

/** Builds the MIME message (multipart alternative HTML + text, attachments) with nodemailer's composer. */
export function composeMime(email: OutgoingEmail): Promise<Buffer> {
  return new MailComposer({
    from: email.from,
    to: email.to,
    subject: email.subject,
    html: email.html,
    text: email.text,
    attachments: email.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.content,
    })),
  })
    .compile()
    .build();
}

/** SES tag values allow only [A-Za-z0-9_-.@]; anything else is replaced so a send never fails on a tag. */
const tagValue = (value: string) => value.replace(/[^A-Za-z0-9_.@-]/g, '_').slice(0, 256);

export function sesMailer(configurationSet: string | undefined) {
  return {
    async send(email: OutgoingEmail): Promise<{ messageId: string }> {
      const raw = await composeMime(email);
      if (raw.length > sesMaxMessageBytes) {
        throw new Error(`Email of ${raw.length} bytes exceeds SES's ${sesMaxMessageBytes}-byte limit`);
      }
      const answer = await ses.send(
        new SendEmailCommand({
          Content: { Raw: { Data: raw } },
          ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
          EmailTags: Object.entries(email.tags).map(([Name, Value]) => ({
            Name: tagValue(Name),
            Value: tagValue(Value),
          })),
        }),
      );
      return { messageId: answer.MessageId ?? '' };
    },
  };
}
