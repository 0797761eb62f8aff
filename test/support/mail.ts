import { simpleParser } from 'mailparser';
import { eventually, mailbox, stack, type SentEmail } from './api.ts';

/**
 * Reading what the local SES emulator received, as a recipient would: the first email to an
 * address (optionally with a given subject), and the links and tokens in its text.
 */
export const emailTo = (
  address: string,
  subject?: string | ((subject: string) => boolean),
): Promise<SentEmail> =>
  eventually(
    async () =>
      (await mailbox()).find(
        (m) =>
          m.destination.to.includes(address) &&
          (subject === undefined ||
            (typeof subject === 'string' ? m.subject === subject : subject(m.subject))),
      ),
    30_000,
  );

/** The invitation token in an invitation email's accept link. */
export const acceptToken = (mail: SentEmail) =>
  new URL(/https?:\/\/\S+\/invitations\/accept\?token=\S+/.exec(mail.body.text ?? '')![0]).searchParams.get(
    'token',
  )!;

/** The download link (`…/v1/links/<token>`) in an email's text, if any. */
export const linkIn = (text: string | undefined) =>
  /https?:\/\/\S+\/v1\/links\/[A-Za-z0-9_-]+/.exec(text ?? '')?.[0];

/** The token of the download link in an email. */
export const linkToken = (mail: SentEmail) => /\/v1\/links\/([A-Za-z0-9_-]+)/.exec(mail.body.text ?? '')![1]!;

/** The whole MIME message as sent, parsed by a real mail parser (attachments included). */
export async function rawEmail(messageId: string) {
  // The emulator rebuilds the .eml of a stored message: {body: <Buffer as JSON>}.
  const response = await fetch(
    `${stack().mailboxUrl}/get-emlContent?messageId=${encodeURIComponent(messageId)}`,
  );
  const { body } = (await response.json()) as { body: { data: number[] } };
  return simpleParser(Buffer.from(body.data));
}
