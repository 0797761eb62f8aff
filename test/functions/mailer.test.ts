import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { sesMailer } from '../../functions/adapters/ses/mailer.ts';

const ses = mockClient(SESv2Client);
afterEach(() => ses.reset());

const email = {
  from: 'Profiles <no-reply@profiles.test>',
  to: ['learner@example.com'],
  subject: 'Your profile — Łukasz',
  html: '<p>Hello Łukasz</p>',
  text: 'Hello Łukasz',
  attachments: [
    { filename: 'profile.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.7 test') },
  ],
  tags: { job: 'export/01J:x' },
};

describe('the SES mailer', () => {
  it('sends one raw MIME message with HTML, text and the attachment, through the configuration set', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
    expect(await sesMailer('profiles-config').send(email)).toEqual({ messageId: 'm-1' });
    const input = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
    expect(input.ConfigurationSetName).toBe('profiles-config');
    expect(input.EmailTags).toEqual([{ Name: 'job', Value: 'export_01J_x' }]);
    const parsed = await simpleParser(Buffer.from(input.Content!.Raw!.Data!));
    expect(parsed.subject).toBe('Your profile — Łukasz');
    expect(parsed.html).toContain('Hello Łukasz');
    expect(parsed.text?.trim()).toBe('Hello Łukasz');
    expect(parsed.attachments.map((a) => [a.filename, a.contentType, a.content.toString()])).toEqual([
      ['profile.pdf', 'application/pdf', '%PDF-1.7 test'],
    ]);
  });

  it('lets SES throttling through so the queue retries the message', async () => {
    ses
      .on(SendEmailCommand)
      .rejects(
        Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'TooManyRequestsException' }),
      );
    await expect(sesMailer(undefined).send(email)).rejects.toThrow('Maximum sending rate exceeded.');
  });

  it('refuses a message over the SES size limit rather than sending it', async () => {
    const huge = {
      ...email,
      attachments: [{ ...email.attachments[0]!, content: Buffer.alloc(8 * 1024 * 1024) }],
    };
    await expect(sesMailer(undefined).send(huge)).rejects.toThrow(/exceeds SES/);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });
});
