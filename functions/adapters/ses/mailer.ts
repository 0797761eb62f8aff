import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { sesMaxMessageBytes } from '../../../events/email.ts';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { ses } from '../../shared/clients/ses.ts';
import { withoutBidiControls } from '../../../domain/documents/safe-text.ts';

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
 * Builds the MIME message (multipart alternative HTML + text, attachments) with nodemailer's composer.
 * No bidi control reaches a header (subject, attachment names): whatever text a message was built
 * from, a reader sees the characters in the order they were written.
 */
export function composeMime(email: OutgoingEmail): Promise<Buffer> {
  return new MailComposer({
    from: email.from,
    to: email.to,
    subject: withoutBidiControls(email.subject),
    html: email.html,
    text: email.text,
    attachments: email.attachments.map((a) => ({
      filename: withoutBidiControls(a.filename),
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
