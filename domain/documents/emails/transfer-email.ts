import { withoutBidiControls } from '../safe-text.ts';
import { inviteEmail, productNames } from './invitation-emails.ts';
import type { RenderedEmail } from './layout.ts';

/**
 * The transfer email, exactly as sent and as previewed: who gives how many uses of what, the
 * personal message (plain text: escaped in the HTML, kept as written in the text part) and the
 * accept link. It names uses only; a transfer never carries results.
 */
export function transferEmail(input: {
  senderName: string;
  product: 'introductory' | 'expert';
  quantity: number;
  message?: string | undefined;
  acceptUrl: string;
  recipientEmail: string;
  expiresOn: string;
  support: string;
}): RenderedEmail {
  const uses = `${input.quantity} ${productNames[input.product]} use${input.quantity === 1 ? '' : 's'}`;
  return inviteEmail({
    // The sender's name is theirs to choose; in a header it must not reorder what the reader sees.
    subject: `${withoutBidiControls(input.senderName)} transferred ${uses} to you`,
    lines: [
      'Hello,',
      `${input.senderName} has transferred ${uses} to you, to send to the people you work with.`,
      `Sign in as a practitioner with this exact email address: ${input.recipientEmail}. Then accept the transfer with the link below before ${input.expiresOn}; after that the uses go back to ${input.senderName}.`,
    ],
    message: input.message === undefined ? undefined : { from: input.senderName, text: input.message },
    action: { label: 'Accept the transfer', url: input.acceptUrl },
    help: `Questions? Write to ${input.support}.`,
  });
}
